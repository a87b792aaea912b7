/**
 * Turns the files of a picked folder into `loadCapture` input: keeps only the known capture file
 * names (others are ignored, so nothing else from the folder is sent), reads each as text.
 */
import { isCaptureFileName, type CaptureFileName } from '@shared/hardware/capture-format';
import { MAX_CAPTURE_FILE_BYTES } from '@shared/ipc/contract';

export interface PickedCapture {
  readonly files: Partial<Record<CaptureFileName, string>>;
  /** Folder name the files came from. */
  readonly label: string;
  /** Names that were skipped, with why. */
  readonly skipped: readonly string[];
}

/** The picked file's path inside the chosen folder (`capture/nvidia-smi-q.xml`), or its name. */
const relativePath = (file: File): string => (file.webkitRelativePath || file.name).replace(/\\/g, '/');

function folderName(files: readonly File[]): string {
  const first = files[0] ? relativePath(files[0]).split('/') : [];
  return first.length > 1 ? (first[0] as string) : 'picked files';
}

export async function readPickedCapture(picked: readonly File[]): Promise<PickedCapture> {
  // Shallowest copy of each name wins, so a nested older capture cannot shadow the top-level one.
  const ordered = [...picked].sort(
    (x, y) => relativePath(x).split('/').length - relativePath(y).split('/').length,
  );
  const files: Partial<Record<CaptureFileName, string>> = {};
  const skipped: string[] = [];
  for (const file of ordered) {
    const name = file.name;
    if (!isCaptureFileName(name)) {
      if (name !== 'manifest.json') skipped.push(`${relativePath(file)} (not a capture file name)`);
      continue;
    }
    if (files[name] !== undefined) continue;
    if (file.size > MAX_CAPTURE_FILE_BYTES) {
      skipped.push(`${relativePath(file)} (larger than ${MAX_CAPTURE_FILE_BYTES / 1024 / 1024} MiB)`);
      continue;
    }
    files[name] = await file.text();
  }
  return { files, label: folderName(picked), skipped };
}
