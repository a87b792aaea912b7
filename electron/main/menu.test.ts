import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, documentationTarget, type MenuHandlers, type MenuItemSpec } from './menu';

const handlers = (): MenuHandlers => ({
  openCapture: vi.fn(),
  saveReport: vi.fn(),
  print: vi.fn(),
  openDocs: vi.fn(),
  about: vi.fn(),
});

const label = (item: MenuItemSpec): string => item.label ?? item.role ?? item.type ?? '?';
const outline = (template: MenuItemSpec[]) =>
  Object.fromEntries(template.map((menu) => [label(menu), (menu.submenu ?? []).map(label)]));
const find = (template: MenuItemSpec[], id: string): MenuItemSpec | undefined =>
  template.flatMap((menu) => menu.submenu ?? []).find((item) => item.id === id);

describe('application menu', () => {
  it('on Windows and Linux: File ends with Quit, View has no reload outside development', () => {
    const template = buildMenuTemplate(handlers(), {
      isDev: false,
      platform: 'linux',
      hasDocs: true,
    });
    expect(outline(template)).toEqual({
      File: ['Open capture…', 'Save report…', 'Print…', 'separator', 'quit'],
      Edit: [
        'undo',
        'redo',
        'separator',
        'cut',
        'copy',
        'paste',
        'pasteAndMatchStyle',
        'delete',
        'separator',
        'selectAll',
      ],
      View: ['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen'],
      Help: ['Documentation', 'separator', 'About Rig Advisor'],
    });
  });

  it('in development View starts with reload and developer tools', () => {
    const template = buildMenuTemplate(handlers(), { isDev: true, platform: 'win32', hasDocs: false });
    expect(outline(template).View?.slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
  });

  it('on macOS: the app menu first, Close Window in File, a Window menu', () => {
    const template = buildMenuTemplate(handlers(), { isDev: false, platform: 'darwin', hasDocs: false });
    expect(template.map(label)).toEqual(['appMenu', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(outline(template).File?.at(-1)).toBe('close');
  });

  it('wires each File item to its handler with the usual shortcut', () => {
    const h = handlers();
    const template = buildMenuTemplate(h, { isDev: false, platform: 'linux', hasDocs: false });
    for (const [id, key, handler] of [
      ['open-capture', 'CmdOrCtrl+O', h.openCapture],
      ['save-report', 'CmdOrCtrl+S', h.saveReport],
      ['print', 'CmdOrCtrl+P', h.print],
    ] as const) {
      const item = find(template, id);
      expect(item?.accelerator).toBe(key);
      item?.click?.();
      expect(handler).toHaveBeenCalledTimes(1);
    }
  });

  it('enables Documentation only when there is something to open', () => {
    const h = handlers();
    expect(
      find(buildMenuTemplate(h, { isDev: false, platform: 'linux', hasDocs: false }), 'docs')?.enabled,
    ).toBe(false);
    const docs = find(buildMenuTemplate(h, { isDev: false, platform: 'linux', hasDocs: true }), 'docs');
    expect(docs?.enabled).toBe(true);
    docs?.click?.();
    expect(h.openDocs).toHaveBeenCalled();
  });

  it('has About in Help outside macOS (macOS keeps it in the app menu)', () => {
    const h = handlers();
    find(buildMenuTemplate(h, { isDev: false, platform: 'win32', hasDocs: false }), 'about')?.click?.();
    expect(h.about).toHaveBeenCalledTimes(1);
    expect(
      find(buildMenuTemplate(h, { isDev: false, platform: 'darwin', hasDocs: false }), 'about'),
    ).toBeUndefined();
  });
});

describe('documentationTarget', () => {
  const httpsOnly = (url: string) => url.startsWith('https://');
  const readme = '/opt/Rig Advisor/resources/README.md';

  it('prefers an https homepage', () =>
    expect(documentationTarget('https://example.org/docs', [readme], () => true, httpsOnly)).toEqual({
      kind: 'url',
      url: 'https://example.org/docs',
    }));

  it('falls back to the bundled README when the homepage is missing or not https', () => {
    for (const homepage of [undefined, 'http://example.org', 'file:///etc/passwd', 42])
      expect(documentationTarget(homepage, [readme], (p) => p === readme, httpsOnly)).toEqual({
        kind: 'file',
        path: readme,
      });
  });

  it('is null when neither exists', () =>
    expect(documentationTarget(undefined, [readme], () => false, httpsOnly)).toBeNull());
});
