#!/usr/bin/env bash
# Every test, in order: static checks, unit tests (Vitest), security scan, build, browser e2e (Chromium),
# Electron e2e (skips with its reason where no Electron binary exists). Ends with one plain line
# `N passed, N failed, N skipped` summing every runner; each static check counts as one test.
#
# The static checks and the build are single-threaded Node processes and Vitest's workers wait on
# imports much of the time, so the three run as lanes at once (each lane's log is printed when all are
# done). Alone on two cores that saves little (129 s against 135 s in a row); beside another job it
# fills the gaps each leaves. Playwright then runs alone on every core, because its tests wait on a
# browser and must not be starved. Each step prints its wall time.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT

# Lanes run in subshells: each check appends `pass NAME` or `fail NAME` to this file, summed at the end.
checks_file="$results_dir/checks"
touch "$checks_file"

check() { # name, command...
  local name=$1 start=$SECONDS
  shift
  echo "=== $name"
  if "$@"; then echo "pass $name" >>"$checks_file"; else echo "fail $name" >>"$checks_file"; echo "!!! $name failed"; fi
  echo "--- $name: $((SECONDS - start)) s"
}

add_counts() { # json file with {passed, failed, skipped}
  [ -f "$1" ] || return 1
  eval "$(node -e 'const c=require(process.argv[1]); console.log(`p=${c.passed} f=${c.failed} s=${c.skipped}`)' "$1")"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

checks_lane() {
  check typecheck npm run -s typecheck
  check "security scan (electronegativity)" npm run -s test:security
}
build_lane() {
  check build npm run -s build
  check lint npm run -s lint
}

unit_lane() {
  local start=$SECONDS
  echo "=== unit tests (vitest)"
  COUNT_FILE="$results_dir/vitest.json" npx vitest run || true
  echo "--- vitest: $((SECONDS - start)) s"
}

echo "=== typecheck, security scan | build, lint | unit tests (three lanes at once; their logs follow)"
start=$SECONDS
checks_lane >"$results_dir/checks-lane.log" 2>&1 &
checks_pid=$!
build_lane >"$results_dir/build-lane.log" 2>&1 &
build_pid=$!
unit_lane >"$results_dir/unit-lane.log" 2>&1 &
unit_pid=$!
wait "$checks_pid" "$build_pid" "$unit_pid"
cat "$results_dir/checks-lane.log" "$results_dir/build-lane.log" "$results_dir/unit-lane.log"
add_counts "$results_dir/vitest.json" || { echo "!!! vitest produced no results"; failed=$((failed + 1)); }
echo "--- all three lanes: $((SECONDS - start)) s"

echo "=== e2e (playwright: browser in Chromium, electron where a binary exists)"
start=$SECONDS
rm -f test-results/playwright.json
npx playwright test || true
if [ -f test-results/playwright.json ]; then
  node -e '
    const report = require(process.argv[1]);
    const s = report.stats;
    // Say why each skipped test was skipped (e.g. no Electron binary here), not just that it was.
    const walk = (suite) => [...(suite.suites ?? []).flatMap(walk), ...(suite.specs ?? []).flatMap((spec) => spec.tests.map((t) => ({ spec, t })))];
    for (const { spec, t } of report.suites.flatMap(walk)) {
      if (t.status !== "skipped") continue;
      const why = [...(t.annotations ?? []), ...t.results.flatMap((r) => r.annotations ?? [])].find((a) => a.type === "skip")?.description;
      console.log(`skipped: [${t.projectName}] ${spec.title} — ${why ?? "no reason given"}`);
    }
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }));
  ' "$PWD/test-results/playwright.json" "$results_dir/pw-counts.json"
  add_counts "$results_dir/pw-counts.json"
else
  echo "!!! playwright produced no results"; failed=$((failed + 1))
fi
echo "--- e2e: $((SECONDS - start)) s"

passed=$((passed + $(grep -c '^pass ' "$checks_file")))
failed=$((failed + $(grep -c '^fail ' "$checks_file")))

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
