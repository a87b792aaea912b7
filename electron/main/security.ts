/**
 * Electron hardening applied to every window and web contents (Electron security checklist):
 * sandboxed renderer, context isolation, no Node in the page, navigation and new windows denied,
 * external links only `https:` and only to the system browser (asked first for hosts not the app's own),
 * permission requests refused on every session except clipboard writes from the app's own page ("Copy
 * command"), and the page served from app:// rather than file://.
 */
import { pathToFileURL } from 'node:url';
import { app, dialog, net, protocol, session, shell, type Session, type WebContents } from 'electron';
import { APP_SCHEME, appRequestPath, externalUrlDecision, isPermissionAllowed } from './app-url';

/**
 * The one way a URL leaves the app: https only, to the system browser; a host that is not one of the
 * app's own (TRUSTED_HOSTS) is asked about first.
 */
export function openExternalIfAllowed(url: string): void {
  const decision = externalUrlDecision(url);
  if (decision === 'open') void shell.openExternal(url);
  else if (decision === 'ask')
    void dialog
      .showMessageBox({
        type: 'question',
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `Open ${new URL(url).hostname} in your browser?`,
        detail: url,
      })
      .then(({ response }) => {
        if (response === 0) void shell.openExternal(url);
      });
}

/** Before ready: app:// is a standard, secure scheme (so 'self', fetch and module scripts work on it). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After ready: app://rig-advisor/… serves the built renderer's files and nothing else. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = appRequestPath(rendererDir, request.url);
    return file ? net.fetch(pathToFileURL(file).href) : new Response('not found', { status: 404 });
  });
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

function guardPermissions(target: Session, isAppUrl: (url: string) => boolean): void {
  target.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, isAppUrl)),
  );
  target.setPermissionCheckHandler((wc, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? wc?.getURL(), isAppUrl),
  );
}

export function installSecurityHooks(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl));
  // Every session, not only the default one: a partition made later gets the same rules.
  app.on('session-created', (created) => guardPermissions(created, isAppUrl));
  app.whenReady().then(() => guardPermissions(session.defaultSession, isAppUrl));
}
