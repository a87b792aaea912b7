/** Where the renderer is loaded from, and the check every IPC sender must pass. No electron import. */
import { resolve, sep } from 'node:path';

export interface AppLocation {
  /** URL the window loads. */
  readonly url: string;
  /** True when a URL belongs to the app (its page on app://, or the dev server origin). */
  readonly isAppUrl: (url: string) => boolean;
  /** The built renderer the app:// scheme serves (null with a dev server). */
  readonly rendererDir: string | null;
}

export function resolveAppLocation(rendererDir: string, devServerUrl: string | undefined): AppLocation {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return { url: devServerUrl, isAppUrl: (url) => safeOrigin(url) === origin, rendererDir: null };
  }
  // Served from app:// (app-protocol in security.ts), not file://: the CSP's 'self' is then the app alone.
  const indexUrl = `${APP_ORIGIN}/index.html`;
  return { url: indexUrl, isAppUrl: (url) => url.split(/[?#]/)[0] === indexUrl, rendererDir };
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

/**
 * Hosts the app's own links point at (the runtimes' docs and repositories, the model hub, vendors'
 * documentation): opened without asking. Any other https host is asked about first — a link in a
 * catalog source or a pasted note could point anywhere.
 */
export const TRUSTED_HOSTS: readonly string[] = [
  'github.com',
  'huggingface.co',
  'docs.vllm.ai',
  'docs.sglang.ai',
  'ollama.com',
  'docs.nvidia.com',
  'rocm.docs.amd.com',
  'support.apple.com',
  'www.electronjs.org',
];

/** `open` (a trusted https host), `ask` (another https host), or `refuse` (anything that is not https). */
export function externalUrlDecision(url: string): 'open' | 'ask' | 'refuse' {
  if (!isAllowedExternalUrl(url)) return 'refuse';
  const host = new URL(url).hostname.toLowerCase();
  return TRUSTED_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) ? 'open' : 'ask';
}

/** The scheme the packaged page is served from, instead of file:// (where 'self' means every local file). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://rig-advisor`;

/**
 * The file an `app://rig-advisor/…` request reads, inside the renderer folder; null for any other host,
 * a path that leaves the folder, or one that is not plain (encoded slashes, NUL).
 */
export function appRequestPath(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\0\\]/.test(path) || path.split('/').includes('..')) return null;
  const file = resolve(rendererDir, `.${path === '/' ? '/index.html' : path}`);
  const root = resolve(rendererDir);
  return file.startsWith(`${root}${sep}`) ? file : null;
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
