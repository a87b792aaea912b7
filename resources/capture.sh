#!/bin/sh
# capture.sh: Rig Advisor hardware capture for Linux machines without Node (servers, rented boxes).
# Writes a capture directory, format 1: the same file names and manifest.json as `rig-advisor capture`,
# so the app or the CLI can read it anywhere (`scan --replay DIR`). It only reads: no settings change.
# Runs as a normal user; as root it also runs dmidecode (slots, DIMMs).
#
#   sh capture.sh [-o DIR | --out DIR] [--redact]
#
# POSIX sh with coreutils, grep and sed; awk only for --redact. Every tool runs under `timeout` when
# that exists, with stdin from /dev/null so `curl … | sh` cannot have its script eaten by a child, and
# its output cut at 8 MiB (`head -c`).

set -u
LC_ALL=C
LANG=C
export LC_ALL LANG

VERSION='0.1.0'
OUT=''
REDACT=false
# Seconds per tool, and bytes kept of one tool's output (an endless tool once wrote 6.3 GB in 10 s).
# The environment overrides exist for tests.
TOOL_TIMEOUT=${RIG_CAPTURE_TIMEOUT:-10}
MAX_OUTPUT=${RIG_CAPTURE_MAX_OUTPUT:-8388608}
NV_FIELDS='index,uuid,name,pci.bus_id,pci.device_id,memory.total,memory.used,power.limit,power.default_limit,power.max_limit,pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current,pcie.link.width.max,temperature.gpu,driver_version,compute_cap,mig.mode.current'
# Drivers before ~510 reject compute_cap ("is not a valid field to query"): one retry without it.
NV_FIELDS_OLD='index,uuid,name,pci.bus_id,pci.device_id,memory.total,memory.used,power.limit,power.default_limit,power.max_limit,pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current,pcie.link.width.max,temperature.gpu,driver_version,mig.mode.current'
ROCM_ARGS='--showproductname --showmeminfo vram --showbus --showtopo --showpower --showmaxpower --showdriverversion --json'
ROCM_ARGS_OLD='--showproductname --showmeminfo vram --showbus --json'
KNOWN_FILES='nvidia-smi-query.csv nvidia-smi-q.xml nvidia-smi-q.txt nvidia-smi-topo.txt nvidia-smi-p2p.txt nvidia-smi-nvlink.txt rocm-smi.txt rocm-smi.json amd-smi.json lspci.txt dmidecode.txt cpuinfo.txt meminfo.txt sysfs-pci.json dmi-id.json systeminformation.json win-videocontroller.txt win-computersystem.txt win-processor.txt win-baseboard.txt mac-displays.json mac-hardware.json manifest.json'
TAB=$(printf '\t')

usage() {
  printf '%s\n' 'Usage: sh capture.sh [-o DIR | --out DIR] [--redact]' \
    '  -o, --out DIR  write the capture here (default: ./rig-capture-<UTC time>)' \
    '  --redact       replace GPU UUIDs, serial numbers and host names with placeholders'
}

die() {
  printf 'capture.sh: %s\n' "$1" >&2
  exit 2
}

note() { printf 'capture.sh: %s\n' "$1" >&2; }

has() { command -v "$1" >/dev/null 2>&1; }

# A folder name that is empty or looks like an option is a mistake (`-o --help` once ran mkdir's help).
set_out() {
  case $2 in
    '' | -*) die "$1 needs a folder name, not '$2' (a folder whose name starts with '-' is written ./-name)" ;;
  esac
  OUT=$2
}

while [ $# -gt 0 ]; do
  case $1 in
    -o | --out)
      [ $# -ge 2 ] || die "$1 needs a folder name"
      set_out "$1" "$2"
      shift 2
      ;;
    --out=*) set_out --out "${1#--out=}"; shift ;;
    --redact) REDACT=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
case $TOOL_TIMEOUT in '' | *[!0-9]*) die "RIG_CAPTURE_TIMEOUT must be whole seconds" ;; esac
case $MAX_OUTPUT in '' | *[!0-9]* | 0) die "RIG_CAPTURE_MAX_OUTPUT must be whole bytes" ;; esac
[ -n "$OUT" ] || OUT="rig-capture-$(date -u +%Y%m%dT%H%M%SZ)"

