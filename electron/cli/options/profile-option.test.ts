/**
 * `--profile FILE` takes a saved `scan --json`: any other JSON (valid, but the wrong shape) is one line
 * and exit 2, never a TypeError from deep inside the planner.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCliIo } from '../../../test/support/cli-io';
import { runCli } from '../main';
import { tempDirs } from '../../../test/support/temp-dirs';

const newTempDir = tempDirs('rig-profile-');

const FIXTURES = resolve(__dirname, '../../../fixtures/capture-dirs');
const dir = newTempDir();

async function run(args: readonly string[]) {
  const io = captureCliIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

function profileFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A saved profile as plain JSON, to spoil one part of it. */
type Json = Record<string, unknown> & { gpus: Record<string, unknown>[] };

let saved: Json;
beforeAll(async () => {
  const r = await run(['scan', '--replay', join(FIXTURES, 'dual-rtx-a5000'), '--json']);
  saved = JSON.parse(r.out) as Json;
});

const plan = (path: string) => run(['plan', '--profile', path, '--model', 'llama-3.1-8b']);

describe('--profile', () => {
  it('a saved scan --json plans', async () => {
    const r = await plan(profileFile('ok.json', JSON.stringify(saved)));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['an empty object', '{}'],
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"profile"'],
    ['a number', '5'],
    ['gpus not an array', '{"gpus": 5}'],
    ['a GPU that is not an object', '{"gpus": [5]}'],
    ['a GPU without fields', '{"gpus": [{}]}'],
    ['only gpus', '{"gpus": [{"index": 0, "name": "RTX 3090"}]}'],
    ['not JSON', '{"gpus": ['],
    ['an empty file', ''],
  ])('%s: one line, exit 2', async (name, text) => {
    const path = profileFile(`${name.replace(/\W+/g, '-')}.json`, text);
    const r = await plan(path);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(`--profile ${path} is not a saved \`scan --json\` profile`);
  });

  it.each([
    ['a GPU name that is a number', (p: Json) => p.gpus.forEach((g) => (g.name = 5))],
    ['memory missing', (p: Json) => delete p.memory],
    ['a negative VRAM', (p: Json) => p.gpus.forEach((g) => (g.vramMiB = -1))],
    ['gpuLinks not an array', (p: Json) => (p.gpuLinks = {})],
  ])('a saved profile with %s: one line, exit 2', async (name, spoil) => {
    const p = structuredClone(saved);
    spoil(p);
    const r = await plan(profileFile(`spoilt-${name.replace(/\W+/g, '-')}.json`, JSON.stringify(p)));
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/is not a saved `scan --json` profile \(.+\)$/);
  });
});
