/** The profile types the machine screen displays, re-exported from `shared/` in one place. */
export type {
  DimmProfile,
  GpuLink,
  GpuLinkKind,
  GpuProfile,
  HardwareProfile,
  NvlinkGpuStatus,
  PcieLink,
  SlotProfile,
  UnknownField,
  ValueSource,
} from '@shared/hardware/profile';
export type { ScanResult, ScanProgress, AppApi, IpcResult } from '@shared/ipc/contract';
export type { CaseNotes, UserNotes, PsuNotes } from '@shared/settings/settings-schema';
