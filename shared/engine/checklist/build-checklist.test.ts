/** The physical steps ask for the slot each card deserves, and mention a narrower slot the user entered. */
import { describe, expect, it } from 'vitest';
import type { SlotPlacement } from '../slot-placement';
import { checklistFor } from '../../../test/support/checklists';

function physicalSteps(slots: readonly SlotPlacement[]): string[] {
  const list = checklistFor(['RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'Q4_K_M', slots);
  const section = list.sections.find((s) => s.title === 'Physical steps');
  return (section?.items ?? []).map((item) => ('text' in item ? item.text : item.code));
}

describe('checklist assumptions', () => {
  it('lists what the plan assumed first, each to confirm, and nothing when it assumed nothing', () => {
    const list = checklistFor(['RTX 3090', 'RTX 3090'], 'llama-3.1-70b', 'Q4_K_M', [
      { gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 },
    ]);
    const first = list.sections[0];
    expect(first?.title).toBe('What the plan assumes');
    expect(first?.items).toContainEqual({
      text: expect.stringMatching(/^Confirm: GPU 1 in the slot you entered: chipset Gen4 x4/),
      inputs: ['slot'],
    });
    expect(first?.items.every((item) => 'text' in item && item.text.startsWith('Confirm: '))).toBe(true);
  });

  it('asks once, naming the GPUs, about four cards in identical entered slots', () => {
    const slots = [0, 1, 2, 3].map(
      (gpuIndex) => ({ gpuIndex, attachment: 'chipset', gen: 4, lanes: 4 }) as const,
    );
    const list = checklistFor(
      ['RTX 3090', 'RTX 3090', 'RTX 3090', 'RTX 3090'],
      'llama-3.1-70b',
      'Q4_K_M',
      slots,
    );
    const texts = (list.sections[0]?.items ?? []).map((item) => ('text' in item ? item.text : ''));
    expect(texts.filter((t) => t.includes('in the slot you entered'))).toEqual([
      expect.stringMatching(/^Confirm: GPUs 0–3 in the slot you entered: chipset Gen4 x4/),
    ]);
  });
});

describe('checklist physical steps', () => {
  it("asks for the card's own link (Gen4 x16 for an RTX 3090)", () => {
    expect(physicalSteps([])[1]).toMatch(
      /^Seat GPU 1 \(GeForce RTX 3090\) in a slot wired for PCIe Gen4 x16/,
    );
  });

  it('still asks for the x16 slot when the user entered a chipset x4 one, and says what was entered', () => {
    const step = physicalSteps([{ gpuIndex: 1, attachment: 'chipset', gen: 4, lanes: 4 }])[1];
    expect(step).toMatch(/slot wired for PCIe Gen4 x16 \(CPU-attached if you can\)/);
    expect(step).toContain('you entered: chipset Gen4 x4');
  });
});
