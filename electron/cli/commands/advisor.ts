/**
 * `check`, `commands`, `checklist`, `upgrade`, `compare`: the advisor over one planned context.
 * Each prints JSON with `--json` (shapes in the README) or readable text; `checklist` also writes
 * Markdown, HTML or PDF to `--out FILE`.
 */
import { writeFile } from 'node:fs/promises';
import { compareBuilds, parseBuild, BuildParseError } from '@shared/engine/advisor/compare';
import { rankUpgrades } from '@shared/engine/advisor/upgrade';
import { buildChecklist } from '@shared/engine/checklist/build-checklist';
import { checklistPdf } from '@shared/engine/checklist/checklist-pdf';
import { checklistHtml, checklistMarkdown } from '@shared/engine/checklist/render-checklist';
import { runChecks } from '@shared/engine/checks/run-checks';
import { buildCommands } from '@shared/engine/commands/build-commands';
import { closestGpus } from '@shared/catalog/gpu-lookup';
import { CliUsageError } from '../cli-error';
import type { CliIo } from '../io';
import {
  advisorContext,
  parseAdvisorArgs,
  type AdvisorContext,
  type AdvisorValues,
} from '../options/advisor-options';

const checksOf = (ctx: AdvisorContext) =>
  runChecks({
    profile: ctx.profile,
    machine: ctx.request.machine,
    plan: ctx.result,
    strategy: ctx.strategy,
    notes: ctx.notes,
    request: ctx.request,
  });

const commandsOf = (ctx: AdvisorContext, v: AdvisorValues) =>
  buildCommands(ctx.result, ctx.strategy, ctx.request.model, {
    modelPath: v['model-path'],
    gpuMemoryUtilization: ctx.request.gpuMemoryUtilization ?? undefined,
  });

async function runCheck(v: AdvisorValues, io: CliIo): Promise<number> {
  const checks = checksOf(await advisorContext(v));
  if (v.json) io.out(JSON.stringify({ checks }, null, 2));
  else
    for (const c of checks)
      io.out(
        `${c.status.toUpperCase().padEnd(8)} ${c.area.padEnd(9)} ${c.reason}${c.fix ? `\n         fix: ${c.fix}` : ''}`,
      );
  return 0;
}

async function runCommands(v: AdvisorValues, io: CliIo): Promise<number> {
  const commands = commandsOf(await advisorContext(v), v).map(
    ({ runtime, role, title, argv, env, bash, powershell, notes, files }) => ({
      runtime,
      role,
      title,
      argv,
      env,
      bash,
      powershell,
      notes,
      files,
    }),
  );
  if (v.json) io.out(JSON.stringify({ commands }, null, 2));
  else
    for (const c of commands)
      io.out(
        [
          `# ${c.runtime} (${c.role})${c.title ? ` — ${c.title}` : ''}`,
          ...(c.files ?? []).flatMap((f) => [`# ${f.name}:`, f.content]),
          c.bash,
          ...c.notes.map((n) => `#  ${n}`),
          '',
        ].join('\n'),
      );
  return 0;
}

const CHECKLIST_FORMATS = ['md', 'html', 'pdf'] as const;

async function writeOut(path: string, content: string | Uint8Array, io: CliIo): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (error) {
    throw new CliUsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
  io.progress(`Wrote ${path}`);
}

async function runChecklist(v: AdvisorValues, io: CliIo): Promise<number> {
  const format = v.format ?? 'md';
  if (!(CHECKLIST_FORMATS as readonly string[]).includes(format))
    throw new CliUsageError(`--format must be md, html or pdf (got "${format}")`);
  const ctx = await advisorContext(v);
  const list = buildChecklist({
    machine: ctx.request.machine,
    plan: ctx.result,
    strategy: ctx.strategy,
    checks: checksOf(ctx),
    commands: commandsOf(ctx, v),
  });
  if (format === 'pdf') {
    // PDF is binary: it goes to a file, never into a terminal or a text pipe.
    if (!v.out) throw new CliUsageError('--format pdf writes a binary file: give --out FILE.pdf');
    await writeOut(v.out, await checklistPdf(list), io);
    return 0;
  }
  const text = format === 'html' ? checklistHtml(list) : checklistMarkdown(list);
  if (v.out) await writeOut(v.out, `${text}\n`, io);
  else io.out(text);
  return 0;
}

