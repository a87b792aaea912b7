/**
 * The user's notes on the PSU and the case — the parts no probe can see — kept in settings through
 * the AppApi. One form for both, so saving one part never overwrites unsaved edits of the other.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Divider, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { RangedNumberInput } from '../../components/RangedNumberInput';
import type { UserNotesStore } from '../../state/use-user-notes';
import type { CaseNotes, PsuNotes, UserNotes } from './types';

type Status =
  | { kind: 'loading' }
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string };

export function PsuNotesForm({ store }: { store: UserNotesStore }) {
  const [notes, setNotes] = useState<UserNotes | null>(store.notes);
  const [status, setStatus] = useState<Status>(
    store.loadError
      ? { kind: 'error', message: store.loadError }
      : store.notes
        ? { kind: 'idle' }
        : { kind: 'loading' },
  );

  const [dirty, setDirty] = useState(false);
  // Fields holding an out-of-range entry: nothing is saved until each is fixed (never clamped).
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const validity = (field: string) => (valid: boolean) =>
    setInvalid((now) => {
      if (valid === !now.has(field)) return now;
      const next = new Set(now);
      if (valid) next.delete(field);
      else next.add(field);
      return next;
    });
  // The first load lands after mount; a save from elsewhere (the checks) refreshes an unedited form.
  const [seen, setSeen] = useState(store.notes);
  if (store.notes !== seen) {
    setSeen(store.notes);
    if (!dirty) setNotes(store.notes);
    if (status.kind === 'loading') setStatus({ kind: 'idle' });
  }
  if (store.loadError && status.kind === 'loading') setStatus({ kind: 'error', message: store.loadError });

  const edit = (patch: Partial<PsuNotes>) => {
    setNotes((current) => (current ? { ...current, psu: { ...current.psu, ...patch } } : current));
    setDirty(true);
    setStatus((s) => (s.kind === 'saved' ? { kind: 'idle' } : s));
  };

  const editCase = (patch: Partial<CaseNotes>) => {
    setNotes((current) => (current ? { ...current, case: { ...current.case, ...patch } } : current));
    setDirty(true);
    setStatus((s) => (s.kind === 'saved' ? { kind: 'idle' } : s));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!notes) return;
    setStatus({ kind: 'saving' });
    const result = await store.save(notes);
    if (result.ok) {
      setNotes(result.value);
      setDirty(false);
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'error', message: result.error.message });
  };

  const psu = notes?.psu;
  const disabled = !psu || status.kind === 'saving';
  return (
    <Card component="section" aria-labelledby="psu-title">
      <Title order={2} size="h3" id="psu-title">
        Power supply and case
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        No probe can read the PSU or the case. Note what they provide; the power and cooling checks use it.
      </Text>
      <form onSubmit={(event) => void save(event)} aria-label="PSU and case notes" data-testid="psu-form">
        <Stack gap="sm">
          <RangedNumberInput
            label="Rated output"
            suffix=" W"
            min={1}
            max={10000}
            unit="W"
            disabled={disabled}
            value={psu?.watts ?? null}
            onValid={(watts) => edit({ watts })}
            onValidity={validity('watts')}
          />
          <Group grow align="flex-start">
            <RangedNumberInput
              label="8-pin PCIe cables"
              min={0}
              max={32}
              disabled={disabled}
              value={psu?.pcie8PinCables ?? null}
              onValid={(pcie8PinCables) => edit({ pcie8PinCables })}
              onValidity={validity('pcie8')}
            />
            <RangedNumberInput
              label="12VHPWR cables"
              min={0}
              max={16}
              disabled={disabled}
              value={psu?.connectors12vhpwr ?? null}
              onValid={(connectors12vhpwr) => edit({ connectors12vhpwr })}
              onValidity={validity('12vhpwr')}
            />
          </Group>
          <Textarea
            label="Note"
            placeholder="Model, efficiency rating, cable adapters…"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            disabled={disabled}
            value={psu?.note ?? ''}
            onChange={(e) => edit({ note: e.currentTarget.value })}
          />
          <Divider label="Case" labelPosition="left" />
          <RangedNumberInput
            label="Expansion slots"
            description="Slot brackets at the back (7 on most ATX towers)"
            min={1}
            max={20}
            disabled={disabled}
            value={notes?.case.expansionSlots ?? null}
            onValid={(expansionSlots) => editCase({ expansionSlots })}
            onValidity={validity('slots')}
          />
          <Textarea
            label="Case note"
            placeholder="Airflow, clearance, risers, card length limit…"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            disabled={disabled}
            value={notes?.case.note ?? ''}
            onChange={(e) => editCase({ note: e.currentTarget.value })}
          />
          {status.kind === 'error' && (
            <Alert color="red" variant="light" title="Could not save the notes">
              {status.message}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="sm" c="teal" aria-live="polite" data-testid="psu-status">
              {status.kind === 'saved' ? 'Saved' : ''}
            </Text>
            <Button
              type="submit"
              variant="light"
              loading={status.kind === 'saving'}
              disabled={!psu || invalid.size > 0}
            >
              Save notes
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
