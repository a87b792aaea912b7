/**
 * "Measured on your rig": what the user ran (the plan's benchmark, or any llama-bench output, load log or
 * `vllm bench serve` result) dropped or opened here, read in the page and set beside the prediction for
 * the same run on this machine and model — the same comparison as the CLI's `bench import`. Each row
 * shows the measurement against the predicted range, red where it falls outside. "Calibrate this
 * machine" keeps the runs (speeds) and the load or start-up logs' buffers (memory) with the machine.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Button, Card, FileButton, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import {
  NotAMeasurementError,
  readMeasurements,
  type Measurement,
} from '@shared/bench-import/read-measurement';
import { runOfRequest } from '@shared/engine/advisor/advise';
import { compareMeasurements, type MemoryComparison } from '@shared/engine/advisor/compare-measurements';
import type { RunComparison } from '@shared/engine/advisor/measured-runs';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES } from '@shared/engine/rig-notes';
import { looksLikeCalibrationCsv, pointsFromCalibrationCsv } from '@shared/calibration/rig-points';
import type { EngineMachine } from '@shared/engine/machine';
import type { MemoryCalibrationPoint } from '@shared/engine/memory-calibration';
import type { RigCalibrationPoint } from '@shared/engine/rig-calibration';
import {
  CalibrationFileError,
  looksLikeCalibrationFile,
  mergeMemoryPoints,
  mergePoints,
  parseCalibrationFile,
  withMeasurements,
  type MachineCalibration,
} from '@shared/settings/calibration-file';
import { useFileDrop } from '../../components/use-file-drop';

const MeasuredChart = lazy(() => import('./MeasuredChart'));

/** Largest file read in the page, bytes (a long server log is a few MB). */
const MAX_BYTES = 20 * 1024 * 1024;

interface Loaded {
  readonly runs: readonly RunComparison[];
  readonly memory: readonly MemoryComparison[];
  readonly skipped: readonly string[];
}

/** A file the user opened, read once (kept, so the comparison follows the plan when the machine or model changes). */
export interface OpenedFile {
  readonly name: string;
  readonly measurements: readonly Measurement[];
}

/** What the opened files hold: measurements to compare, and ready calibration points (shared rows, saved files). */
export interface OpenedFiles {
  readonly measured: readonly OpenedFile[];
  readonly points: readonly RigCalibrationPoint[];
  /** Buffers a saved calibration file measured (its load and start-up logs). */
  readonly memory: readonly MemoryCalibrationPoint[];
  readonly notes: readonly string[];
}

/**
 * Reads the files; a file too large or none of these is refused with one line. A calibration file
 * (`bench import --save`) or rows in the calibration format (`bench import --csv`, shared by someone
 * with the same GPUs) are points for this machine's calibration, not runs to compare.
 */
export async function openFiles(files: readonly File[], machine: EngineMachine): Promise<OpenedFiles> {
  const measured: OpenedFile[] = [];
  const points: RigCalibrationPoint[] = [];
  const memory: MemoryCalibrationPoint[] = [];
  const notes: string[] = [];
  for (const file of files) {
    if (file.size > MAX_BYTES) throw new NotAMeasurementError(`${file.name}: larger than 20 MB`);
    const text = await file.text();
    if (looksLikeCalibrationFile(text)) {
      try {
        const saved = parseCalibrationFile(text);
        points.push(...saved.points);
        memory.push(...saved.memory);
      } catch (e) {
        if (e instanceof CalibrationFileError) throw new NotAMeasurementError(`${file.name}: ${e.message}`);
        throw e;
      }
    } else if (looksLikeCalibrationCsv(text)) {
      const rows = pointsFromCalibrationCsv(text, file.name, machine);
      points.push(...rows.points);
      notes.push(
        `${file.name}: ${rows.points.length} measured figure${rows.points.length === 1 ? '' : 's'} for this machine's GPUs`,
        ...rows.skipped.map((x) => `${file.name} row ${x.id} not used: ${x.reason}`),
      );
    } else measured.push({ name: file.name, measurements: readMeasurements(text, file.name) });
  }
  return { measured, points, memory, notes };
}

