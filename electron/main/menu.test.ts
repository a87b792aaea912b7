import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuHandlers, type MenuItemSpec } from './menu';

const handlers = (): MenuHandlers => ({
  openCapture: vi.fn(),
  saveReport: vi.fn(),
  print: vi.fn(),
  openDocs: vi.fn(),
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
      docsUrl: 'https://example.org/rig-advisor#readme',
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
      Help: ['Documentation'],
    });
  });

  it('in development View starts with reload and developer tools', () => {
    const template = buildMenuTemplate(handlers(), { isDev: true, platform: 'win32', docsUrl: null });
    expect(outline(template).View?.slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
  });

  it('on macOS: the app menu first, Close Window in File, a Window menu', () => {
    const template = buildMenuTemplate(handlers(), { isDev: false, platform: 'darwin', docsUrl: null });
    expect(template.map(label)).toEqual(['appMenu', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(outline(template).File?.at(-1)).toBe('close');
  });

  it('wires each File item to its handler with the usual shortcut', () => {
    const h = handlers();
    const template = buildMenuTemplate(h, { isDev: false, platform: 'linux', docsUrl: null });
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

  it('enables Documentation only when there is a URL to open', () => {
    const h = handlers();
    expect(
      find(buildMenuTemplate(h, { isDev: false, platform: 'linux', docsUrl: null }), 'docs')?.enabled,
    ).toBe(false);
    const docs = find(
      buildMenuTemplate(h, { isDev: false, platform: 'linux', docsUrl: 'https://example.org' }),
      'docs',
    );
    expect(docs?.enabled).toBe(true);
    docs?.click?.();
    expect(h.openDocs).toHaveBeenCalled();
  });
});
