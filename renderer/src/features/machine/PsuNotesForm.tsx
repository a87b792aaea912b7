/**
 * The user's notes on the PSU and the case — the parts no probe can see — kept in settings through
 * the AppApi. One form for both, so saving one part never overwrites unsaved edits of the other.
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { UserNotesStore } from '../../state/use-user-notes';
import type { CaseNotes, PsuNotes, UserNotes } from './types';

type Status =
  | { kind: 'loading' }
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string };

const toNumber = (value: string | number): number | null =>
  value === '' || value === null ? null : Number(value);

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
          <NumberInput
            label="Rated output"
            suffix=" W"
            min={1}
            max={10000}
            allowDecimal={false}
            disabled={disabled}
            value={psu?.watts ?? ''}
            onChange={(v) => edit({ watts: toNumber(v) })}
          />
          <Group grow align="flex-start">
            <NumberInput
              label="8-pin PCIe cables"
              min={0}
              max={32}
              allowDecimal={false}
              disabled={disabled}
              value={psu?.pcie8PinCables ?? ''}
              onChange={(v) => edit({ pcie8PinCables: toNumber(v) })}
            />
            <NumberInput
              label="12VHPWR cables"
              min={0}
              max={16}
              allowDecimal={false}
              disabled={disabled}
              value={psu?.connectors12vhpwr ?? ''}
              onChange={(v) => edit({ connectors12vhpwr: toNumber(v) })}
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
          <NumberInput
            label="Expansion slots"
            description="Slot brackets at the back (7 on most ATX towers)"
            min={1}
            max={20}
            allowDecimal={false}
            disabled={disabled}
            value={notes?.case.expansionSlots ?? ''}
            onChange={(v) => editCase({ expansionSlots: toNumber(v) })}
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
            <Button type="submit" variant="light" loading={status.kind === 'saving'} disabled={!psu}>
              Save notes
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
