/**
 * The desktop app's File menu, carried out by the page: Open capture… (main's folder dialog) and
 * Save report… (the checklist as a PDF). Print… is main's own `webContents.print()`. A browser has
 * no such menu: `onMenu` never fires there.
 */
import { useEffect, useRef } from 'react';
import type { AppApi, MenuAction } from '@shared/ipc/contract';

export type MenuHandlers = Record<MenuAction, () => void>;

export function useMenuActions(api: Pick<AppApi, 'onMenu'>, handlers: MenuHandlers): void {
  // Subscribe once; the handlers change every render (they close over the current step and plan).
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => api.onMenu((action) => latest.current[action]()), [api]);
}
