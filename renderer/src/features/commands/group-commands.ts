/** Commands grouped by runtime for the tabs, in the order buildCommands returns them (the planned runtime first). */
import type { RenderedCommand } from '@shared/engine/commands/command-types';

export interface RuntimeCommands {
  readonly runtime: string;
  readonly commands: readonly RenderedCommand[];
}

export function groupByRuntime(commands: readonly RenderedCommand[]): RuntimeCommands[] {
  const groups = new Map<string, RenderedCommand[]>();
  for (const c of commands) groups.set(c.runtime, [...(groups.get(c.runtime) ?? []), c]);
  return [...groups].map(([runtime, list]) => ({ runtime, commands: list }));
}

/** `data-testid` of a command's copy button: `copy-<runtime>` for the first, then `copy-<runtime>-2`, … */
export const copyTestId = (runtime: string, i: number): string =>
  i === 0 ? `copy-${runtime}` : `copy-${runtime}-${i + 1}`;
