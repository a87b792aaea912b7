import { describe, expect, it } from 'vitest';
import { parseDmiId } from './parse-dmi-id';

/** Hand-written sample (no real dmi-id.json capture yet): /sys/class/dmi/id values, newlines kept. */
const DMI_ID = {
  board_vendor: 'ASUSTeK COMPUTER INC.\n',
  board_name: 'Pro WS WRX90E-SAGE SE\n',
  sys_vendor: 'ASUS\n',
  product_name: 'System Product Name\n',
  bios_version: '0404\n',
  chassis_type: '3\n',
};

describe('parseDmiId', () => {
  it('maps the sysfs names to the record and trims the newline', () => {
    const { value, issues } = parseDmiId(JSON.stringify(DMI_ID));
    expect(issues).toEqual([]);
    expect(value).toEqual({
      boardVendor: 'ASUSTeK COMPUTER INC.',
      boardName: 'Pro WS WRX90E-SAGE SE',
      sysVendor: 'ASUS',
      productName: 'System Product Name',
      biosVersion: '0404',
    });
  });

  it('a field of the wrong type becomes null with a warning; missing fields are null', () => {
    const { value, issues } = parseDmiId(JSON.stringify({ board_name: 7, sys_vendor: 'Dell Inc.' }));
    expect(value).toMatchObject({ boardName: null, sysVendor: 'Dell Inc.', biosVersion: null });
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('board_name') }),
    ]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'cat: /sys/class/dmi/id/board_serial: Permission denied'],
    ['truncated JSON', '{"board_vendor": "ASU'],
    ['array', '["x"]'],
    ['no known field', '{"chassis_type": "3"}'],
    ['not text', undefined],
  ])('%s: an error issue, no throw', (_name, input) => {
    const { value, issues } = parseDmiId(input as string);
    expect(value.boardName).toBeNull();
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
  });
});
