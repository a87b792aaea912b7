/**
 * The layer rule (scripts/eslint/layers-rule.mjs) run through ESLint itself on the repository's config:
 * an upward or sideways import inside shared/ is an error; the allowed directions pass.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/direction').map((m) => m.message);
}

describe('layers/direction', () => {
  it.each([
    [
      'engine → settings',
      'shared/engine/probe-x.ts',
      "import type { AppState } from '../settings/app-state';",
    ],
    [
      'planner → advisor',
      'shared/engine/planner/probe-x.ts',
      "import { rankUpgrades } from '../advisor/upgrade';",
    ],
    [
      'hardware → model-import (sideways)',
      'shared/hardware/probe-x.ts',
      "export * from '../model-import/model-weights';",
    ],
    [
      'catalog → engine via the alias',
      'shared/catalog/probe-x.ts',
      "import { plan } from '@shared/engine/planner/planner';",
    ],
  ])('refuses %s', async (_name, file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    [
      'engine → model-import',
      'shared/engine/probe-x.ts',
      "import type { EngineModel } from '../model-import/model-weights';",
    ],
    ['advisor → planner', 'shared/engine/advisor/probe-x.ts', "import { plan } from '../planner/planner';"],
    [
      'settings → engine',
      'shared/settings/probe-x.ts',
      "import type { UserNotes } from '../engine/rig-notes';",
    ],
    [
      'renderer → anything (not layered)',
      'renderer/src/probe-x.ts',
      "import { plan } from '@shared/engine/planner/planner';",
    ],
  ])('allows %s', async (_name, file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
