import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiQText } from './parse-nvidia-smi-q-text';

/**
 * HAND-WRITTEN sample, not a real capture: no `nvidia-smi -q` text output exists in
 * fixtures/captures. It follows the section layout NVIDIA documents for driver 535+ and the values of
 * the real XML capture `nvidia-smi-xml/netdata-rtx-4090-535-gen3-host`, plus one MIG device on a
 * second, made-up GPU to show that a MIG device's memory is not read as its GPU's.
 */
const HAND_WRITTEN_Q = `
==============NVSMI LOG==============

Timestamp                                 : Mon Aug  7 11:10:06 2023
Driver Version                            : 535.86.05
CUDA Version                              : 12.2

Attached GPUs                             : 2
GPU 00000000:84:00.0
    Product Name                          : NVIDIA GeForce RTX 4090
    Product Architecture                  : Ada Lovelace
    MIG Mode
        Current                           : N/A
        Pending                           : N/A
    Driver Model
        Current                           : N/A
        Pending                           : N/A
    GPU UUID                              : GPU-71d1acc2-662d-2166-bf9f-65272d2fc437
    Minor Number                          : 0
    PCI
        Bus                               : 0x84
        Device                            : 0x00
        Domain                            : 0x0000
        Device Id                         : 0x268410DE
        Bus Id                            : 00000000:84:00.0
        GPU Link Info
            PCIe Generation
                Max                       : 3
                Current                   : 1
                Device Current            : 1
                Device Max                : 4
                Host Max                  : 3
            Link Width
                Max                       : 16x
                Current                   : 16x
    FB Memory Usage
        Total                             : 24564 MiB
        Reserved                          : 346 MiB
        Used                              : 2 MiB
        Free                              : 24214 MiB
    Temperature
        GPU Current Temp                  : 40 C
    GPU Power Readings
        Power Draw                        : 20.26 W
        Current Power Limit               : 450.00 W
        Default Power Limit               : 450.00 W
        Max Power Limit                   : 600.00 W

GPU 00000000:C1:00.0
    Product Name                          : NVIDIA A100-SXM4-40GB
    MIG Mode
        Current                           : Enabled
        Pending                           : Enabled
    MIG Devices
        MIG Device
            GPU Instance ID               : 1
            FB Memory Usage
                Total                     : 19968 MiB
    Minor Number                          : 1
    FB Memory Usage
        Total                             : 40960 MiB
        Used                              : 38 MiB
    Power Readings
        Power Limit                       : 400.00 W
        Default Power Limit               : 400.00 W
        Max Power Limit                   : 400.00 W
`;

describe('parseNvidiaSmiQText (hand-written sample, see HAND_WRITTEN_Q)', () => {
  it('reads the header and both GPU sections', () => {
    const { value, issues } = parseNvidiaSmiQText(HAND_WRITTEN_Q.replace(/\n/g, '\r\n'));
    expect(issues).toEqual([]);
    expect(value).toMatchObject({ driverVersion: '535.86.05', cudaVersion: '12.2', attachedGpus: 2 });
    expect(value.gpus[0]).toEqual({
      index: 0,
      minorNumber: 0,
      name: 'NVIDIA GeForce RTX 4090',
      uuid: 'GPU-71d1acc2-662d-2166-bf9f-65272d2fc437',
      pciBusId: '0000:84:00.0',
      pciDeviceId: '0x268410DE',
      vramTotalMiB: 24564,
      vramUsedMiB: 2,
      powerLimitW: 450,
      powerDefaultLimitW: 450,
      powerMaxLimitW: 600,
      pcieGenCurrent: 1,
      pcieGenMax: 3,
      pcieGenMaxDevice: 4,
      pcieGenMaxHost: 3,
      pcieWidthCurrent: 16,
      pcieWidthMax: 16,
      temperatureC: 40,
      driverVersion: '535.86.05',
      computeCapability: null,
      migMode: null,
      driverModel: null,
      architecture: 'Ada Lovelace',
    });
  });

  it('takes the GPU memory, not the MIG device memory; old "Power Readings"; bus id from the section line', () => {
    const gpu = parseNvidiaSmiQText(HAND_WRITTEN_Q).value.gpus[1];
    expect(gpu).toMatchObject({
      index: 1,
      minorNumber: 1,
      migMode: 'Enabled',
      vramTotalMiB: 40960,
      powerLimitW: 400,
    });
    expect(gpu?.pciBusId).toBe('0000:c1:00.0');
  });

  it.each([
    ['empty text', ''],
    ['an NVML failure', "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"],
    ['binary bytes', '\u0000\u0001\u00ff: \ufffd'],
  ])('%s gives an error issue and no GPUs, without throwing', (_name, text) => {
    const { value, issues } = parseNvidiaSmiQText(text);
    expect(value.gpus).toEqual([]);
    expect(issues.map((i) => i.severity)).toEqual(['error']);
  });

  it('a cut-off report keeps what it read and notes the missing GPU', () => {
    const cut = HAND_WRITTEN_Q.slice(0, HAND_WRITTEN_Q.indexOf('GPU 00000000:C1'));
    const { value, issues } = parseNvidiaSmiQText(cut);
    expect(value.gpus).toHaveLength(1);
    expect(issues).toEqual([
      { severity: 'warning', message: 'Attached GPUs says 2 but 1 GPU section(s) were found' },
    ]);
  });
});
