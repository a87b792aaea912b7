/** macOS: system_profiler's JSON for displays (GPUs, unified memory) and hardware (chip, memory). */
import { commandCollector } from './command-collector';
import type { Collector } from './types';

export const MACOS_COLLECTORS: readonly Collector[] = [
  commandCollector({
    file: 'mac-displays.json',
    command: 'system_profiler',
    args: ['SPDisplaysDataType', '-json'],
  }),
  commandCollector({
    file: 'mac-hardware.json',
    command: 'system_profiler',
    args: ['SPHardwareDataType', '-json'],
  }),
];
