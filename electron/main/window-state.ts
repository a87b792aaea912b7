/**
 * The main window's size, place and maximized flag, kept in settings (`window` key) and restored on
 * start — but only where it can be seen: a window saved on a monitor that is gone, or half off the
 * screen, is moved and shrunk onto a connected display. Pure, no electron import.
 */
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Default and smallest window size, px (DIP). */
export const WINDOW_SIZE = { width: 1280, height: 860, minWidth: 900, minHeight: 600 } as const;
/** How much of the window's top strip (its title bar) must lie on a display to count as visible, px. */
const VISIBLE_STRIP = { width: 120, height: 32 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);

export const windowStateSchema = z.object({
  /** The window's normal (not maximized) bounds, px (DIP). */
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

const clampTo = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * Bounds to reopen the window at, given the work areas of the connected displays: the saved bounds
 * when their title bar is visible on a display, shrunk to fit it and moved fully onto it; null when no
 * display shows it (the caller then opens the default size, centred on the primary display).
 */
export function restoreBounds(saved: Rect | null, workAreas: readonly Rect[]): Rect | null {
  if (!saved) return null;
  const titleBar: Rect = { ...saved, height: Math.min(saved.height, VISIBLE_STRIP.height) };
  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const strip = overlap(titleBar, area);
    if (!strip || strip.width < Math.min(VISIBLE_STRIP.width, saved.width)) continue;
    const visible = overlap(saved, area);
    const size = visible ? visible.width * visible.height : 0;
    if (!best || size > best.visible) best = { area, visible: size };
  }
  if (!best) return null;
  const { area } = best;
  const width = clampTo(saved.width, Math.min(WINDOW_SIZE.minWidth, area.width), area.width);
  const height = clampTo(saved.height, Math.min(WINDOW_SIZE.minHeight, area.height), area.height);
  return {
    x: clampTo(saved.x, area.x, area.x + area.width - width),
    y: clampTo(saved.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

/** The stored window state, or null when there is none or it does not validate (it is only a nicety). */
export function parseWindowState(raw: unknown): WindowState | null {
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
