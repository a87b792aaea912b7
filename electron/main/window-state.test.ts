import { describe, expect, it } from 'vitest';
import { parseWindowState, restoreBounds, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it.each<[string, Rect | null, Rect[], Rect | null]>([
    ['nothing saved: default window', null, [laptop], null],
    [
      'fully visible: kept as is',
      { x: 100, y: 80, width: 1200, height: 800 },
      [laptop],
      { x: 100, y: 80, width: 1200, height: 800 },
    ],
    [
      'on a monitor that is unplugged now: default window',
      { x: 2200, y: 100, width: 1400, height: 900 },
      [laptop],
      null,
    ],
    [
      'hanging off the right edge: moved back on',
      { x: 1500, y: 100, width: 1280, height: 860 },
      [laptop],
      { x: 640, y: 100, width: 1280, height: 860 },
    ],
    [
      'bigger than the display now: shrunk to its work area',
      { x: 0, y: 0, width: 2560, height: 1400 },
      [laptop],
      { x: 0, y: 0, width: 1920, height: 1040 },
    ],
    [
      'title bar above the top of the screen: not reachable, default window',
      { x: 100, y: -900, width: 1280, height: 860 },
      [laptop],
      null,
    ],
    [
      'straddling two monitors: placed on the one showing more of it',
      { x: 1700, y: 50, width: 1280, height: 860 },
      [laptop, rightMonitor],
      { x: 1920, y: 50, width: 1280, height: 860 },
    ],
  ])('%s', (_case, saved, displays, expected) => {
    expect(restoreBounds(saved, displays)).toEqual(expected);
  });

  it('reads only a valid stored value', () => {
    const state = { bounds: { x: -10, y: 0, width: 900, height: 600 }, maximized: false };
    expect(parseWindowState(state)).toEqual(state);
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 0, height: 600 }, maximized: false })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
  });
});
