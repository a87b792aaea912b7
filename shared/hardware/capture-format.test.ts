import { describe, expect, it } from 'vitest';
import { isCaptureFileName, manifestSchema } from './capture-format';

describe('capture format', () => {
  it('knows its fixed file names and rejects others', () => {
    expect(isCaptureFileName('nvidia-smi-q.xml')).toBe(true);
    expect(isCaptureFileName('../etc/passwd')).toBe(false);
    expect(isCaptureFileName('toString')).toBe(false);
  });
  it('rejects a manifest of another format version', () => {
    const r = manifestSchema.safeParse({
      format: 2,
      version: '1',
      platform: 'linux',
      capturedAt: 'x',
      isRoot: null,
      files: {},
    });
    expect(r.success).toBe(false);
  });
});
