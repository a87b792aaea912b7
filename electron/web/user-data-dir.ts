/**
 * Where `npm run web` keeps its settings: a per-user folder that only its owner can write. The old
 * default, `$TMPDIR/rig-advisor-web`, was one shared name that another local user could create first
 * (and so plant settings in) or read.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const FOLDER_NAME = 'rig-advisor-web';

/** A settings folder that cannot be used safely; `message` is one line (the entry point exits 2). */
export class UserDataDirError extends Error {
  override readonly name = 'UserDataDirError';
}

/** The platform's per-user app-data folder for the web shell (where Electron's `appData` points too). */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', FOLDER_NAME);
  // XDG Base Directory spec: a relative $XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), FOLDER_NAME);
}

function createOwnerOnly(dir: string): void {
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserDataDirError(`Cannot create the settings folder ${dir} (${code}).`);
  }
  // The umask may have taken bits away; make the leaf exactly 0700 when we made it.
  if (created !== undefined) chmodSync(dir, 0o700);
}

/**
 * Creates `dir` with mode 0700 when missing; refuses an existing one that is not a folder, that another
 * user owns, or that group or others can write (they could plant settings). POSIX checks only: on
 * Windows the folder under %APPDATA% is already the user's own.
 */
export function openPrivateDir(dir: string, uid: number | undefined = process.getuid?.()): string {
  createOwnerOnly(dir);
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new UserDataDirError(`The settings folder ${dir} is not a folder.`);
  if (uid === undefined) return dir;
  if (stat.uid !== uid)
    throw new UserDataDirError(
      `Refusing the settings folder ${dir}: it is owned by another user (uid ${stat.uid}); choose another with --user-data DIR.`,
    );
  if ((stat.mode & 0o022) !== 0)
    throw new UserDataDirError(
      `Refusing the settings folder ${dir}: other users can write to it (mode ${(stat.mode & 0o7777).toString(8)}); run chmod 700 on it or choose another with --user-data DIR.`,
    );
  return dir;
}
