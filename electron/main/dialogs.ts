/** Native dialogs main opens for the page: the capture folder for File → Open capture…. */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

export async function pickCaptureFolder(parent: BrowserWindow | null): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Open a capture folder',
    buttonLabel: 'Open capture',
    properties: ['openDirectory'],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
