/**
 * `check`, `commands`, `checklist`, `upgrade`, `compare`: the advisor's answer for the machine and
 * model in the options. Each prints JSON with `--json` (shapes in the README) or readable text;
 * `checklist` also writes Markdown, HTML or PDF to `--out FILE`. The advisor decides; this file words.
 */
import { PRICE_TAG } from '@shared/catalog/gpu-price';
import { writeFile } from 'node:fs/promises';
import { advise, requestFor, type Advice } from '@shared/engine/advisor/advise';
import { compareBuilds, parseBuild, BuildParseError } from '@shared/engine/advisor/compare';
import { rankUpgrades } from '@shared/engine/advisor/upgrade';
import { checklistPdf } from '@shared/engine/checklist/checklist-pdf';
import { requirementText } from '@shared/engine/commands/flags';
import { wordCheck, wordChecklist } from '@shared/engine/checklist/input-wording';
import { checklistHtml, checklistMarkdown } from '@shared/engine/checklist/render-checklist';
import { closestGpus } from '@shared/catalog/gpu-lookup';
import { CliUsageError } from '../cli-error';
import { cliInputWords, suggestionFlags, withHow } from '../input-words';
import type { CliIo } from '../io';
import { adviceFromOptions, parseAdviceArgs, type AdviceValues } from '../options/advice-options';
import { requireStrategy } from './plan';

/** The advice for the options, or exit 2 when no runtime can run the model here at all. */
async function adviceOf(v: AdviceValues): Promise<Advice> {
  const { input } = await adviceFromOptions(v);
  const advice = advise(input);
  requireStrategy(advice, v);
  if (!advice.strategy)
    throw new CliUsageError(`no runtime can run ${advice.request.model.quantLabel} on this machine`);
  return advice;
}

async function runCheck(v: AdviceValues, io: CliIo): Promise<number> {
  const advice = await adviceOf(v);
  const checks = advice.checks.map((c) => wordCheck(c, cliInputWords));
  if (v.json) io.out(JSON.stringify({ checks, suggestions: advice.suggestions.map(withHow) }, null, 2));
  else {
    for (const c of checks)
      io.out(
        `${c.status.toUpperCase().padEnd(8)} ${c.area.padEnd(9)} ${c.reason}${c.fix ? `\n         fix: ${c.fix}` : ''}`,
      );
    for (const s of advice.suggestions)
      io.out(`SUGGEST  ${s.kind.padEnd(9)} ${s.summary}\n         ${suggestionFlags(s.change)}`);
  }
  return 0;
}

