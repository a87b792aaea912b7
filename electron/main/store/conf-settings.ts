/** Settings for plain Node (CLI, `npm run web`, tests): conf, the library electron-store is built on. */
import Conf from 'conf';
import type { SettingsFiles } from './settings-files';
import { openSettings, type SettingsHandle } from './settings-store';

/** `files` is for tests that make the disk fail the way a user's does. */
export function openConfSettings(directory: string, files?: SettingsFiles): SettingsHandle {
  return openSettings(
    directory,
    (options) => new Conf({ ...options, cwd: directory, projectName: 'rig-advisor' }),
    files,
  );
}
