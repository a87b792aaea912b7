/**
 * zod schema of `HardwareProfile`, for profiles that come back from outside the probe: saved machines
 * in the settings file and machine files the user opens. A type test pins it to the interface, so the
 * two cannot drift apart. Strings and arrays are capped so a hostile file cannot balloon the store.
 */
import { z } from 'zod';
import { CAPTURE_FILE_NAMES } from './capture-format';
import type { HardwareProfile } from './profile';

// Generous caps: they only stop a hostile file from ballooning the store, never a real profile.
const text = z.string().max(20_000);
const optText = text.nullable();
const count = z.number().int().min(0).max(1_000_000).nullable();
const nonNegative = z.number().min(0).nullable();

/** Where a value came from: a capture file name, typed in by the user, the catalog, or derived. */
export const valueSourceSchema = z.enum([...CAPTURE_FILE_NAMES, 'user', 'catalog', 'derived']);
const sourcesSchema = z.record(z.string().max(200), valueSourceSchema);

export const pcieLinkSchema = z.object({
  genCurrent: count,
  genMax: count,
  widthCurrent: count,
  widthMax: count,
});

export const gpuProfileSchema = z.object({
  index: z.number().int().min(0).max(1024),
  name: text,
  vendor: z.enum(['nvidia', 'amd', 'intel', 'apple', 'other']),
  /** MiB. */
  vramMiB: nonNegative,
  /** MiB. */
  vramUsedMiB: nonNegative,
  pciBusId: optText,
  uuid: optText,
  pcie: pcieLinkSchema,
  /** W. */
  powerLimitW: nonNegative,
  /** W. */
  powerDefaultW: nonNegative,
  /** W. */
  powerMaxW: nonNegative,
  driverVersion: optText,
  computeCapability: optText,
  /** °C. */
  temperatureC: z.number().nullable(),
  migMode: optText,
  numaNode: z.number().int().nullable(),
  attachment: z.enum(['cpu', 'chipset', 'unknown']),
  sources: sourcesSchema,
});

export const gpuLinkSchema = z.object({
  a: z.number().int().min(0),
  b: z.number().int().min(0),
  kind: z.union([
    z.templateLiteral(['NV', z.number()]),
    z.enum(['PIX', 'PXB', 'PHB', 'NODE', 'SYS', 'XGMI', 'UNKNOWN']),
  ]),
  nvlinks: z.number().int().min(0),
  p2p: optText,
});

const slotSchema = z.object({
  designation: text,
  pcieGen: count,
  widthElectrical: count,
  widthPhysical: count,
  inUse: z.boolean().nullable(),
  busAddress: optText,
});

const dimmSchema = z.object({
  locator: optText,
  /** MiB. */
  sizeMiB: z.number().min(0),
  /** MT/s. */
  speedMTs: nonNegative,
  type: optText,
});

const maker = z.object({ manufacturer: optText, model: optText });
const list = <T extends z.ZodType>(item: T) => z.array(item).max(4096);

export const hardwareProfileSchema = z.object({
  formatVersion: z.literal(1),
  platform: z.enum(['linux', 'win32', 'darwin', 'unknown']),
  capturedAt: optText,
  isRoot: z.boolean().nullable(),
  gpus: z.array(gpuProfileSchema).max(256),
  // Every pair of the 256 GPUs a profile may hold (the parsers' cap, parsers/gpu-cap.ts).
  gpuLinks: z.array(gpuLinkSchema).max((256 * 255) / 2),
  nvlink: list(
    z.object({
      index: z.number().int().min(0),
      activeLinks: z.number().int().min(0),
      /** GB/s per link. */
      linkSpeedsGBs: z.array(z.number().min(0)).max(64),
    }),
  ),
  baseboard: maker,
  system: maker,
  slots: list(slotSchema),
  cpu: z.object({ model: optText, cores: count, threads: count, sockets: count }),
  memory: z.object({
    /** MiB. */
    totalMiB: nonNegative,
    dimms: list(dimmSchema),
    dimmSlots: count,
  }),
  os: z.object({ name: optText, kernel: optText }),
  unknowns: list(z.object({ field: text, reason: text, hint: text })),
  sources: sourcesSchema,
  notes: list(text),
  captureIssues: list(z.object({ file: text, message: text })),
}) satisfies z.ZodType<HardwareProfile>;