# ---- JSON text --------------------------------------------------------------------------------
# stdin -> one JSON string body: control and non-ASCII bytes dropped (always valid UTF-8),
# lines joined first, then backslash, quote, tab and newline escaped.
json_escape() {
  tr -d '\000-\010\013-\037\177-\377' |
    sed -e ':a' -e '$!N' -e '$!ba' -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$TAB/\\\\t/g" -e 's/\n/\\n/g'
}

# $1 -> a quoted JSON string. Plain printable values skip the subprocesses (sysfs has hundreds).
json_str() {
  case $1 in
    *[\"\\]* | *[![:print:]]*) printf '"%s"' "$(printf '%s' "$1" | json_escape)" ;;
    *) printf '"%s"' "$1" ;;
  esac
}

# $1 = file -> its first line as a JSON string, or null when absent, unreadable or empty.
json_attr() {
  ja_v=''
  if [ -r "$1" ]; then { IFS= read -r ja_v <"$1"; } 2>/dev/null; fi
  if [ -n "$ja_v" ]; then json_str "$ja_v"; else printf 'null'; fi
}

# ---- manifest entries -------------------------------------------------------------------------
ENTRY_COUNT=0
# add_entry FILE COMMAND EXITCODE|null DURATION_MS ERRORKIND|null ERROR WRITTEN
add_entry() {
  [ "$ENTRY_COUNT" -eq 0 ] || printf ',\n' >>"$ENTRIES"
  ENTRY_COUNT=$((ENTRY_COUNT + 1))
  if [ "$5" = null ]; then ae_kind=null; else ae_kind="\"$5\""; fi
  if [ -z "$6" ]; then ae_err=null; else ae_err=$(json_str "$6"); fi
  printf '    "%s": {"command": %s, "exitCode": %s, "durationMs": %s, "errorKind": %s, "error": %s, "written": %s}' \
    "$1" "$(json_str "$2")" "$3" "$4" "$ae_kind" "$ae_err" "$7" >>"$ENTRIES"
  if [ "$5" = null ]; then ae_status=ok; else ae_status=$5; fi
  note "$1: $ae_status"
}

# Keeps a file only when it has content; prints true/false for the manifest.
keep_if_written() {
  if [ -s "$OUT/$1" ]; then printf true; else rm -f "$OUT/$1"; printf false; fi
}

# ---- running tools ----------------------------------------------------------------------------
TIMEOUT_CMD=''
if has timeout; then
  if timeout -k 2 5 true >/dev/null 2>&1; then
    TIMEOUT_CMD="timeout -k 2 $TOOL_TIMEOUT"
  elif timeout 5 true >/dev/null 2>&1; then
    TIMEOUT_CMD="timeout $TOOL_TIMEOUT"
  fi
fi
[ -n "$TIMEOUT_CMD" ] || note 'no usable timeout command: tools run without a time limit'

# `head -c` (coreutils, busybox) cuts each stream at MAX_OUTPUT; the tool then dies of SIGPIPE.
if [ "$(printf abc | head -c 2 2>/dev/null)" = ab ]; then
  CAP="head -c $MAX_OUTPUT"
else
  CAP=cat
  note "no head -c: tool output is not capped"
fi

# exec_tool FILE CMD ARGS... -> RT_CODE, RT_MS; stdout in the file, stderr in $ERR, each capped.
# A pipeline's status is its last command's (head's) and POSIX sh has no pipefail, so the tool's
# own status travels through $STATUS. fd 3 carries stdout past the inner pipe, which takes stderr.
exec_tool() {
  et_file=$1
  shift
  et_start=$(date +%s)
  echo 127 >"$STATUS"
  {
    {
      $TIMEOUT_CMD "$@" </dev/null 2>&1 1>&3 3>&-
      echo $? >"$STATUS"
    } | $CAP >"$ERR"
  } 3>&1 | $CAP >"$OUT/$et_file"
  read -r RT_CODE <"$STATUS"
  RT_MS=$((($(date +%s) - et_start) * 1000))
}