function priceOverrides(raw: readonly string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of raw ?? []) {
    const m = /^([^=]+)=(\d+(?:\.\d+)?)$/.exec(entry);
    if (!m) throw new CliUsageError(`--price takes GPU=USD, e.g. "RTX 3090=700" (got "${entry}")`);
    const gpu = closestGpus(m[1] as string, 1)[0];
    if (!gpu) throw new CliUsageError(`--price: unknown GPU "${m[1]}"`);
    out[gpu.id] = Number(m[2]);
  }
  return out;
}

async function runUpgrade(v: AdvisorValues, io: CliIo): Promise<number> {
  const ctx = await advisorContext(v);
  const result = rankUpgrades({
    request: ctx.request,
    profile: ctx.profile,
    psuWatts: ctx.notes.psu.watts,
    priceOverrides: priceOverrides(v.price),
  });
  const options = result.options.map(
    ({ gpu, priceUsd, feasible, blockers, strategy, decodeTokPerSec, gainPerDollar }) => ({
      gpu,
      priceUsd,
      feasible,
      blockers,
      strategy,
      decodeTokPerSec,
      gainPerDollar,
    }),
  );
  if (v.json) io.out(JSON.stringify({ baseline: result.baseline, options }, null, 2));
  else {
    io.out(
      `Now: ${result.baseline.strategy ?? 'nothing fits'} at ${result.baseline.decodeTokPerSec?.toFixed(1) ?? '—'} tok/s`,
    );
    for (const o of options.slice(0, 20))
      io.out(
        `${o.feasible ? '  ' : '✗ '}${o.gpu.padEnd(40)} ${o.decodeTokPerSec?.toFixed(1).padStart(6) ?? '     —'} tok/s  ${o.priceUsd ? `$${o.priceUsd}` : 'price ?'}  ${o.gainPerDollar ? `+${o.gainPerDollar.toFixed(2)} tok/s per $1000` : ''}${o.blockers.length ? `  (${o.blockers.join('; ')})` : ''}`,
      );
  }
  return 0;
}

async function runCompare(v: AdvisorValues, io: CliIo): Promise<number> {
  const raw = v.build ?? [];
  if (raw.length < 2 || raw.length > 4)
    throw new CliUsageError(
      'compare takes 2 to 4 --build options, e.g. --build "RTX 4090" --build "2x RTX 3090"',
    );
  let builds;
  try {
    builds = raw.map(parseBuild);
  } catch (error) {
    if (error instanceof BuildParseError)
      throw new CliUsageError(
        `unknown GPU "${error.message}" in --build; closest: ${closestGpus(error.message, 5)
          .map((g) => g.name)
          .join(', ')}`,
      );
    throw error;
  }
  // With no machine given, the first build stands in for the platform (RAM defaults are stated as assumptions).
  const withMachine =
    v.replay || v.profile || v.gpu?.length ? v : { ...v, gpu: builds[0]!.gpus.map((g) => g.id) };
  const ctx = await advisorContext(withMachine);
  const result = compareBuilds(builds, ctx.request);
  if (v.json) io.out(JSON.stringify(result, null, 2));
  else {
    for (const b of result.builds)
      io.out(
        `${b.build.padEnd(24)} ${b.fits ? 'fits' : 'does not fit'}  ${b.decodeTokPerSec?.expected.toFixed(1) ?? '—'} tok/s  ${b.priceUsd ? `$${b.priceUsd}` : 'price ?'}  PSU ≥ ${b.psuWattsNeeded ?? '?'} W\n    ${b.notes.join('\n    ')}`,
      );
    io.out(`\n${result.verdict}`);
  }
  return 0;
}

export const ADVISOR_COMMANDS: Readonly<Record<string, (v: AdvisorValues, io: CliIo) => Promise<number>>> = {
  check: runCheck,
  commands: runCommands,
  checklist: runChecklist,
  upgrade: runUpgrade,
  compare: runCompare,
};

export function runAdvisor(command: string, argv: readonly string[], io: CliIo): Promise<number> {
  const run = ADVISOR_COMMANDS[command];
  if (!run) throw new CliUsageError(`unknown command "${command}"`);
  return run(parseAdvisorArgs(argv), io);
}
