/**
 * "Measured on your rig": what the user ran (the plan's benchmark, or any llama-bench output, load log or
 * `vllm bench serve` result) dropped or opened here, read in the page and set beside the prediction for
 * the same run on this machine and model — the same comparison as the CLI's `bench import`. Each row
 * shows the measurement against the predicted range, red where it falls outside.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import {
  NotAMeasurementError,
  readMeasurements,
  type Measurement,
} from '@shared/bench-import/read-measurement';
import { compareLlamaBenchRun, type RunComparison } from '@shared/engine/advisor/measured-runs';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import { useFileDrop } from '../../components/use-file-drop';

/** Largest file read in the page, bytes (a long server log is a few MB). */
const MAX_BYTES = 20 * 1024 * 1024;

interface Loaded {
  readonly runs: readonly RunComparison[];
  readonly skipped: readonly string[];
}

/** A file the user opened, read once (kept, so the comparison follows the plan when the machine or model changes). */
export interface OpenedFile {
  readonly name: string;
  readonly measurements: readonly Measurement[];
}

/** Reads the files; a file too large or not a measurement is refused with one line. */
export async function openFiles(files: readonly File[]): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  for (const file of files) {
    if (file.size > MAX_BYTES) throw new NotAMeasurementError(`${file.name}: larger than 20 MB`);
    out.push({ name: file.name, measurements: readMeasurements(await file.text(), file.name) });
  }
  return out;
}

/** Every llama-bench run of the files beside the plan for this machine and model. */
export function compareFiles(files: readonly OpenedFile[], request: PlanRequest): Loaded {
  const runs: RunComparison[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    for (const m of file.measurements) {
      if (m.kind !== 'llama-bench') {
        skipped.push(`${file.name}: a ${m.kind} — compare it with the CLI's bench import`);
        continue;
      }
      for (const run of m.runs)
        runs.push(
          compareLlamaBenchRun(run, {
            machine: request.machine,
            model: request.model,
            source: file.name,
            build: m.build,
          }),
        );
      skipped.push(...m.skipped.map((s) => `${file.name} line ${s.line}: ${s.reason}`));
    }
  }
  return { runs, skipped };
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

export function MeasuredPanel({ request, measured }: { request: PlanRequest; measured: MeasuredFiles }) {
  const { files, setFiles } = measured;
  const [error, setError] = useState<string | null>(null);
  // Re-compared when the plan changes (another model, machine or setting), not only when a file is opened.
  const loaded = useMemo(() => (files.length ? compareFiles(files, request) : null), [files, request]);
  const open = async (picked: readonly File[]) => {
    if (picked.length === 0) return;
    try {
      setFiles(await openFiles(picked));
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
              Open llama-bench output…
            </Button>
          )}
        </FileButton>
      </Group>
      <Stack gap="sm">
        <Text size="sm">
          Run the benchmark on the Commands step (or any llama-bench: table, -o csv/json/jsonl/sql) and drop
          what it printed here: each test is set beside what this plan predicts for the same run on this
          machine.
        </Text>
        {error && (
          <Alert color="red" variant="light" data-testid="measured-error">
            {error}
          </Alert>
        )}
        {loaded && loaded.runs.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table data-testid="measured-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Test</Table.Th>
                  <Table.Th>Split</Table.Th>
                  <Table.Th>Measured tok/s</Table.Th>
                  <Table.Th>Predicted (range)</Table.Th>
                  <Table.Th>Error</Table.Th>
                  <Table.Th>Measured on the range</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {loaded.runs.map((r, i) => (
                  <Table.Tr
                    key={`${r.source}-${i}`}
                    data-testid="measured-row"
                    data-outside={r.withinRange === false || undefined}
                  >
                    <Table.Td>{r.test}</Table.Td>
                    <Table.Td>{r.splitMode}</Table.Td>
                    <Table.Td>{r.measuredTokPerSec.toFixed(1)}</Table.Td>
                    <Table.Td>
                      {r.predictedTokPerSec
                        ? `${r.predictedTokPerSec.expected.toFixed(1)} (${r.predictedTokPerSec.low.toFixed(1)}–${r.predictedTokPerSec.high.toFixed(1)})`
                        : '—'}
                    </Table.Td>
                    <Table.Td fw={r.withinRange === false ? 700 : undefined}>
                      {pct(r.errorPct)}
                      {r.withinRange === false ? ' outside' : ''}
                    </Table.Td>
                    <Table.Td>
                      <RangeBar run={r} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {[...new Set(loaded?.runs.flatMap((r) => r.notes) ?? [])].map((n) => (
          <Text size="sm" key={n} data-testid="measured-note">
            {n}
          </Text>
        ))}
        {loaded && loaded.runs.length === 0 && <Text size="sm">No llama-bench test in these files.</Text>}
        {loaded?.skipped.map((s) => (
          <Text size="xs" key={s}>
            Not used: {s}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