# PATH -> whether a stream filled the cap (the tool printed at least that much, the rest is cut).
hit_cap() {
  [ "$CAP" != cat ] || return 1
  hc_size=$(wc -c <"$1" 2>/dev/null) || return 1
  [ $((hc_size + 0)) -ge "$MAX_OUTPUT" ]
}

# record_tool FILE COMMANDLINE: classifies RT_CODE the way the app's runner does.
record_tool() {
  rt_err=$(head -n 5 "$ERR" 2>/dev/null)
  [ -n "$rt_err" ] || rt_err=$(head -n 5 "$OUT/$1" 2>/dev/null) # nvidia-smi complains on stdout
  rt_code=$RT_CODE
  if hit_cap "$OUT/$1"; then
    # Checked first: the tool was cut off (SIGPIPE), whatever status that gave it.
    rt_kind=too-large
    rt_code=null
    rt_err="printed more than $MAX_OUTPUT bytes; the file holds the first $MAX_OUTPUT"
  elif hit_cap "$ERR"; then
    rt_kind=too-large
    rt_code=null
    rt_err="printed more than $MAX_OUTPUT bytes of errors; stopped there"
  elif [ "$RT_CODE" -eq 0 ]; then
    rt_kind=null
    rt_err=''
  elif [ -n "$TIMEOUT_CMD" ] && { [ "$RT_CODE" -eq 124 ] || [ "$RT_CODE" -eq 137 ] || [ "$RT_CODE" -eq 143 ]; }; then
    # 124: coreutils after TERM; 137: after -k KILL; 143: busybox, which exits with the signal.
    rt_kind=timed-out
    rt_code=null
    rt_err="did not finish within $TOOL_TIMEOUT s"
  elif [ "$RT_CODE" -eq 127 ]; then
    rt_kind=missing-tool
  elif [ "$RT_CODE" -eq 126 ] || grep -qiE 'permission denied|must be run as root|operation not permitted|insufficient permissions' "$ERR" "$OUT/$1" 2>/dev/null; then
    rt_kind=not-permitted
  else
    rt_kind=failed
  fi
  add_entry "$1" "$2" "$rt_code" "$RT_MS" "$rt_kind" "$rt_err" "$(keep_if_written "$1")"
}

# run_tool FILE CMD ARGS...
run_tool() {
  ru_file=$1
  shift
  if ! has "$1"; then
    add_entry "$ru_file" "$*" null 0 missing-tool "$1 not found" false
    return 0
  fi
  exec_tool "$ru_file" "$@"
  record_tool "$ru_file" "$*"
}

# run_tool_retry FILE PATTERN "RETRY ARGS" CMD ARGS...: one more try with RETRY ARGS when the
# failed output matches PATTERN (an older tool rejecting a newer flag or field).
run_tool_retry() {
  rr_file=$1 rr_pattern=$2 rr_retry=$3
  shift 3
  if ! has "$1"; then
    add_entry "$rr_file" "$*" null 0 missing-tool "$1 not found" false
    return 0
  fi
  exec_tool "$rr_file" "$@"
  rr_cmd="$*"
  if [ "$RT_CODE" -ne 0 ] && grep -qiE "$rr_pattern" "$ERR" "$OUT/$rr_file" 2>/dev/null; then
    rr_ms=$RT_MS
    rr_cmd="$1 $rr_retry"
    # shellcheck disable=SC2086 # the retry arguments are fixed words, split on purpose
    exec_tool "$rr_file" "$1" $rr_retry
    RT_MS=$((RT_MS + rr_ms))
  fi
  record_tool "$rr_file" "$rr_cmd"
}

# read_file FILE PATH: copies /proc files (exitCode null: no tool ran, as in the app).
read_file() {
  if [ ! -e "$2" ]; then
    add_entry "$1" "$2" null 0 not-applicable "$2 does not exist" false
  elif cat "$2" >"$OUT/$1" 2>"$ERR"; then
    add_entry "$1" "$2" null 0 null '' "$(keep_if_written "$1")"
  else
    add_entry "$1" "$2" null 0 not-permitted "$(head -n 3 "$ERR")" "$(keep_if_written "$1")"
  fi
}

