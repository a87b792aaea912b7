/**
 * Number fields never clamp silently (issue 13): the repository's ESLint config refuses a Mantine
 * NumberInput in the renderer that keeps Mantine's default clamp-on-blur (−500 W became 1 W, 99,999,999 W
 * became 10,000 W). RangedNumberInput, or clampBehavior="none" with rangeError, says the range on the field.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function clampErrors(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, 'renderer/src/probe-x.tsx') });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax' && /never clamped/.test(m.message))
    .map((m) => m.message);
}

const IMPORT = "import { NumberInput } from '@mantine/core';\n";

describe('renderer number fields', () => {
  it('refuses a NumberInput that clamps on blur (Mantine’s default)', async () => {
    const code = `${IMPORT}export const F = () => <NumberInput label="PSU" min={1} max={10000} />;\n`;
    expect(await clampErrors(code)).toHaveLength(1);
  });

  it('accepts one that says the range instead of clamping', async () => {
    const code = `${IMPORT}export const F = () => <NumberInput label="PSU" clampBehavior="none" error={null} />;\n`;
    expect(await clampErrors(code)).toEqual([]);
  });
});
