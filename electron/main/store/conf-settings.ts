/** Settings for plain Node (CLI, `npm run web`, tests): conf, the library electron-store is built on. */
import Conf from 'conf';
import { openSettings, type SettingsHandle } from './settings-store';

export function openConfSettings(directory: string): SettingsHandle {
  return openSettings(
    directory,
    (options) => new Conf({ ...options, cwd: directory, projectName: 'rig-advisor' }),
  );
}
