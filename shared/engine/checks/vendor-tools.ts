/**
 * How to read a value the capture lacked, with the tool of the GPUs there: `nvidia-smi` is not on an
 * AMD machine, where amd-smi (ROCm 6+, `rocm-smi` before it) and lspci answer the same questions.
 * Flags as in ROCm/amdsmi `amdsmi_cli/amdsmi_parser.py` (`metric -t/--temperature`, `metric -P/--pcie`).
 */
import type { EngineGpu } from '../machine';

type Vendor = EngineGpu['vendor'];

/** How to read a card's temperature at idle. */
export function temperatureHow(vendor: Vendor): string {
  if (vendor === 'nvidia') return 'Run `nvidia-smi --query-gpu=index,temperature.gpu --format=csv` at idle.';
  if (vendor === 'amd')
    return 'Run `amd-smi metric --temperature` (older ROCm: `rocm-smi --showtemp`) at idle.';
  return "Read the card's temperature at idle with its vendor's tool.";
}

/** How to read a card's PCIe link (the current one: idle cards train down, so while a model is loaded). */
export function linkHow(vendor: Vendor): string {
  const tool =
    vendor === 'nvidia'
      ? '`nvidia-smi -q -d PCIE` (Max and Current link)'
      : vendor === 'amd'
        ? '`amd-smi metric --pcie` (current width and speed), or `sudo lspci -vv` (LnkCap and LnkSta of the card)'
        : '`sudo lspci -vv` (LnkCap and LnkSta of the card)';
  return `Scan the machine, or run ${tool} while a model is loaded (idle cards train their link down); for a build, enter the card's slot.`;
}

/** How to list each GPU's bus address, to match it to a slot: each vendor's tool among the GPUs there. */
export function busIdHow(vendors: readonly Vendor[]): string {
  const tools = [
    ...(vendors.includes('nvidia') ? ['`nvidia-smi --query-gpu=index,pci.bus_id --format=csv`'] : []),
    ...(vendors.includes('amd') ? ['`amd-smi list`'] : []),
  ];
  return tools.length > 0 ? tools.join(', ') : '`lspci -D | grep -iE "vga|3d|display"`';
}

/**
 * How to see from Linux whether Resizable BAR is on: nvidia-smi's BAR1 size on NVIDIA cards, else the
 * card's PCIe capability in lspci. The lspci wording is as in fixtures/captures/lspci/
 * stelline-puget-wrx90-gpu-c1-00-0-vvv.txt (an RTX 6000 Ada, 48 GB, with BAR 1 at 64GB).
 */
export function resizableBarHow(vendors: readonly Vendor[]): string {
  const nvidia =
    '`nvidia-smi -q | grep -A3 BAR1` (BAR1 total near the memory size means Resizable BAR is on)';
  const lspci =
    '`sudo lspci -vv` (under the card\'s "Physical Resizable BAR" capability, a BAR whose current size covers the card\'s memory — e.g. 64GB on a 48 GB card — means Resizable BAR is on)';
  const others = vendors.some((v) => v !== 'nvidia');
  if (!vendors.includes('nvidia')) return `check from Linux with ${lspci}`;
  return others
    ? `check from Linux with ${nvidia} on the NVIDIA cards, and ${lspci} on the others`
    : `check from Linux with ${nvidia}`;
}
