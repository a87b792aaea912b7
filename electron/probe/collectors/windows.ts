/**
 * Windows: WMI classes through PowerShell, one fixed command string each (never built from input).
 * `Out-String -Width` stops PowerShell from wrapping or cutting long values at the console width.
 */
import type { CaptureFileName } from '@shared/hardware/capture-format';
import { commandCollector } from './command-collector';
import type { Collector } from './types';

export const POWERSHELL = 'powershell.exe';

export function powershellArgs(script: string): readonly string[] {
  return ['-NoProfile', '-NonInteractive', '-Command', script];
}

const cim = (file: CaptureFileName, wmiClass: string): Collector =>
  commandCollector({
    file,
    command: POWERSHELL,
    args: powershellArgs(`Get-CimInstance ${wmiClass} | Format-List * | Out-String -Width 4096`),
  });

export const WINDOWS_COLLECTORS: readonly Collector[] = [
  cim('win-videocontroller.txt', 'Win32_VideoController'),
  cim('win-computersystem.txt', 'Win32_ComputerSystem'),
  cim('win-processor.txt', 'Win32_Processor'),
  cim('win-baseboard.txt', 'Win32_BaseBoard'),
];
