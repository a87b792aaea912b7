/** Where the profile came from, how long the scan took, and the Rescan / Open capture actions with progress. */
import { Badge, Button, Group, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { OpenCaptureButton } from './OpenCaptureButton';
import { formatDuration, originLabel } from './format';
import type { MachineScan } from './use-machine-scan';

/** ` · captured <local time>`, or nothing when the capture's time is missing or not a date (`unknown`). */
function capturedText(capturedAt: string | null): string {
  const when = capturedAt ? new Date(capturedAt) : null;
  return when && !Number.isNaN(when.getTime()) ? ` · captured ${when.toLocaleString()}` : '';
}

const ORIGIN_BADGE = {
  live: { word: 'Live', color: 'rig' },
  capture: { word: 'Capture', color: 'violet' },
  saved: { word: 'Saved', color: 'grape' },
} as const;

function Origin({ scan }: { scan: MachineScan }) {
  if (!scan.result) return null;
  const { origin, durationMs, profile } = scan.result;
  const badge = ORIGIN_BADGE[origin.kind];
  const full = origin.kind === 'live' ? 'Probed live on this machine' : `${badge.word}: ${origin.label}`;
  return (
    <Group gap="xs" data-testid="scan-origin">
      <Tooltip label={full}>
        <Badge variant="light" color={badge.color} size="lg" tabIndex={0}>
          {badge.word}: {originLabel(origin)}
        </Badge>
      </Tooltip>
      <Text size="sm" c="dimmed">
        {origin.kind === 'saved' ? 'from the saved machines' : `read in ${formatDuration(durationMs)}`}
        {capturedText(profile.capturedAt)}
        {profile.isRoot === false ? ' · without root' : ''}
      </Text>
    </Group>
  );
}

function ScanProgressBar({ scan }: { scan: MachineScan }) {
  if (!scan.busy) return null;
  const { progress } = scan;
  const value = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 100;
  const label =
    scan.busy === 'capture'
      ? 'Reading capture…'
      : progress
        ? `Scanning: ${progress.step} (${progress.done}/${progress.total})`
        : 'Scanning…';
  return (
    <Stack gap={4} data-testid="scan-progress">
      <Text size="sm" aria-live="polite">
        {label}
      </Text>
      <Progress value={value} animated striped={!progress} aria-label={label} size="md" />
    </Stack>
  );
}

export function ScanToolbar({ scan }: { scan: MachineScan }) {
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Title order={1} size="h2">
            The machine as the probe sees it
          </Title>
          <Origin scan={scan} />
        </Stack>
        <Group gap="sm">
          <Button
            onClick={() => void scan.rescan()}
            loading={scan.busy === 'scan'}
            disabled={scan.busy !== null}
          >
            Rescan
          </Button>
          <OpenCaptureButton
            disabled={scan.busy !== null}
            onFiles={(files) => void scan.openCapture(files)}
          />
        </Group>
      </Group>
      <ScanProgressBar scan={scan} />
    </Stack>
  );
}
