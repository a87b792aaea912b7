/**
 * Link bandwidth as the plan and the checks print it: two significant digits, so a PCIe x1 riser link
 * (0.125–0.5 GB/s) no longer reads "0 GB/s", and whole numbers from 10 GB/s on.
 */
import { describe, expect, it } from 'vitest';
import { planRequest } from '../../test/support/plan-request';
import { formatGBs } from './format-bandwidth';
import { machineFromNames, parseLinkOption } from './machine';
import { formatPlanText } from './planner/format-plan';
import { plan } from './planner/planner';
import { PCIE_LANE_GBS } from './thresholds';

describe('formatGBs', () => {
  it.each([
    ['Gen1 x1 through host memory (half of 0.25)', PCIE_LANE_GBS[1]! / 2, '0.13 GB/s'],
    ['Gen1 x1', PCIE_LANE_GBS[1]!, '0.25 GB/s'],
    ['Gen2 x1', PCIE_LANE_GBS[2]!, '0.5 GB/s'],
    ['Gen3 x1', PCIE_LANE_GBS[3]!, '0.98 GB/s'],
    ['Gen5 x1', PCIE_LANE_GBS[5]!, '3.9 GB/s'],
    ['Gen4 x4', PCIE_LANE_GBS[4]! * 4, '7.9 GB/s'],
    ['Gen3 x16', PCIE_LANE_GBS[3]! * 16, '16 GB/s'],
    ['Gen4 x16', PCIE_LANE_GBS[4]! * 16, '32 GB/s'],
    ['NVLink 3 per direction', 300, '300 GB/s'],
    ['nothing', 0, '0 GB/s'],
    ['not a number', Number.NaN, '? GB/s'],
  ])('%s: %d → %s', (_, gbs, text) => {
    expect(formatGBs(gbs)).toBe(text);
  });
});

describe('the plan names a slow link with its real bandwidth', () => {
  it.each([
    ['pcie1x1', '0.13'],
    ['pcie2x1', '0.25'],
    ['pcie3x1', '0.49'],
  ])('two RTX 3090s on %s (mining risers, no P2P): the link reads %s GB/s, not 0', (link, gbs) => {
    const machine = machineFromNames({ gpuNames: ['RTX 3090', 'RTX 3090'], link: parseLinkOption(link) });
    const text = formatPlanText(plan(planRequest({ machine, runtime: 'vllm', split: 'tp' })));
    expect(text).toContain(`the link between GPUs (pcie-host, ${gbs} GB/s)`);
    expect(text).not.toMatch(/\b0 GB\/s/);
  });
});
