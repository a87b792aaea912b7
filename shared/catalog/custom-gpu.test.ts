import { describe, expect, it } from 'vitest';
import {
  CustomGpuError,
  customGpuSpec,
  findCustomGpu,
  parseGpuSpecOption,
  validCustomGpu,
} from './custom-gpu';

describe('--gpu-spec "NAME:vram=…,bw=…,tdp=…"', () => {
  it('reads the three numbers the plan needs, in the units people write', () => {
    expect(parseGpuSpecOption('Radeon Pro W7900:vram=48GiB,bw=864GBs,tdp=295W')).toMatchObject({
      name: 'Radeon Pro W7900',
      vramGiB: 48,
      bandwidthGBs: 864,
      boardPowerW: 295,
      fp16Tflops: null,
    });
    expect(
      parseGpuSpecOption('X:vram=24 GB, bw=1.5TB/s, tdp=350, tflops=71, pcie=4x16, mem=hbm'),
    ).toMatchObject({
      vramGiB: 24,
      bandwidthGBs: 1500,
      boardPowerW: 350,
      fp16Tflops: 71,
      pcie: { gen: 4, lanes: 16 },
      hbm: true,
    });
  });

  it.each([
    ['no colon', 'RTX 9999', /NAME:vram=24GiB/],
    ['a missing key', 'X:vram=24GiB,bw=900GBs', /missing tdp/],
    ['an unknown key', 'X:vram=24,bw=900,tdp=300,color=red', /unknown key "color"/],
    [
      'a bandwidth out of range',
      'X:vram=24,bw=0.5,tdp=300',
      /memory bandwidth must be between 10 and 20000 GB\/s/,
    ],
    ['a value that is not a number', 'X:vram=lots,bw=900,tdp=300', /memory is missing \(GiB\)/],
    ['a malformed link', 'X:vram=24,bw=900,tdp=300,pcie=fast', /pcie must look like 4x16/],
    ['an empty name', ':vram=24,bw=900,tdp=300', /NAME:vram/],
  ])('refuses %s with a message that says what is wrong', (_what, text, message) => {
    expect(() => parseGpuSpecOption(text)).toThrow(CustomGpuError);
    expect(() => parseGpuSpecOption(text)).toThrow(message);
  });

  it('becomes a card whose only source is the entry, with unknowns marked so', () => {
    const spec = customGpuSpec(
      validCustomGpu({ name: 'Arc Pro B50', vramGiB: 16, bandwidthGBs: 224, boardPowerW: 70 }),
    );
    expect(spec).toMatchObject({
      id: 'custom-arc-pro-b50',
      vendor: 'intel',
      custom: true,
      memoryBandwidthGBs: 224,
    });
    expect(spec.sources[0]?.ref).toBe('entered by the user');
    expect(spec.unsourcedFields).toContain('powerConnectors');
  });

  it('is found by its name (any case) or its id', () => {
    const entries = [validCustomGpu({ name: 'My Card', vramGiB: 24, bandwidthGBs: 936, boardPowerW: 350 })];
    expect(findCustomGpu(entries, 'my  card')?.id).toBe('custom-my-card');
    expect(findCustomGpu(entries, 'custom-my-card')?.name).toBe('My Card');
    expect(findCustomGpu(entries, 'RTX 3090')).toBeNull();
  });
});
