/** Where the renderer is loaded from, and the check every IPC sender must pass. No electron import. */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface AppLocation {
  /** URL the window loads. */
  readonly url: string;
  /** True when a URL belongs to the app (same file, or the dev server origin). */
  readonly isAppUrl: (url: string) => boolean;
}

export function resolveAppLocation(rendererDir: string, devServerUrl: string | undefined): AppLocation {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return { url: devServerUrl, isAppUrl: (url) => safeOrigin(url) === origin };
  }
  const indexUrl = pathToFileURL(join(rendererDir, 'index.html')).href;
  return { url: indexUrl, isAppUrl: (url) => url.split(/[?#]/)[0] === indexUrl };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Only https links leave the app, and only to the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The one permission the page may get: writing to the clipboard ("Copy command"), and only for the app's own page. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && !!requestingUrl && isAppUrl(requestingUrl);
}
