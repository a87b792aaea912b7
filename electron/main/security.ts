/**
 * Electron hardening applied to every window and web contents (Electron security checklist):
 * sandboxed renderer, context isolation, no Node in the page, navigation and new windows denied,
 * external links only `https:` and only to the system browser, permission requests refused except
 * clipboard writes from the app's own page ("Copy command").
 */
import { app, session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl, isPermissionAllowed } from './app-url';

/** The one way a URL leaves the app: https only, to the system browser. */
export function openExternalIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

function hardenContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

export function installSecurityHooks(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl));
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(isPermissionAllowed(permission, details.requestingUrl, isAppUrl)),
    );
    session.defaultSession.setPermissionCheckHandler((wc, permission, _origin, details) =>
      isPermissionAllowed(permission, details.requestingUrl ?? wc?.getURL(), isAppUrl),
    );
  });
}
