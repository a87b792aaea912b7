/**
 * PCI addresses as the merge joins on them: `dddd:bb:dd.f`, lower-case hex, domain padded to at
 * least four digits (`0000:01:00.0`). nvidia-smi pads the domain to eight digits
 * (`00000000:01:00.0`) and prints upper case; lspci without `-D` omits the domain.
 */

const PCI_ADDRESS = /^(?:([0-9a-f]{1,8}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\.([0-7])$/i;

/**
 * Normalise a PCI address to `0000:01:00.0`. Accepts an 8-digit or 4-digit domain, no domain
 * (domain 0 assumed), and a `0x` prefix on the whole text. Returns null for anything else.
 */
export function normalisePciAddress(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim().replace(/^0x/i, '');
  const m = PCI_ADDRESS.exec(text);
  if (!m) return null;
  const domain = Number.parseInt(m[1] ?? '0', 16);
  const bus = Number.parseInt(m[2] ?? '', 16);
  const device = Number.parseInt(m[3] ?? '', 16);
  if (!Number.isFinite(domain) || !Number.isFinite(bus) || !Number.isFinite(device) || device > 0x1f)
    return null;
  return `${hex(domain, 4)}:${hex(bus, 2)}:${hex(device, 2)}.${m[4] ?? '0'}`;
}

/** True when the text is a PCI address `normalisePciAddress` understands. */
export function isPciAddress(raw: string | null | undefined): boolean {
  return normalisePciAddress(raw) !== null;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
