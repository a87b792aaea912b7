import { describe, expect, it } from 'vitest';
import { captureProfile } from '../../test/support/capture-dirs';
import { machineFromNames, machineFromProfile, parseLinkOption } from './machine';
import {
  linkInSlot,
  parseSlotOption,
  placementFor,
  placementProblems,
  placementText,
  type SlotPlacement,
} from './slot-placement';

const slot = (
  gpuIndex: number,
  attachment: SlotPlacement['attachment'],
  gen: number | null,
  lanes: number | null,
) => ({
  gpuIndex,
  attachment,
  gen,
  lanes,
});

describe('parseSlotOption (--slot GPU:WHERE[:LINK])', () => {
  it.each([
    ['1:chipset:4x4 — GPU 1 in a chipset-attached Gen4 x4 slot', '1:chipset:4x4', slot(1, 'chipset', 4, 4)],
    ['0:cpu:gen5x16 — the gen prefix reads as in "Gen5 x16"', '0:cpu:gen5x16', slot(0, 'cpu', 5, 16)],
    ['2:pcie3x8:CPU — link first, any case, pcie prefix as in --link', '2:pcie3x8:CPU', slot(2, 'cpu', 3, 8)],
    ['1:chipset — only where it sits', '1:chipset', slot(1, 'chipset', null, null)],
    ['3:x4 — only the width', '3:x4', slot(3, null, null, 4)],
    ['1:cpu:gen4 — only the generation', '1:cpu:gen4', slot(1, 'cpu', 4, null)],
  ])('%s', (_name, text, expected) => {
    expect(parseSlotOption(text)).toEqual(expected);
  });

  it.each([
    ['no colon', '1'],
    ['no GPU index', 'chipset:4x4'],
    ['negative index', '-1:cpu'],
    ['two attachments', '1:cpu:chipset'],
    ['two links', '1:4x4:3x8'],
    ['a width PCIe slots do not have', '1:cpu:4x32'],
    ['a generation that does not exist', '1:cpu:7x4'],
    ['a third part', '1:cpu:4x4:oops'],
    ['an empty part', '1:'],
  ])('refuses %s ("%s")', (_name, text) => {
    expect(parseSlotOption(text)).toBeNull();
  });
});

describe('linkInSlot: a card trains to the lower generation and narrower width of card and slot', () => {
  it.each([
    [
      'Gen4 x16 card in a chipset Gen4 x4 slot → Gen4 x4',
      { gen: 4, lanes: 16 },
      slot(1, 'chipset', 4, 4),
      { gen: 4, lanes: 4 },
    ],
    [
      'Gen4 x16 card in a Gen5 x16 slot → Gen4 x16 (the card is the limit)',
      { gen: 4, lanes: 16 },
      slot(0, 'cpu', 5, 16),
      { gen: 4, lanes: 16 },
    ],
    [
      'only the width entered: x8 at the card’s Gen4',
      { gen: 4, lanes: 16 },
      slot(0, null, null, 8),
      { gen: 4, lanes: 8 },
    ],
    [
      'only the attachment entered: the card’s own link',
      { gen: 3, lanes: 16 },
      slot(0, 'chipset', null, null),
      { gen: 3, lanes: 16 },
    ],
    ['card unknown, both halves entered → the slot', null, slot(0, 'cpu', 3, 8), { gen: 3, lanes: 8 }],
    ['card unknown, only a width entered → unknown', null, slot(0, 'cpu', null, 8), null],
  ] as const)('%s', (_name, card, placement, expected) => {
    expect(linkInSlot(card, placement)).toEqual(expected);
  });

  it('says what was entered in words, and treats an all-empty entry as none', () => {
    expect(placementText(slot(1, 'chipset', 4, 4))).toBe('chipset Gen4 x4');
    expect(placementText(slot(1, 'cpu', null, 16))).toBe('CPU x16');
    expect(placementFor([slot(1, null, null, null)], 1)).toBeNull();
    expect(placementFor([slot(1, 'cpu', null, null)], 0)).toBeNull();
  });

  it('names a GPU the machine does not have, and one given twice', () => {
    expect(
      placementProblems([slot(1, 'cpu', 4, 16), slot(1, 'chipset', 4, 4), slot(5, 'cpu', 4, 16)], [0, 1]),
    ).toEqual(['GPU 1 is given more than once', 'there is no GPU 5 (the machine has GPU 0, 1)']);
  });
});

describe('the machine takes the entered slot as the host link', () => {
  const a5000 = captureProfile('dual-rtx-a5000');

  it('scanned dual A5000 (measured Gen4 x16): GPU 1 entered in a chipset Gen4 x4 slot plans at Gen4 x4, and the pair link narrows to it', () => {
    const plain = machineFromProfile(a5000);
    const placed = machineFromProfile(a5000, { slots: [slot(1, 'chipset', 4, 4)] });
    expect(plain.gpus[1]?.pcie).toEqual({ gen: 4, lanes: 16 });
    expect(placed.gpus[1]).toMatchObject({ pcie: { gen: 4, lanes: 4 }, placement: slot(1, 'chipset', 4, 4) });
    expect(placed.gpus[0]?.pcie).toEqual({ gen: 4, lanes: 16 });
    expect(placed.links[0]!.bandwidthGBs).toBeLessThan(plain.links[0]!.bandwidthGBs / 3);
    expect(placed.assumptions).toContainEqual({
      id: 'slot.gpu1',
      text: 'GPU 1 in the slot you entered: chipset Gen4 x4, planned at PCIe Gen4 x4 (the scan measured Gen4 x16)',
      inputs: ['slot'],
    });
    expect(placed.gpus[1]).toMatchObject({ attachment: 'chipset', linkSource: 'entered' });
  });

  it('catalog build: a slot wins over --link pcie4x16 for its card only; --link nvlink keeps the bridge between the cards', () => {
    const pcie = machineFromNames({
      gpuNames: ['RTX 3090', 'RTX 3090'],
      link: parseLinkOption('pcie4x16'),
      slots: [slot(1, 'chipset', 3, 4)],
    });
    expect(pcie.gpus.map((g) => g.pcie)).toEqual([
      { gen: 4, lanes: 16 },
      { gen: 3, lanes: 4 },
    ]);
    const nvlink = machineFromNames({
      gpuNames: ['RTX 3090', 'RTX 3090'],
      link: parseLinkOption('nvlink'),
      slots: [slot(1, 'chipset', 3, 4)],
    });
    expect(nvlink.links[0]?.kind).toBe('nvlink');
    expect(nvlink.gpus[1]?.pcie).toEqual({ gen: 3, lanes: 4 });
  });

  it('a generation not entered is capped by the measured one (a Gen4 RTX 4090 on a Gen3 host)', () => {
    const gen3 = captureProfile('rtx-4090-gen3-host');
    expect(machineFromProfile(gen3).gpus[0]?.pcie).toEqual({ gen: 3, lanes: 16 });
    const x4 = machineFromProfile(gen3, { slots: [slot(0, 'chipset', null, 4)] });
    expect(x4.gpus[0]?.pcie).toEqual({ gen: 3, lanes: 4 });
  });

  it('an entry with only the attachment keeps the measured link', () => {
    const m = machineFromProfile(a5000, { slots: [slot(0, 'cpu', null, null)] });
    expect(m.gpus[0]).toMatchObject({ pcie: { gen: 4, lanes: 16 }, placement: { attachment: 'cpu' } });
  });
});
