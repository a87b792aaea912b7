/**
 * Step 1: the machine as scanned first (what the probe saw, then what to fill in: PSU notes, unknowns,
 * where the cards sit), then what else the plan can be for (a catalog build, a saved machine). When a
 * catalog build is what is planned, the build comes first and the scan after it.
 */
import { Alert, Divider, Stack } from '@mantine/core';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { BuildPicker } from './BuildPicker';
import { MachineScreen } from './MachineScreen';
import { SavedMachinesPanel } from './SavedMachinesPanel';
import type { SavedMachines } from './use-saved-machines';
import type { MachineScan } from './use-machine-scan';

export interface MachineStepProps {
  readonly saved: SavedMachines;
  readonly advisor: Advisor;
  readonly scan: MachineScan;
  readonly notes: UserNotesStore;
}

export function MachineStep({ saved, advisor, scan, notes }: MachineStepProps) {
  const { inputs, dispatch, machine } = advisor;
  const catalog = inputs.machine.source === 'catalog';
  const picker = (
    <BuildPicker
      value={inputs.machine}
      profile={scan.result?.profile ?? null}
      onChange={(patch) => dispatch({ type: 'machine', patch })}
    />
  );
  const error = machine.error && (scan.result || catalog) && (
    <Alert color="yellow" variant="light" data-testid="machine-error">
      {machine.error}
    </Alert>
  );
  if (catalog)
    return (
      <Stack gap="lg">
        {picker}
        {error}
        <SavedMachinesPanel saved={saved} advisor={advisor} scan={scan} notes={notes} />
        <Divider label="This machine, as scanned (the plan uses the build above)" labelPosition="left" />
        <MachineScreen scan={scan} notes={notes} advisor={advisor} />
      </Stack>
    );
  return (
    <Stack gap="lg">
      {error}
      <MachineScreen scan={scan} notes={notes} advisor={advisor} />
      <Divider label="Or plan for another machine" labelPosition="left" />
      {picker}
      <SavedMachinesPanel saved={saved} advisor={advisor} scan={scan} notes={notes} />
    </Stack>
  );
}