# ---- sysfs ------------------------------------------------------------------------------------
# The sysfs root can be moved for tests (a fake tree with hostile strings).
SYS_ROOT=${RIG_CAPTURE_SYS_ROOT:-/sys}
PCI_ROOT=$SYS_ROOT/bus/pci/devices
PCI_ATTRS='class:class vendor:vendor device:device currentLinkSpeed:current_link_speed currentLinkWidth:current_link_width maxLinkSpeed:max_link_speed maxLinkWidth:max_link_width numaNode:numa_node'

# One SysfsPciDevice object (shared/hardware/records.ts) per device; the resolved path shows the bridges.
sysfs_pci_json() {
  printf '['
  sp_sep=''
  for sp_dir in "$PCI_ROOT"/*; do
    [ -e "$sp_dir" ] || continue
    sp_path=$(cd "$sp_dir" 2>/dev/null && pwd -P)
    if [ -n "$sp_path" ]; then sp_path=$(json_str "$sp_path"); else sp_path=null; fi
    printf '%s\n  {"address": %s, "path": %s' "$sp_sep" "$(json_str "${sp_dir##*/}")" "$sp_path"
    for sp_pair in $PCI_ATTRS; do
      printf ', "%s": %s' "${sp_pair%%:*}" "$(json_attr "$sp_dir/${sp_pair#*:}")"
    done
    printf '}'
    sp_sep=','
  done
  printf '\n]\n'
}

capture_sysfs_pci() {
  if [ ! -d "$PCI_ROOT" ]; then
    add_entry sysfs-pci.json "$PCI_ROOT/*" null 0 not-applicable "$PCI_ROOT does not exist" false
    return 0
  fi
  cs_start=$(date +%s)
  sysfs_pci_json >"$OUT/sysfs-pci.json"
  add_entry sysfs-pci.json "$PCI_ROOT/*" null $((($(date +%s) - cs_start) * 1000)) null '' "$(keep_if_written sysfs-pci.json)"
}

DMI_ROOT=$SYS_ROOT/class/dmi/id
capture_dmi_id() {
  cd_cmd="$DMI_ROOT/{board_vendor,board_name,sys_vendor,product_name,bios_version}"
  if [ ! -d "$DMI_ROOT" ]; then
    add_entry dmi-id.json "$cd_cmd" null 0 not-applicable "$DMI_ROOT does not exist" false
    return 0
  fi
  # Serial-number files there are root-only and deliberately not read.
  printf '{\n  "boardVendor": %s,\n  "boardName": %s,\n  "sysVendor": %s,\n  "productName": %s,\n  "biosVersion": %s\n}\n' \
    "$(json_attr "$DMI_ROOT/board_vendor")" "$(json_attr "$DMI_ROOT/board_name")" "$(json_attr "$DMI_ROOT/sys_vendor")" \
    "$(json_attr "$DMI_ROOT/product_name")" "$(json_attr "$DMI_ROOT/bios_version")" >"$OUT/dmi-id.json"
  add_entry dmi-id.json "$cd_cmd" null 0 null '' "$(keep_if_written dmi-id.json)"
}

