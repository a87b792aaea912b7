/**
 * The engine's suggestions — the cheap changes that flip a verdict, each already re-planned — with
 * what each gives (where the model lives, speed, context), how to make it by hand in the app's
 * fields, and an Apply button that makes it. Shown on the Checks and Strategy steps.
 */
import { Button, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { Suggestion } from '@shared/engine/suggestion-types';
import { FitBadge } from '../../components/FitBadge';
import { formatRange, tokens } from '../../components/format-advisor';
import { SUGGESTION_KIND_WORDS, suggestionHow } from '../../components/input-words';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { applySuggestion } from './apply-suggestion';

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function SuggestionRow({ s, onApply }: { s: Suggestion; onApply: () => void }) {
  const how = suggestionHow(s.change);
  return (
    <Group
      align="flex-start"
      wrap="nowrap"
      gap="md"
      data-testid="suggestion"
      data-kind={s.kind}
      data-effect-fit={s.effect.fit}
    >
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm">{sentence(s.summary)}</Text>
        <Group gap="xs">
          <FitBadge size="xs" fit={s.effect.fit} />
          <Text size="xs">
            {formatRange(s.effect.decodeTokPerSec)} · up to{' '}
            {s.effect.maxContext ? tokens(s.effect.maxContext) : '—'} tokens of context
            {s.effect.strategy ? ` · ${s.effect.strategy}` : ''}
          </Text>
        </Group>
        {how.length > 0 && (
          <Text size="xs" c="dimmed">
            How: {how.join('; ')}.
          </Text>
        )}
      </Stack>
      <Button size="xs" variant="light" onClick={onApply}>
        Apply<VisuallyHidden> {SUGGESTION_KIND_WORDS[s.kind]}</VisuallyHidden>
      </Button>
    </Group>
  );
}

export interface SuggestionsCardProps {
  readonly advisor: Advisor;
  readonly notes: UserNotesStore;
}

export function SuggestionsCard({ advisor, notes }: SuggestionsCardProps) {
  const { suggestions, request, dispatch } = advisor;
  if (suggestions.length === 0 || !request) return null;
  const apply = (s: Suggestion) => {
    const { actions, psuWatts, psuAtx3 } = applySuggestion(s.change, request.model.quant?.format ?? null);
    for (const action of actions) dispatch(action);
    const saved = notes.notes;
    if (psuWatts !== null && saved) {
      // The power rule reads "ATX 3" in the PSU note; a suggested ATX 3.x unit says so there.
      const note =
        psuAtx3 && !/atx\s*3/i.test(saved.psu.note) ? `${saved.psu.note} ATX 3.x`.trim() : saved.psu.note;
      void notes.save({ ...saved, psu: { ...saved.psu, watts: psuWatts, note } });
    }
  };
  return (
    <Card component="section" aria-labelledby="suggestions-title" data-testid="suggestions">
      <Title order={2} size="h3" id="suggestions-title">
        Suggestions
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Changes that would do better here, each planned again with the change made.
      </Text>
      <Stack gap="md">
        {suggestions.map((s, i) => (
          <SuggestionRow key={`${s.kind}-${i}`} s={s} onApply={() => apply(s)} />
        ))}
      </Stack>
    </Card>
  );
}
