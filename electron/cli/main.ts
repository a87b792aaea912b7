/**
 * The CLI: `scan`, `capture` and the advisor commands (`plan`, `check`, …) over the same services as the app.
 * Exit 0 on success; exit 2 with one line on stderr for bad input; exit 1 for a bug (with its stack).
 */
import { parseArgs } from 'node:util';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { CaptureDirError } from '../probe/capture-dir';
import { CliUsageError } from './cli-error';
import { runCapture } from './commands/capture';
import { runBench } from './commands/bench';
import { runPlan } from './commands/plan';
import { ADVISOR_COMMANDS, runAdvisor } from './commands/advisor';
import { runScan } from './commands/scan';
import type { CliIo } from './io';
import { usageFromParseArgs } from './options/parse-error';
import { flagNumber } from './options/ranges';
import { printableIo } from './printable';

export const USAGE = `Usage: rig-advisor <command> [options]

Commands:
  scan [--json] [--replay DIR]     Probe this machine (or replay a capture directory) and print it
  capture --out DIR [--redact]     Write this machine's capture directory (for --replay or a bug report)
  plan MACHINE --model M [...]     How a model fits and runs here: every strategy, memory per GPU, tokens/s
  check MACHINE --model M [...]    Capacity, power, cooling, slots/lanes and software checks with fixes
  commands MACHINE --model M       Launch commands for llama.cpp, vLLM, Ollama, SGLang, ExLlamaV2 (bash, PowerShell)
  checklist MACHINE --model M      Build checklist: --format md|html|pdf [--out FILE] (pdf needs --out)
  upgrade MACHINE --model M        Every catalog GPU as the next card, ranked by tokens/s gained per dollar
  compare --build B --build B …    2–4 builds side by side ("RTX 4090", "2x RTX 3090") with a verdict
  bench import FILE… MACHINE --model M [--json | --csv [--source NAME]] [--save FILE]
                                   What you measured (llama-bench: table, -o csv/json/jsonl/sql; llama.cpp load
                                   logs; vllm bench serve results and start-up logs) beside the plan's prediction
                                   for the same run; --save FILE keeps the runs (speeds) and the logs' compute
                                   buffers / vLLM overhead (memory) as this machine's calibration

Every advisor command (plan, check, commands, checklist, upgrade, compare) takes the same options:
Machine: --replay DIR | --profile FILE (saved scan --json) | --gpu NAME (repeat per card)
  [--link nvlink|pcie4x16|pcie3x8|pcie4 (= x16)|…] [--ram-gib N] [--ram-gbps N] [--power-limit GPU:W] (repeat)
  [--slot GPU:cpu|chipset[:GENxWIDTH]] (repeat; 1:chipset:4x4 = GPU 1 in a chipset Gen4 x4 slot; with upgrade,
    a --slot for the GPU after the last one is where the new card would go)
  [--gpu-model GPU=NAME] (repeat; with --replay/--profile: 0="RTX 3090" = GPU 0, unnamed or unknown to the catalog, is an RTX 3090)
  [--gpu-spec "NAME:vram=24GiB,bw=936GBs,tdp=350W[,tflops=71,pcie=4x16,mem=hbm]"] (repeat: a card the catalog
    lacks; alone, each is one card; else --gpu NAME, a detected GPU of that name or --gpu-model GPU=NAME uses it)
  [--node "2x RTX 3090[@ADDRESS]"] (repeat: other machines, or every machine with the first as this one)
  [--network 1gbe|2.5gbe|10gbe|25gbe|40gbe|100gbe|200gbe|ib-edr|ib-hdr|ib-ndr|thunderbolt]
Model: --model ID|FILE.gguf|config.json [--quant Q4_K_M|awq|fp8|4.0bpw|…] [--ctx N]
Run: [--runtime llama.cpp|vllm|ollama|sglang|exllamav2] [--split auto|none|layer|row|tensor|tp|pp|offload]
  [--strategy ID] [--concurrency N] [--goal latency|throughput|context]
  [--depth N] (tokens already in the context when decode speed is quoted; default half of --ctx)
  [--serving PROMPT:OUTPUT] (with --concurrency: each request's prompt and answer tokens; decode then
  includes the other requests' prompt processing)
  llama.cpp pins: [--tensor-split a,b] [--ngl N] [--n-cpu-moe N] [--cache-type-k T] [--cache-type-v T]
  [--ubatch N] [--flash-attn on|off] [--parallel N];  vLLM/SGLang: [--gpu-memory-utilization F]
Commands: [--runtime-version llama.cpp=b6000] (repeat per runtime: llama.cpp, vllm, sglang, ollama, tabbyapi;
  flags your version lacks get the older spelling or are left out, with a note)
Calibration: [--measurements FILE] (repeat: this machine's measured runs — a bench import --save file, shared
  calibration rows, or a llama-bench output of this model — calibrate its speeds; its load logs and vLLM start-up
  logs, its compute buffers and overhead, and so what fits; each calibrated figure says so)
Notes: [--psu-watts N] [--psu-pcie8 N] [--psu-12vhpwr N] [--psu-atx3] [--case-slots N] [--model-path PATH_OR_REPO]
  [--price "GPU=USD"] (upgrade)  [--json]

Options:
  --json            Print the hardware profile as JSON (progress goes to stderr)
  --replay DIR      Read a capture directory instead of probing this machine
  --out DIR         Where capture writes
  --redact          Replace serial numbers and GPU UUIDs in the capture
  --deadline-ms N   Give up on slow tools after N ms in total (default 10000)
  -h, --help        Show this help`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  replay: { type: 'string' },
  out: { type: 'string' },
  redact: { type: 'boolean', default: false },
  'deadline-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFromParseArgs(error, argv);
  }
}

/** Runs the CLI over `argv`; what it prints goes through `printableIo` (names from captures reach the terminal). */
export async function runCli(argv: readonly string[], terminal: CliIo): Promise<number> {
  const io = printableIo(terminal);
  try {
    // The advisor commands share one option set (options/advice-options.ts); scan and capture the small one above.
    if (argv[0] === 'plan') return await runPlan(argv.slice(1), io);
    if (argv[0] === 'bench') return await runBench(argv.slice(1), io);
    if (argv[0] && Object.hasOwn(ADVISOR_COMMANDS, argv[0]))
      return await runAdvisor(argv[0], argv.slice(1), io);
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 2;
    }
    if (rest.length) throw new CliUsageError(`unexpected argument "${rest[0]}" (see --help)`);
    const deadlineMs = flagNumber(values['deadline-ms'], '--deadline-ms') ?? undefined;
    switch (command) {
      case 'scan':
        return await runScan({ replay: values.replay, json: values.json, deadlineMs }, io);
      case 'capture':
        return await runCapture({ out: values.out, redact: values.redact, deadlineMs }, io);
      default:
        throw new CliUsageError(
          `unknown command "${command}" (commands: scan, capture, plan, check, commands, checklist, upgrade, compare, bench)`,
        );
    }
  } catch (error) {
    if (
      error instanceof CliUsageError ||
      error instanceof CaptureDirError ||
      error instanceof ModelImportError
    ) {
      io.error(`rig-advisor: ${error.message}`);
      return 2;
    }
    io.error(
      `rig-advisor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}
