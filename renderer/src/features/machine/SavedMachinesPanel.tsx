/**
 * Saved machines: keep the machine on screen (scanned or a catalog build, with its PSU/case notes)
 * under a name, open it again later, and share it as a machine file (`*.rig-machine.json`).
 */
import { useRef, useState, type ChangeEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { gpuById } from '@shared/catalog/gpus/index';
import type { ScanResult } from '@shared/ipc/contract';
import { MAX_MACHINE_FILE_CHARS, machineFileName, type SavedMachine } from '@shared/settings/saved-machine';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { downloadText } from '../checklist/checklist-files';
import type { MachineScan } from './use-machine-scan';
import {
  machineToSave,
  openSavedMachine,
  type CurrentMachine,
  type SavedMachines,
} from './use-saved-machines';

/** `2× RTX A5000 + RTX 4090`: the cards by name, same ones counted. */
export function gpuSummary(names: readonly string[]): string {
  if (names.length === 0) return 'no GPUs';
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${n}× ${name}` : name)).join(' + ');
}

/** The cards of a saved machine by name; a GPU its capture did not name shows as the card the user said. */
function machineGpuNames(m: SavedMachine): string[] {
  if (m.kind !== 'scanned') return (m.gpus ?? []).map((id) => gpuById(id)?.name ?? id);
  const said = new Map((m.identities ?? []).map((i) => [i.gpuIndex, gpuById(i.gpuId)?.name]));
  return (m.profile?.gpus ?? []).map((g) => said.get(g.index) ?? g.name);
}

/** A name to start from: the board (or system) and the cards. */
function suggestedName(current: CurrentMachine): string {
  if (current.inputs.source === 'catalog') {
    const ids = current.inputs.cards.flatMap((c) => Array.from({ length: c.count }, () => c.gpuId));
    return ids.length ? `Build: ${gpuSummary(ids.map((id) => gpuById(id)?.name ?? id))}` : '';
  }
  const profile = current.profile;
  if (!profile) return '';
  const board = profile.baseboard.model ?? profile.system.model;
  // The engine's names include the cards the user identified (a capture may not name them).
  const gpus = gpuSummary(current.gpuNames ?? profile.gpus.map((g) => g.name));
  return board ? `${board} · ${gpus}` : gpus;
}

/** Whether this saved machine is the one on screen: opened (scanned), or the same cards (planned). */
function isShown(
  m: SavedMachine,
  current: CurrentMachine,
  origin: ScanResult['origin'] | undefined,
): boolean {
  if (m.kind === 'scanned')
    return current.inputs.source === 'scan' && origin?.kind === 'saved' && origin.machineId === m.id;
  const cards = current.inputs.cards.flatMap((c) => Array.from({ length: c.count }, () => c.gpuId));
  return (
    current.inputs.source === 'catalog' && [...cards].sort().join() === [...(m.gpus ?? [])].sort().join()
  );
}

type Notice = { readonly color: 'teal' | 'red'; readonly text: string } | null;

export interface SavedMachinesPanelProps {
  /** The list, owned by the flow so it is read once. */
  readonly saved: SavedMachines;
  readonly advisor: Advisor;
  readonly scan: MachineScan;
  readonly notes: UserNotesStore;
}

export function SavedMachinesPanel({ saved, advisor, scan, notes }: SavedMachinesPanelProps) {
  const current: CurrentMachine = {
    inputs: advisor.inputs.machine,
    profile: scan.result?.profile ?? null,
    notes: notes.notes,
    gpuNames: advisor.machine.machine?.gpus.map((g) => g.name) ?? null,
  };
  const [name, setName] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  // A new outcome replaces an older error from the list, so a later success is not hidden behind it.
  const say = (next: Notice) => {
    saved.dismissError();
    setNotice(next);
  };
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const shownName = name ?? suggestedName(current);
  const kind = current.inputs.source === 'catalog' ? 'planned' : 'scanned';
  // Update only the saved machine that is on screen now; the same name on another machine adds a new entry.
  const sameName = saved.machines?.find(
    (m) => m.kind === kind && m.name === shownName.trim() && isShown(m, current, scan.result?.origin),
  );

  const save = async () => {
    const input = machineToSave(shownName, current, sameName?.id);
    if ('error' in input) {
      say({ color: 'red', text: input.error });
      return;
    }
    const stored = await saved.save(input);
    if (stored) say({ color: 'teal', text: `Saved "${stored.name}".` });
  };

  const open = (machine: SavedMachine) => {
    openSavedMachine(
      machine,
      { showSaved: scan.showSaved, dispatch: advisor.dispatch, saveNotes: notes.save },
      advisor.inputs.machine.customGpus,
    );
    setName(machine.name);
    say({ color: 'teal', text: `Opened "${machine.name}".` });
  };

  const exportFile = async (machine: SavedMachine) => {
    const text = await saved.exportText(machine.id);
    if (text === null) return;
    const file = machineFileName(machine);
    downloadText(text, file, 'application/json');
    say({ color: 'teal', text: `${file} is downloading.` });
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (!file) return;
    if (file.size > MAX_MACHINE_FILE_CHARS) {
      say({ color: 'red', text: `${file.name} is too large to be a machine file.` });
      return;
    }
    const machine = await saved.importText(await file.text());
    if (machine) say({ color: 'teal', text: `Added "${machine.name}" from ${file.name}.` });
  };

  const remove = async (machine: SavedMachine) => {
    if (confirmDelete !== machine.id) {
      setConfirmDelete(machine.id);
      return;
    }
    setConfirmDelete(null);
    if (await saved.remove(machine.id)) say({ color: 'teal', text: `Deleted "${machine.name}".` });
  };

  return (
    <Card component="section" aria-labelledby="saved-machines-title" data-testid="saved-machines">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id="saved-machines-title">
            Saved machines
          </Title>
          <Text size="sm" c="dimmed">
            Keep this machine (or the catalog build) with its PSU and case notes, open it again later, or
            share it as a file.
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Name"
            description={
              !sameName && saved.machines?.some((m) => m.name === shownName.trim())
                ? `"${shownName.trim()}" is already saved for another machine: this adds a new entry (open that one to update it).`
                : undefined
            }
            inputWrapperOrder={['label', 'input', 'description']}
            value={shownName}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button onClick={() => void save()} disabled={!shownName.trim()}>
            {sameName ? 'Update saved machine' : 'Save this machine'}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            data-testid="machine-file-input"
            onChange={(e) => void importFile(e)}
          />
          <Tooltip label="Add a machine from a .rig-machine.json file saved on another computer">
            <Button variant="default" onClick={() => fileInput.current?.click()}>
              Open machine file…
            </Button>
          </Tooltip>
        </Group>
        {(saved.error || notice) && (
          <Alert
            color={saved.error ? 'red' : (notice?.color ?? 'teal')}
            variant="light"
            withCloseButton
            onClose={() => {
              saved.dismissError();
              setNotice(null);
            }}
            data-testid="saved-machines-notice"
            role={saved.error ? 'alert' : 'status'}
          >
            {saved.error ?? notice?.text}
          </Alert>
        )}
        {saved.machines && saved.machines.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Saved machines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>GPUs</Table.Th>
                  <Table.Th>Saved</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {saved.machines.map((m) => (
                  <Table.Tr key={m.id} data-testid="saved-machine" data-machine-name={m.name}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {m.name}
                        </Text>
                        <Badge size="xs" variant="light" color={m.kind === 'scanned' ? 'grape' : 'blue'}>
                          {m.kind}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{gpuSummary(machineGpuNames(m))}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {new Date(m.savedAt).toLocaleString()}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => open(m)}
                          aria-label={`Open ${m.name}`}
                        >
                          Open
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void exportFile(m)}
                          aria-label={`Save ${m.name} as a file`}
                        >
                          Save as file
                        </Button>
                        <Button
                          size="xs"
                          variant={confirmDelete === m.id ? 'filled' : 'subtle'}
                          color="red"
                          onClick={() => void remove(m)}
                          onBlur={() => setConfirmDelete((id) => (id === m.id ? null : id))}
                          aria-label={
                            confirmDelete === m.id ? `Confirm: delete ${m.name}` : `Delete ${m.name}`
                          }
                        >
                          {confirmDelete === m.id ? 'Confirm delete' : 'Delete'}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {saved.machines?.length === 0 && (
          <Text size="sm" c="dimmed">
            No saved machines yet.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
