/**
 * An unknown check on an AMD machine says how to find out with AMD's tools (amd-smi, lspci), not with
 * `nvidia-smi`, which is not there (a 4× MI300X capture from `amd-smi static --json`).
 */
import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../../test/support/plan-request';

const fixOf = (gpus: readonly string[], id: string): string | undefined =>
  adviceFor({ gpus, model: 'llama-3.1-70b' }).checks.find((c) => c.id === id)?.fix;

describe('the fix of an unknown check names the tool of the GPUs there', () => {
  const amd = ['Instinct MI300X', 'Instinct MI300X'];
  const nvidia = ['RTX 3090', 'RTX 3090'];

  it('temperature not captured: amd-smi on AMD GPUs, nvidia-smi on NVIDIA ones', () => {
    expect(fixOf(amd, 'cooling.temp.gpu0')).toMatch(/amd-smi metric --temperature/);
    expect(fixOf(amd, 'cooling.temp.gpu0')).not.toMatch(/nvidia-smi/);
    expect(fixOf(nvidia, 'cooling.temp.gpu0')).toMatch(/nvidia-smi --query-gpu=index,temperature.gpu/);
  });

  it('link not measured: amd-smi metric --pcie on AMD GPUs, nvidia-smi -q -d PCIE on NVIDIA ones', () => {
    expect(fixOf(amd, 'slots.link.gpu0')).toMatch(/amd-smi metric --pcie/);
    expect(fixOf(amd, 'slots.link.gpu0')).not.toMatch(/nvidia-smi/);
    expect(fixOf(nvidia, 'slots.link.gpu0')).toMatch(/nvidia-smi -q -d PCIE/);
  });

  it('which slot each GPU is in: the bus ids from amd-smi list on AMD GPUs, from nvidia-smi on NVIDIA ones', () => {
    expect(fixOf(amd, 'cooling.spacing')).toMatch(/`amd-smi list`/);
    expect(fixOf(amd, 'cooling.spacing')).not.toMatch(/nvidia-smi/);
    expect(fixOf(nvidia, 'cooling.spacing')).toMatch(/nvidia-smi --query-gpu=index,pci.bus_id/);
  });

  it("Resizable BAR: lspci's Physical Resizable BAR capability on AMD GPUs, nvidia-smi's BAR1 on NVIDIA ones", () => {
    expect(fixOf(amd, 'slots.bios')).toMatch(/`sudo lspci -vv`.*"Physical Resizable BAR".*current size/);
    expect(fixOf(amd, 'slots.bios')).not.toMatch(/nvidia-smi/);
    expect(fixOf(nvidia, 'slots.bios')).toMatch(/nvidia-smi -q \| grep -A3 BAR1/);
    expect(fixOf([...nvidia, ...amd], 'slots.bios')).toMatch(/nvidia-smi -q .* lspci -vv/);
  });
});
