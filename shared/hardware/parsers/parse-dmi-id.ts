/**
 * `dmi-id.json` (the files of /sys/class/dmi/id, readable without root) → board and system names.
 * A JSON object with `board_vendor`, `board_name`, `sys_vendor`, `product_name`, `bios_version`;
 * other keys are ignored. A field of the wrong type becomes null with an issue. Values are kept as
 * the firmware wrote them (placeholders like `To Be Filled By O.E.M.` included). Pure and total.
 */
import { z } from 'zod';
import type { DmiIdRecord, ParseIssue, ParseResult } from '../records';
import { checkInput, failure, isRecord, parseJson, warning } from './text-kit';

/** A sysfs attribute read as text (trailing newline trimmed); missing or blank → null. */
const attribute = z
  .string()
  .nullable()
  .optional()
  .transform((v) => (typeof v === 'string' ? v.trim() || null : null));

/** JSON key → record field. */
const FIELDS = {
  board_vendor: 'boardVendor',
  board_name: 'boardName',
  sys_vendor: 'sysVendor',
  product_name: 'productName',
  bios_version: 'biosVersion',
} as const satisfies Record<string, keyof DmiIdRecord>;

const EMPTY: DmiIdRecord = {
  boardVendor: null,
  boardName: null,
  sysVendor: null,
  productName: null,
  biosVersion: null,
};

/** Parse `dmi-id.json`. */
export function parseDmiId(text: string): ParseResult<DmiIdRecord> {
  const input = checkInput(text, 'dmi-id.json');
  if (input.text === null) return { value: EMPTY, issues: input.issue ? [input.issue] : [] };
  const parsed = parseJson(input.text, 'dmi-id.json');
  if (parsed.issue) return { value: EMPTY, issues: [parsed.issue] };
  if (!isRecord(parsed.value))
    return { value: EMPTY, issues: [failure('dmi-id.json: expected a JSON object')] };
  const obj = parsed.value;
  const issues: ParseIssue[] = [];
  const value: Record<keyof DmiIdRecord, string | null> = { ...EMPTY };
  for (const [key, field] of Object.entries(FIELDS)) {
    const result = attribute.safeParse(obj[key]);
    if (result.success) value[field] = result.data;
    else issues.push(warning(`dmi-id.json: ${key} is not text; ignored`));
  }
  if (Object.values(value).every((v) => v === null))
    issues.push(failure('dmi-id.json: none of the DMI fields is present'));
  return { value, issues };
}
