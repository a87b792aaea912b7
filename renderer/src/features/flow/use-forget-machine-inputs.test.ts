import { describe, expect, it } from 'vitest';
import { replacesMachine } from './use-forget-machine-inputs';

const live = { kind: 'live' } as const;
const capture = (label: string) => ({ kind: 'capture', label }) as const;
const saved = { kind: 'saved', label: 'Lab', machineId: 'm1' } as const;

describe('replacesMachine', () => {
  it('keeps the entries for the first machine shown and for a rescan of the same one', () => {
    expect(replacesMachine(null, live)).toBe(false);
    expect(replacesMachine(live, live)).toBe(false);
    expect(replacesMachine(capture('/a'), capture('/a'))).toBe(false);
  });
  it('clears them when another capture or this computer replaces the machine', () => {
    expect(replacesMachine(live, capture('/a'))).toBe(true);
    expect(replacesMachine(capture('/a'), capture('/b'))).toBe(true);
    expect(replacesMachine(capture('/a'), live)).toBe(true);
    expect(replacesMachine(saved, live)).toBe(true);
  });
  it('leaves a saved machine its own entries', () => expect(replacesMachine(live, saved)).toBe(false));
});