/**
 * Every measurement of the files beside the plan for this machine and model (the comparison the CLI's
 * `bench import` makes): llama-bench runs and serving benchmarks against the speed, load logs and
 * vLLM start-up logs against the memory per GPU.
 */
export function compareFiles(files: readonly OpenedFile[], request: PlanRequest): Loaded {
  const input = {
    machine: request.machine,
    profile: null,
    model: request.model,
    run: runOfRequest(request),
    notes: EMPTY_USER_NOTES,
  };
  const runs: RunComparison[] = [];
  const memory: MemoryComparison[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const compared = compareMeasurements(file.measurements, file.name, input);
    runs.push(...compared.runs);
    memory.push(...compared.memory);
    skipped.push(
      ...compared.skipped.map((x) => `${x.source} line ${x.line}: ${x.reason}`),
      ...compared.unused.map((x) => `${x.source} (${x.kind}): ${x.reason}`),
      ...compared.memory.flatMap((m) =>
        m.notCalibrating ? [`${m.source} ${m.device} to calibrate memory: ${m.notCalibrating}`] : [],
      ),
    );
  }
  return { runs, memory, skipped };
}

/** The predicted range as a bar, the measurement as a mark on it (scaled to the row's own span). */
function RangeBar({ run }: { run: RunComparison }) {
  const p = run.predictedTokPerSec;
  if (!p) return <Text size="sm">no prediction</Text>;
  const top = Math.max(p.high, run.measuredTokPerSec) * 1.1;
  const at = (x: number) => `${((x / top) * 100).toFixed(1)}%`;
  const outside = run.withinRange === false;
  return (
    <div
      role="img"
      aria-label={`predicted ${p.low.toFixed(1)} to ${p.high.toFixed(1)}, measured ${run.measuredTokPerSec.toFixed(1)}`}
      style={{
        position: 'relative',
        height: 14,
        minWidth: 120,
        background: 'var(--mantine-color-default-border)',
      }}
    >
      <div
        style={{
          position: 'absolute',
          left: at(p.low),
          width: `calc(${at(p.high)} - ${at(p.low)})`,
          top: 2,
          bottom: 2,
          background: 'var(--mantine-color-blue-filled)',
          opacity: 0.5,
        }}
      />
      <div
        style={{
          position: 'absolute',
          left: at(run.measuredTokPerSec),
          top: 0,
          bottom: 0,
          width: 3,
          background: outside ? 'var(--mantine-color-red-filled)' : 'var(--mantine-color-teal-filled)',
        }}
      />
    </div>
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(0)}%`);

export interface MeasuredFiles {
  readonly files: readonly OpenedFile[];
  readonly setFiles: (files: readonly OpenedFile[]) => void;
}

/** The opened files, kept by the flow: they outlive the Strategy tab, which unmounts when another step shows. */
export function useMeasuredFiles(): MeasuredFiles {
  const [files, setFiles] = useState<readonly OpenedFile[]>([]);
  return { files, setFiles };
}

const rangeText = (r: RunComparison['predictedTokPerSec']) =>
  r ? `${r.expected.toFixed(1)} (${r.low.toFixed(1)}–${r.high.toFixed(1)})` : '—';

function RunsTable({ runs }: { runs: readonly RunComparison[] }) {
  const calibrated = runs.some((r) => r.calibratedTokPerSec);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="measured-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Test</Table.Th>
            <Table.Th>Split</Table.Th>
            <Table.Th>Measured tok/s</Table.Th>
            <Table.Th>Predicted (range)</Table.Th>
            <Table.Th>Error</Table.Th>
            {calibrated && <Table.Th>Calibrated plan</Table.Th>}
            <Table.Th>Measured on the range</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r, i) => (
            <Table.Tr
              key={`${r.source}-${i}`}
              data-testid="measured-row"
              data-outside={r.withinRange === false || undefined}
            >
              <Table.Td>{r.test}</Table.Td>
              <Table.Td>{r.splitMode}</Table.Td>
              <Table.Td>{r.measuredTokPerSec.toFixed(1)}</Table.Td>
              <Table.Td>{rangeText(r.predictedTokPerSec)}</Table.Td>
              <Table.Td fw={r.withinRange === false ? 700 : undefined}>
                {pct(r.errorPct)}
                {r.withinRange === false ? ' outside' : ''}
              </Table.Td>
              {calibrated && (
                <Table.Td data-testid="measured-calibrated">{rangeText(r.calibratedTokPerSec)}</Table.Td>
              )}
              <Table.Td>
                <RangeBar run={r} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MemoryTable({ memory }: { memory: readonly MemoryComparison[] }) {
  const mib = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(0));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="measured-memory">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>Measured MiB (weights / KV / compute)</Table.Th>
            <Table.Th>Planned MiB</Table.Th>
            <Table.Th>Error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {memory.map((m, i) => (
            <Table.Tr key={`${m.source}-${i}`} data-testid="measured-memory-row">
              <Table.Td>
                {m.device}
                {m.gpu ? ` (${m.gpu})` : ''}
              </Table.Td>
              <Table.Td>
                {mib(m.measured.weightsMiB)} / {mib(m.measured.kvMiB)} / {mib(m.measured.computeMiB)}
              </Table.Td>
              <Table.Td>
                {m.predicted
                  ? `${mib(m.predicted.weightsMiB)} / ${mib(m.predicted.kvMiB)} / ${mib(m.predicted.computeMiB)}`
                  : '—'}
              </Table.Td>
              <Table.Td>{pct(m.errorPct)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Runs and memory readings in words: `2 runs and 4 memory readings`, or the one there is. */
function whatIsKept(runs: number, readings: number, run = 'run'): string {
  if (readings === 0) return counted(runs, run);
  if (runs === 0) return counted(readings, 'memory reading');
  return `${counted(runs, run)} and ${counted(readings, 'memory reading')}`;
}

/** This machine's calibration: add the runs and buffers shown, turn it on or off, forget it. */
function CalibrationControls({
  runs,
  memory,
  calibration,
  onChange,
}: {
  runs: readonly RunComparison[];
  memory: readonly MemoryComparison[];
  calibration: MachineCalibration;
  onChange: (c: MachineCalibration) => void;
}) {
  const points = runs.flatMap((r) => (r.point ? [r.point] : []));
  const buffers = memory.flatMap((m) => (m.point ? [m.point] : []));
  const keptMemory = calibration.memory ?? [];
  const addsRuns = mergePoints(calibration.points, points).length - calibration.points.length;
  const addsMemory = mergeMemoryPoints(keptMemory, buffers).length - keptMemory.length;
  const kept = calibration.points.length + keptMemory.length;
  return (
    <Stack gap="xs" data-testid="calibration-controls">
      {points.length + buffers.length > 0 && (
        <Group gap="sm">
          <Button
            size="xs"
            disabled={addsRuns + addsMemory === 0}
            onClick={() => onChange(withMeasurements(calibration, points, buffers))}
            data-testid="calibrate-machine"
          >
            {addsRuns + addsMemory === 0
              ? `These ${buffers.length ? 'measurements' : 'runs'} calibrate this machine`
              : `Calibrate this machine on ${whatIsKept(addsRuns, addsMemory)}`}
          </Button>
          <Text size="xs" c="dimmed">
            Per GPU and engine, the plans on this machine then move by measured ÷ predicted, most by the runs
            most like them; a pp+tg test, or a run of another model, does not calibrate. A load log's compute
            buffers (a vLLM log's overhead) size every plan here; another model's only ever raise them.
          </Text>
        </Group>
      )}
      {kept > 0 && (
        <Group gap="md" data-testid="calibration-status">
          <Switch
            checked={calibration.enabled}
            onChange={(e) => onChange({ ...calibration, enabled: e.currentTarget.checked })}
            label={`Plans use this machine's ${whatIsKept(calibration.points.length, keptMemory.length, 'measured run')}`}
            data-testid="calibration-switch"
          />
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => onChange({ enabled: true, points: [] })}
          >
            {keptMemory.length ? 'Forget the runs and readings' : 'Forget the runs'}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function MeasuredPanel({
  request,
  measured,
  calibration,
  onCalibration,
}: {
  request: PlanRequest;
  measured: MeasuredFiles;
  calibration: MachineCalibration;
  onCalibration: (c: MachineCalibration) => void;
}) {
  const { files, setFiles } = measured;
  const [error, setError] = useState<string | null>(null);
  // Re-compared when the plan changes (another model, machine or setting), not only when a file is opened.
  const loaded = useMemo(() => (files.length ? compareFiles(files, request) : null), [files, request]);
  const [sharedNotes, setSharedNotes] = useState<readonly string[]>([]);
  const open = async (picked: readonly File[]) => {
    if (picked.length === 0) return;
    try {
      const opened = await openFiles(picked, request.machine);
      if (opened.measured.length > 0 || opened.points.length + opened.memory.length === 0)
        setFiles(opened.measured);
      // Shared rows and saved calibrations calibrate this machine at once: the user opened them for that.
      if (opened.points.length + opened.memory.length > 0)
        onCalibration(withMeasurements(calibration, opened.points, opened.memory));
      setSharedNotes(opened.notes);
      setError(null);
    } catch (e) {
      setError(e instanceof NotAMeasurementError ? e.message : `Could not read it: ${(e as Error).message}`);
    }
  };
  const drop = useFileDrop((picked) => void open(picked));
  return (
    <Card
      component="section"
      aria-labelledby="measured-title"
      data-testid="measured-drop-zone"
      {...drop.props}
    >
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h3" id="measured-title">
          Measured on your rig
        </Title>
        <FileButton
          multiple
          onChange={(files) => void open(files)}
          inputProps={{ 'data-testid': 'measured-file-input' } as React.ComponentProps<'input'>}
        >
          {(props) => (
            <Button variant="default" {...props}>
              Open a measurement…
            </Button>
          )}
        </FileButton>
      </Group>
      <Stack gap="sm">
        <Text size="sm">
          Run the benchmark on the Commands step (or any llama-bench: table, -o csv/json/jsonl/sql; a
          llama.cpp load log; a vLLM start-up log or bench serve result) and drop what it printed here: each
          test is set beside what this plan predicts for the same run on this machine.
        </Text>
        {error && (
          <Alert color="red" variant="light" data-testid="measured-error">
            {error}
          </Alert>
        )}
        {loaded && loaded.runs.length > 0 && (
          <>
            <RunsTable runs={loaded.runs} />
            <Suspense fallback={null}>
              <MeasuredChart runs={loaded.runs} />
            </Suspense>
          </>
        )}
        {loaded && loaded.memory.length > 0 && <MemoryTable memory={loaded.memory} />}
        {[...new Set(loaded?.runs.flatMap((r) => r.notes) ?? [])].map((n) => (
          <Text size="sm" key={n} data-testid="measured-note">
            {n}
          </Text>
        ))}
        <CalibrationControls
          runs={loaded?.runs ?? []}
          memory={loaded?.memory ?? []}
          calibration={calibration}
          onChange={onCalibration}
        />
        {loaded && loaded.runs.length === 0 && loaded.memory.length === 0 && (
          <Text size="sm">Nothing to compare in these files.</Text>
        )}
        {sharedNotes.map((n) => (
          <Text size="xs" key={n} data-testid="calibration-note">
            {n}
          </Text>
        ))}
        {loaded?.skipped.map((s) => (
          <Text size="xs" key={s}>
            Not used: {s}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
