/**
 * The rig checks by area — power, cooling, slots and lanes, software (capacity sits with the bars) —
 * each with its status, the reason with its numbers, what to do, and where the rule comes from.
 */
import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { Check, CheckArea } from '@shared/engine/checks/check-types';
import { worst } from '@shared/engine/checks/check-types';
import { StatusBadge } from '../../components/StatusBadge';
import { suggestionKindsText } from '../../components/input-words';
import type { UserNotesStore } from '../../state/use-user-notes';
import { RichText } from '../machine/RichText';
import { InlineNoteInput } from './InlineNoteInput';
import { questionsFor } from './note-questions';

export const AREA_TITLES: Record<CheckArea, string> = {
  capacity: 'Capacity',
  power: 'Power',
  cooling: 'Cooling',
  slots: 'Slots and lanes',
  software: 'Software',
};

/** A source is `URL (what it says)` or a repository reference. */
function SourceLine({ text }: { text: string }) {
  const m = /^(https?:\/\/\S+)(.*)$/.exec(text);
  if (!m) return <Text size="xs">{text}</Text>;
  return (
    <Text size="xs">
      <Anchor href={m[1]} target="_blank" rel="noreferrer noopener" size="xs">
        {new URL(m[1] as string).hostname}
      </Anchor>
      {m[2]}
    </Text>
  );
}

function CheckRow({ check, store }: { check: Check; store: UserNotesStore }) {
  const questions = questionsFor(check, store.notes);
  return (
    <Group
      align="flex-start"
      wrap="nowrap"
      gap="md"
      data-testid="check-row"
      data-check-id={check.id}
      data-status={check.status}
    >
      <StatusBadge status={check.status} />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm">
          <RichText text={check.reason} />
        </Text>
        {check.fix && (
          <Text size="sm" c="dimmed">
            <Text span fw={600} size="sm">
              {check.status === 'unknown' ? 'How to find out: ' : 'Fix: '}
            </Text>
            <RichText text={check.fix} />
          </Text>
        )}
        {check.suggestions && check.suggestions.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="check-suggestions">
            Would change with {suggestionKindsText(check.suggestions)}: see Suggestions.
          </Text>
        )}
        {questions.length > 0 && <InlineNoteInput check={check} questions={questions} store={store} />}
        {check.sources && check.sources.length > 0 && (
          <details>
            <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)' }}>
              Sources ({check.sources.length})
            </summary>
            <List size="xs" mt={4}>
              {check.sources.map((s) => (
                <List.Item key={s}>
                  <SourceLine text={s} />
                </List.Item>
              ))}
            </List>
          </details>
        )}
      </Stack>
    </Group>
  );
}

export function CheckAreaSection({
  area,
  checks,
  store,
}: {
  area: CheckArea;
  checks: readonly Check[];
  store: UserNotesStore;
}) {
  if (checks.length === 0) return null;
  return (
    <Paper p="md" component="section" aria-labelledby={`area-${area}`} data-testid={`checks-${area}`}>
      <Group gap="sm" mb="sm">
        <Title order={3} size="h4" id={`area-${area}`}>
          {AREA_TITLES[area]}
        </Title>
        <StatusBadge status={worst(checks)} />
      </Group>
      <Stack gap="md">
        {checks.map((c) => (
          <CheckRow key={c.id} check={c} store={store} />
        ))}
      </Stack>
    </Paper>
  );
}