# ---- redaction --------------------------------------------------------------------------------
# Same idea as shared/hardware/redact.ts: stable placeholders over all files; GPU UUIDs stay UUID-shaped.
# awk because a value -> placeholder map is needed; no {n} intervals (old mawk lacks them).
REDACT_AWK='
function blank(v,  t) {
  t = tolower(v); gsub(/^[ \t"]+|[ \t"\r]+$/, "", t)
  return t ~ /^(n\/a|\[n\/a\]|none|unknown|not specified|not present|not available|not supported|to be filled by o\.e\.m\.|default string|system serial number|--|0x0*|[0 .:_-]*)$/ || t ~ /^redacted-/ || t ~ /^(mig-)?gpu-00000000-0000-0000-0000-/
}
function ph(kind, v,  k) {
  if (blank(v)) return v
  k = kind SUBSEP v
  if (!(k in map)) { cnt[kind]++; map[k] = "REDACTED-" kind "-" cnt[kind]; replaced++ }
  return map[k]
}
function gpu(u,  k) {
  k = tolower(substr(u, 5))
  if (k ~ /^[0-]+$/) return u
  if (!(k in gmap)) { gcnt++; gmap[k] = sprintf("00000000-0000-0000-0000-%012x", gcnt) }
  return substr(u, 1, 4) gmap[k]
}
function uuids(s,  out) {
  out = ""
  while (match(s, UUID)) { out = out substr(s, 1, RSTART - 1) gpu(substr(s, RSTART, RLENGTH)); s = substr(s, RSTART + RLENGTH) }
  return out s
}
function json_pairs(s,  out, pair, key, val, c) {
  out = ""
  while (match(s, /"[^"]*"[ \t]*:[ \t]*"[^"]*"/)) {
    pair = substr(s, RSTART, RLENGTH); c = index(pair, ":")
    key = tolower(substr(pair, 1, c)); val = substr(pair, c + 1); sub(/^[ \t]*"/, "", val); sub(/"$/, "", val)
    if (key ~ /serial|asset|unique id|uuid|udid|guid|hostname|fqdn/) pair = substr(pair, 1, c) " \"" ph(key ~ /serial|asset/ ? "SERIAL" : "ID", val) "\""
    out = out substr(s, 1, RSTART - 1) pair; s = substr(s, RSTART + RLENGTH)
  }
  return out s
}
function xml_tags(s,  open, rest, val, c) {
  if (!match(s, /<[A-Za-z_]*([Ss]erial|uuid|guid)[A-Za-z_]*>[^<]*<\//)) return s
  open = substr(s, RSTART, RLENGTH); c = index(open, ">")
  val = substr(open, c + 1, length(open) - c - 2)
  return substr(s, 1, RSTART - 1) substr(open, 1, c) ph(open ~ /[Ss]erial/ ? "SERIAL" : "ID", val) "</" substr(s, RSTART + RLENGTH)
}
function key_value(s,  c, key, val, lead) {
  c = index(s, ":"); if (c == 0) return s
  key = tolower(substr(s, 1, c - 1))
  if (key !~ /serial|uuid|asset tag/ || key ~ /capabilities/) return s
  val = substr(s, c + 1); match(val, /^[ \t]*/); lead = substr(val, 1, RLENGTH); val = substr(val, RLENGTH + 1)
  if (val == "") return s
  return substr(s, 1, c) lead ph(key ~ /uuid/ ? "ID" : "SERIAL", val)
}
function dsn(s,  v) {
  if (!match(s, /Device Serial Number [0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F-]+/)) return s
  v = substr(s, RSTART + 21, RLENGTH - 21)
  return substr(s, 1, RSTART + 20) ph("SERIAL", v) substr(s, RSTART + RLENGTH)
}
BEGIN { H = "[0-9a-fA-F]"; H4 = H H H H; UUID = "GPU-" H4 H4 "-" H4 "-" H4 "-" H4 "-" H4 H4 H4 }
FNR == 1 && prev != "" { close(prev ".redacted") }
{
  prev = FILENAME; line = uuids($0)
  if (FILENAME ~ /\.json$/) line = json_pairs(line)
  else if (FILENAME ~ /\.xml$/) line = xml_tags(line)
  else if (FILENAME !~ /\.csv$/) line = dsn(key_value(line))
  print line > (FILENAME ".redacted")
}
'

redact_files() {
  rd_list=''
  for rd_f in $KNOWN_FILES; do
    [ "$rd_f" != manifest.json ] && [ -s "$OUT/$rd_f" ] && rd_list="$rd_list $OUT/$rd_f"
  done
  [ -n "$rd_list" ] || return 0
  has awk || die "--redact needs awk; nothing was redacted (the capture is in $OUT)"
  # shellcheck disable=SC2086 # file list without spaces in names (only $OUT could have them; checked below)
  awk "$REDACT_AWK" $rd_list || die "redaction failed; the capture in $OUT is NOT redacted"
  for rd_f in $rd_list; do mv "$rd_f.redacted" "$rd_f" || die "redaction failed for $rd_f"; done
}

# ---- main -------------------------------------------------------------------------------------
# The awk file list is split on spaces, so --redact wants a plain path.
case $OUT in *[!A-Za-z0-9._/+-]*) [ "$REDACT" = false ] || die "--redact needs an output path without spaces or special characters" ;; esac
[ ! -e "$OUT" ] || [ -d "$OUT" ] || die "$OUT exists and is a file; choose a folder for the capture"

# Why $OUT/manifest.json is not one a capture wrote (nothing when it is). Ours is known by its fields,
# not its name, which browser extensions use too. A link is refused: rm would only drop the link,
# but nothing is replaced on the word of a file elsewhere.
foreign_manifest() {
  fm=$OUT/manifest.json
  if [ -L "$fm" ]; then
    printf 'is a symbolic link'
  elif [ ! -f "$fm" ]; then
    printf 'is not a regular file'
  elif ! grep -q '"format": *1,' "$fm" || ! grep -q '"capturedAt": *"' "$fm" ||
    ! grep -q '"platform": *"' "$fm" || ! grep -q '"files": *{' "$fm"; then
    printf 'is not a Rig Advisor capture manifest'
  fi
}

if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
  [ -e "$OUT/manifest.json" ] || [ -L "$OUT/manifest.json" ] ||
    die "$OUT is not empty and is not a capture directory; choose an empty or new folder"
  why=$(foreign_manifest)
  [ -z "$why" ] || die "$OUT is not a capture directory: its manifest.json $why; choose an empty or new folder"
  for f in $KNOWN_FILES; do rm -f "$OUT/$f"; done
fi
mkdir -p "$OUT" || die "cannot create $OUT"

ERR="$OUT/.stderr.$$"
ENTRIES="$OUT/.entries.$$"
STATUS="$OUT/.status.$$"
trap 'rm -f "$ERR" "$ENTRIES" "$STATUS"' EXIT
trap 'exit 130' INT TERM HUP
trap 'exit 141' PIPE # e.g. `sh capture.sh 2>&1 | head`: still remove the temporary files
: >"$ENTRIES"
CAPTURED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [ "$(id -u)" -eq 0 ]; then IS_ROOT=true; else IS_ROOT=false; fi
case $(uname -s) in Linux) PLATFORM=linux ;; Darwin) PLATFORM=darwin ;; *) PLATFORM=unknown ;; esac

