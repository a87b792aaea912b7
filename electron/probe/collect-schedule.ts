/**
 * Who runs when inside the scan deadline. A hung driver call must not take the rest of the probe
 * with it (a hung nvidia-smi once held every slot until the deadline, so nothing else was read):
 * - /proc and sysfs reads have their own lane: they cannot hang like a driver call, so they never
 *   wait behind one;
 * - one program holds at most half of the command slots, so lspci and the rest keep running;
 * - a program whose call timed out is not started again: its driver is hung, the next call would be too.
 */
import type { CollectOutcome, Collector } from './collectors/types';

/** Reads at once in the files lane: a few, so hundreds of sysfs devices do not run out of descriptors. */
export const FILE_LANE_SLOTS = 2;

export interface LaneOptions {
  /** Collectors running at once in this lane. */
  readonly slots: number;
  /** Stops starting new collectors (the scan deadline passed). */
  readonly signal: AbortSignal;
  /** Runs one collector; never rejects. */
  readonly run: (collector: Collector) => Promise<CollectOutcome>;
  /** A collector not started because its program hung on an earlier call. */
  readonly skip: (collector: Collector, reason: string) => void;
}

/** Runs `collectors` in order as slots free up; resolves when all are done or skipped. */
export function runLane(collectors: readonly Collector[], options: LaneOptions): Promise<void> {
  const queue = [...collectors];
  const perProgram = Math.max(1, Math.ceil(options.slots / 2));
  const inFlight = new Map<string, number>();
  const hung = new Map<string, string>();
  let running = 0;
  return new Promise<void>((resolve) => {
    const finished = (collector: Collector, outcome: CollectOutcome): void => {
      running -= 1;
      const program = collector.program;
      if (program) {
        inFlight.set(program, (inFlight.get(program) ?? 1) - 1);
        if (outcome.entry.errorKind === 'timed-out' && !hung.has(program))
          hung.set(program, collector.command);
      }
      pump();
    };
    const pump = (): void => {
      for (let i = 0; i < queue.length && running < options.slots && !options.signal.aborted;) {
        const collector = queue[i] as Collector;
        const program = collector.program;
        const hungOn = program ? hung.get(program) : undefined;
        if (program && hungOn !== undefined) {
          queue.splice(i, 1);
          options.skip(collector, `not run: ${program} hung on an earlier call (${hungOn})`);
          continue;
        }
        if (program && (inFlight.get(program) ?? 0) >= perProgram) {
          i += 1;
          continue;
        }
        queue.splice(i, 1);
        running += 1;
        if (program) inFlight.set(program, (inFlight.get(program) ?? 0) + 1);
        void options.run(collector).then((outcome) => finished(collector, outcome));
      }
      if (running === 0 && (queue.length === 0 || options.signal.aborted)) resolve();
    };
    pump();
  });
}