async function runCommands(v: AdviceValues, io: CliIo): Promise<number> {
  const commands = (await adviceOf(v)).commands.map(
    ({ runtime, role, title, argv, env, bash, powershell, notes, files, requires, expected }) => ({
      runtime,
      role,
      title,
      argv,
      env,
      bash,
      powershell,
      notes,
      files,
      requires,
      needs: requires ? requirementText(requires) : null,
      ...(expected ? { expected } : {}),
    }),
  );
  if (v.json) io.out(JSON.stringify({ commands }, null, 2));
  else
    for (const c of commands)
      io.out(
        [
          `# ${c.runtime} (${c.role})${c.title ? ` — ${c.title}` : ''}`,
          ...(c.needs ? [`# ${c.needs}`] : []),
          ...(c.expected?.length
            ? [
                `# expect (tok/s): ${c.expected.map((e) => `${e.test} ${e.tokPerSec.expected.toFixed(1)} (${e.tokPerSec.low.toFixed(0)}–${e.tokPerSec.high.toFixed(0)})`).join(', ')}`,
              ]
            : []),
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

async function runChecklist(v: AdviceValues, io: CliIo): Promise<number> {
  const format = v.format ?? 'md';
  if (!(CHECKLIST_FORMATS as readonly string[]).includes(format))
    throw new CliUsageError(`--format must be md, html or pdf (got "${format}")`);
  const advice = await adviceOf(v);
  if (!advice.checklist) throw new CliUsageError('nothing to build a checklist for');
  const list = wordChecklist(advice.checklist, cliInputWords);
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

const MARK = { feasible: '  ', 'needs-psu': '⚡ ', blocked: '✗ ' } as const;

const COMPAT_MARK = { ok: '✓', unknown: '?', warn: '!', no: '✕' } as const;

async function runUpgrade(v: AdviceValues, io: CliIo): Promise<number> {
  const { input, newCardSlot } = await adviceFromOptions(v, { newCard: true });
  const result = rankUpgrades({
    request: requestFor(input.machine, input.model, input.run),
    profile: input.profile,
    notes: input.notes,
    slot: newCardSlot,
    priceOverrides: priceOverrides(v.price),
  });
  // What `upgrade --json` prints of each option (the range and the catalog id stay internal).
  const options = result.options.map(({ decodeRange: _range, gpuId: _id, ...printed }) => printed);
  if (v.json)
    io.out(
      JSON.stringify(
        { baseline: result.baseline, slot: result.slot, excluded: result.excluded, options },
        null,
        2,
      ),
    );
  else {
    io.out(
      `Now: ${result.baseline.strategy ?? 'nothing fits'} at ${result.baseline.decodeTokPerSec?.toFixed(1) ?? '—'} tok/s${result.slot ? `; the new card: ${result.slot}` : ''}`,
    );
    if (result.baseline.bestToday)
      io.out(
        `Without a new card: ${result.baseline.bestToday.strategy} at ${result.baseline.bestToday.decodeTokPerSec.toFixed(1)} tok/s; the gains count only what a card adds beyond that.`,
      );
    io.out(
      'Prices: your --price, else a dated used/street price with its source, else the launch MSRP (tagged MSRP: today it may differ).',
    );
    for (const e of result.excluded) io.out(`Not listed: ${e}.`);
    for (const o of options.slice(0, 20)) {
      io.out(
        `${MARK[o.status]}${o.gpu.padEnd(40)} ${o.decodeTokPerSec?.toFixed(1).padStart(6) ?? '     —'} tok/s  ${o.priceUsd ? `$${o.priceUsd} ${o.priceBasis ? PRICE_TAG[o.priceBasis] : ''}` : 'price ?'}  ${o.gainPerDollar ? `+${o.gainPerDollar.toFixed(2)} tok/s per $1000` : ''}${[...o.blockers, ...o.notes].length ? `  (${[...o.blockers, ...o.notes].join('; ')})` : ''}`,
      );
      // The compatibility list in one line: ✓ ok, ? not known, ! with a caveat, ✕ stops it.
      io.out(`    ${o.compat.map((l) => `${COMPAT_MARK[l.status]} ${l.label}`).join('  ')}`);
    }
  }
  return 0;
}

async function runCompare(v: AdviceValues, io: CliIo): Promise<number> {
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
  const given = v.replay || v.profile || v.gpu?.length || v.node?.length;
  const platform = given ? v : { ...v, gpu: builds[0]!.gpus.map((g) => g.id), slot: [], link: undefined };
  const { input, description } = await adviceFromOptions(platform);
  const result = compareBuilds(builds, {
    request: requestFor(input.machine, input.model, input.run),
    notes: input.notes,
    link: description.link ?? null,
    slots: v.slot ? description.slots : [],
  });
  if (v.json) io.out(JSON.stringify(result, null, 2));
  else {
    for (const b of result.builds)
      io.out(
        `${b.build.padEnd(24)} ${b.fit === 'gpu' ? 'fits on GPUs' : b.fit === 'offload' ? 'fits w/ RAM' : 'does not fit'}  ${b.decodeTokPerSec?.expected.toFixed(1) ?? '—'} tok/s  ${b.priceUsd ? `$${b.priceUsd} (${b.priceLabel ?? ''})` : 'price ?'}  PSU ≥ ${b.psuWattsNeeded ?? '?'} W\n    ${[...b.blockers, ...b.notes].join('\n    ')}`,
      );
    io.out(`\n${result.verdict}`);
  }
  return 0;
}

export const ADVISOR_COMMANDS: Readonly<Record<string, (v: AdviceValues, io: CliIo) => Promise<number>>> = {
  check: runCheck,
  commands: runCommands,
  checklist: runChecklist,
  upgrade: runUpgrade,
  compare: runCompare,
};

export function runAdvisor(command: string, argv: readonly string[], io: CliIo): Promise<number> {
  const run = ADVISOR_COMMANDS[command];
  if (!run) throw new CliUsageError(`unknown command "${command}"`);
  return run(parseAdviceArgs(argv), io);
}
