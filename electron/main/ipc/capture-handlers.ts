/**
 * `hardware:open-capture-dialog` (File → Open capture… in the desktop app): main asks for a folder
 * and reads it as a capture directory. The menu click reaches the page without a user gesture, so the
 * page cannot open its own folder picker there; main's dialog needs none.
 */
import { CaptureDirError } from '../../probe/capture-dir';
import { UserFacingError, type AppHandlers } from './dispatch';
import type { HardwareService } from '../../probe/hardware-service';

export const OPEN_CAPTURE_WEB_MESSAGE =
  'Choosing a capture folder from the menu needs the desktop app; in the browser use the "Open capture…" button.';

/** `pickFolder` is main's folder dialog (null when cancelled); absent under `npm run web`. */
export function createCaptureHandlers(
  hardware: HardwareService,
  pickFolder: (() => Promise<string | null>) | undefined,
): Pick<AppHandlers, 'hardware:open-capture-dialog'> {
  return {
    'hardware:open-capture-dialog': async () => {
      if (!pickFolder) throw new UserFacingError(OPEN_CAPTURE_WEB_MESSAGE, 'unsupported');
      const dir = await pickFolder();
      if (dir === null) return null;
      try {
        return await hardware.analyseDir(dir);
      } catch (error) {
        // What is wrong with the folder, in one line (not a capture, unreadable, a file).
        if (error instanceof CaptureDirError) throw new UserFacingError(error.message);
        throw error;
      }
    },
  };
}