run_tool_retry nvidia-smi-query.csv 'is not a valid field to query' "--query-gpu=$NV_FIELDS_OLD --format=csv" \
  nvidia-smi "--query-gpu=$NV_FIELDS" --format=csv
run_tool nvidia-smi-q.xml nvidia-smi -q -x
run_tool nvidia-smi-topo.txt nvidia-smi topo -m
run_tool nvidia-smi-p2p.txt nvidia-smi topo -p2p r
run_tool nvidia-smi-nvlink.txt nvidia-smi nvlink -s
# shellcheck disable=SC2086 # fixed flag list
run_tool_retry rocm-smi.json 'unrecognized arguments|invalid choice' "$ROCM_ARGS_OLD" rocm-smi $ROCM_ARGS
run_tool amd-smi.json amd-smi static --json
run_tool lspci.txt lspci -D -vvv -nn
capture_sysfs_pci
capture_dmi_id
if [ "$IS_ROOT" = true ]; then
  run_tool dmidecode.txt dmidecode -t 2,9,16,17
else
  add_entry dmidecode.txt 'dmidecode -t 2,9,16,17' null 0 not-permitted 'dmidecode needs root; not run as a normal user' false
fi
read_file cpuinfo.txt /proc/cpuinfo
read_file meminfo.txt /proc/meminfo
[ "$REDACT" = false ] || redact_files

{
  printf '{\n  "format": 1,\n  "version": "%s",\n  "platform": "%s",\n  "capturedAt": "%s",\n' "$VERSION" "$PLATFORM" "$CAPTURED_AT"
  printf '  "isRoot": %s,\n  "redacted": %s,\n  "writer": "capture.sh",\n  "files": {\n' "$IS_ROOT" "$REDACT"
  cat "$ENTRIES"
  printf '\n  }\n}\n'
} >"$OUT/manifest.json" || die "cannot write $OUT/manifest.json"
note "capture written to $OUT"
