/** Answers an unknown check on the spot: the missing note(s) as number fields, saved through the AppApi. */
import { useState, type FormEvent } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { Check } from '@shared/engine/checks/check-types';
import { RangedNumberInput } from '../../components/RangedNumberInput';
import type { UserNotesStore } from '../../state/use-user-notes';
import type { NoteQuestion } from './note-questions';

export interface InlineNoteInputProps {
  /** The check it answers (only its id is used: the form's name and test id). */
  readonly check: Pick<Check, 'id'>;
  readonly questions: readonly NoteQuestion[];
  readonly store: UserNotesStore;
}

export function InlineNoteInput({ check, questions, store }: InlineNoteInputProps) {
  const [values, setValues] = useState<Record<string, number | null>>({});
  // Fields holding what is out of range: said on the field, never clamped, and Save waits for them.
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [state, setState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!store.notes) return;
    const next = questions.reduce((n, q) => q.write(n, values[q.key] ?? q.read(n)), store.notes);
    setState({ kind: 'saving' });
    const result = await store.save(next);
    setState(result.ok ? { kind: 'idle' } : { kind: 'error', message: result.error.message });
  };
  const empty = questions.every((q) => values[q.key] === undefined || values[q.key] === null);
  return (
    <form onSubmit={(e) => void save(e)} aria-label={`Answer ${check.id}`} data-testid={`answer-${check.id}`}>
      <Group gap="xs" align="flex-end" mt={6}>
        {questions.map((q) => (
          <RangedNumberInput
            key={q.key}
            size="xs"
            w={210}
            label={q.label}
            suffix={q.suffix}
            unit={q.suffix?.trim()}
            min={q.min}
            max={q.max}
            value={values[q.key] ?? null}
            onValid={(v) => setValues((s) => ({ ...s, [q.key]: v }))}
            onValidity={(valid) =>
              setInvalid((s) => {
                const next = new Set(s);
                if (valid) next.delete(q.key);
                else next.add(q.key);
                return next;
              })
            }
          />
        ))}
        <Button
          size="xs"
          type="submit"
          variant="light"
          loading={state.kind === 'saving'}
          disabled={empty || invalid.size > 0}
        >
          Save
        </Button>
        {state.kind === 'error' && (
          <Text size="xs" c="red" role="alert">
            {state.message}
          </Text>
        )}
      </Group>
    </form>
  );
}
