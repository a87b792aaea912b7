/**
 * One hardware value: shows where it came from on hover/focus, or — when the probe could not
 * find it — the word "unknown" with the reason and how to find out.
 */
import type { ReactNode } from 'react';
import { Stack, Text, Tooltip } from '@mantine/core';
import { CAPTURE_FILES, isCaptureFileName } from '@shared/hardware/capture-format';
import { RichText } from './RichText';
import type { UnknownField, ValueSource } from './types';

const SOURCE_WORDS: Record<string, string> = {
  user: 'typed in by you',
  catalog: 'the built-in catalog',
  derived: 'derived from other captured values',
};

export function describeSource(source: ValueSource): string {
  if (isCaptureFileName(source)) return `${source} — ${CAPTURE_FILES[source]}`;
  return SOURCE_WORDS[source] ?? source;
}

export interface HwValueProps {
  /** The formatted value, or null when unknown. */
  readonly value: ReactNode | null;
  /** Capture files (or other sources) the value came from. */
  readonly sources?: readonly ValueSource[];
  /** Why the value is missing, when the profile says. */
  readonly unknown?: UnknownField | null;
  /** Monospace for ids and addresses. */
  readonly mono?: boolean;
  /** Further lines under the source, e.g. the catalog's reference for a spec value. */
  readonly details?: readonly string[];
}

function SourceTip({
  sources,
  details = [],
}: {
  sources: readonly ValueSource[];
  details?: readonly string[];
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        Source
      </Text>
      {sources.map((source) => (
        <Text key={source} size="xs">
          {describeSource(source)}
        </Text>
      ))}
      {details.map((line) => (
        <Text key={line} size="xs" c="dimmed">
          {line}
        </Text>
      ))}
    </Stack>
  );
}

function UnknownTip({ unknown }: { unknown: UnknownField | null | undefined }) {
  if (!unknown) return <Text size="xs">No capture file reported this value.</Text>;
  return (
    <Stack gap={2}>
      <Text size="xs">
        <RichText text={unknown.reason} />
      </Text>
      <Text size="xs" fw={600}>
        <RichText text={unknown.hint} />
      </Text>
    </Stack>
  );
}

export function HwValue({ value, sources = [], unknown, mono = false, details }: HwValueProps) {
  if (value === null || value === undefined) {
    return (
      <Tooltip label={<UnknownTip unknown={unknown} />}>
        <Text span size="sm" c="dimmed" fs="italic" tabIndex={0} data-unknown="true" className="hw-unknown">
          unknown{unknown ? ` — ${unknown.reason}` : ''}
        </Text>
      </Tooltip>
    );
  }
  const content = (
    <Text span size="sm" ff={mono ? 'monospace' : undefined} fw={500}>
      {value}
    </Text>
  );
  if (sources.length === 0) return content;
  return (
    <Tooltip label={<SourceTip sources={sources} details={details} />}>
      <Text
        span
        size="sm"
        ff={mono ? 'monospace' : undefined}
        fw={500}
        tabIndex={0}
        className="hw-value"
        data-source={sources.join(' ')}
      >
        {value}
      </Text>
    </Tooltip>
  );
}
