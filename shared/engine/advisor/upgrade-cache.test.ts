/**
 * A typed price re-ranks Add a card without planning every card again: the same request, profile, notes
 * and slot reuse the plans; another request, or other notes, plan afresh.
 */
import { describe, expect, it, vi } from 'vitest';
import { planRequest } from '../../../test/support/plan-request';
import { EMPTY_USER_NOTES } from '../rig-notes';
import * as advise from './advise';
import { rankUpgrades } from './upgrade';

describe('rankUpgrades reuses its plans when only a price changes', () => {
  it('the second ranking with a typed price plans only today, and prices the cards anew', () => {
    const request = planRequest({ gpus: ['RTX 3090'], model: 'llama-3.1-70b' });
    const spy = vi.spyOn(advise, 'advise');
    const input = { request, profile: null, notes: EMPTY_USER_NOTES, candidates: ['rtx-3090', 'rtx-4090'] };
    const first = rankUpgrades(input);
    const afterFirst = spy.mock.calls.length;
    expect(afterFirst).toBe(3); // today + two cards
    const priced = rankUpgrades({ ...input, priceOverrides: { 'rtx-3090': 1 } });
    expect(spy.mock.calls.length - afterFirst).toBe(1); // today only
    const row = priced.options.find((o) => o.gpuId === 'rtx-3090')!;
    expect(row.priceUsd).toBe(1);
    expect(row.decodeTokPerSec).toBe(first.options.find((o) => o.gpuId === 'rtx-3090')!.decodeTokPerSec);
    // Other notes: everything is planned again.
    rankUpgrades({ ...input, notes: { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 650 } } });
    expect(spy.mock.calls.length - afterFirst).toBe(4);
    spy.mockRestore();
  });
});
