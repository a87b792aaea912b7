import { describe, expect, it } from 'vitest';
import { formatProfileText } from '@shared/hardware/format-profile';
import { createHardwareService } from './hardware-service';

// eslint-disable-next-line no-control-regex -- looking for them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('files handed over by the renderer are cleaned like a capture folder', () => {
  it('a GPU name with terminal escape codes reaches the profile and the scan text clean', async () => {
    const csv =
      'index, uuid, name, pci.bus_id, memory.total [MiB]\n' +
      '0, GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94, NVIDIA \u001b]0;pwned\u0007A10G\u001b[2J\u009b1;1H, 00000000:01:00.0, 23028 MiB\n';
    const { profile } = await createHardwareService().analyseFiles({ 'nvidia-smi-query.csv': csv }, 'x');
    expect(profile.gpus.map((g) => g.name)).toEqual(['NVIDIA A10G']);
    expect(formatProfileText(profile)).not.toMatch(CONTROL);
  });
});
