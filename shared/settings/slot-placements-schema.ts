/**
 * Where the cards sit, as the user entered them (shared/engine/slot-placement.ts), validated for the
 * settings file: in the app state and in saved machines. One entry per GPU; null = not entered.
 */
import { z } from 'zod';
import { SLOT_ATTACHMENTS, SLOT_GENS, SLOT_LANES } from '../engine/slot-placement';

const oneOf = (allowed: readonly number[], what: string) =>
  z
    .number()
    .int()
    .refine((n) => allowed.includes(n), `${what} is one of ${allowed.join(', ')}`);

/** One GPU's slot as the user entered it. */
export const slotPlacementSchema = z.strictObject({
  gpuIndex: z.number().int().min(0).max(63),
  attachment: z.enum(SLOT_ATTACHMENTS).nullable(),
  /** PCIe generation of the slot. */
  gen: oneOf(SLOT_GENS, 'a PCIe generation').nullable(),
  /** Electrical width of the slot, lanes. */
  lanes: oneOf(SLOT_LANES, 'a slot width').nullable(),
});

/** At most one entry per GPU. */
export const slotPlacementsSchema = z
  .array(slotPlacementSchema)
  .max(64)
  .refine((list) => new Set(list.map((s) => s.gpuIndex)).size === list.length, 'one entry per GPU');

/** Power limits the user set, W, by GPU (`nvidia-smi -pl`): at most one entry per GPU. */
export const powerLimitsSchema = z
  .array(
    z.strictObject({
      gpuIndex: z.number().int().min(0).max(63),
      /** Watts: 30 W (the smallest cards' minimum) to 2000 W. */
      watts: z.number().int().min(30).max(2000),
    }),
  )
  .max(64)
  .refine((list) => new Set(list.map((s) => s.gpuIndex)).size === list.length, 'one entry per GPU');
