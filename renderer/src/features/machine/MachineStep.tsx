/**
 * Step 1: what the plan is for (this machine or a catalog build), the saved machines, and the
 * machine as scanned with where the cards sit and the PSU notes.
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
  return (
    <Stack gap="lg">
      <BuildPicker
        value={inputs.machine}
        profile={scan.result?.profile ?? null}
        onChange={(patch) => dispatch({ type: 'machine', patch })}
      />
      {machine.error && (scan.result || catalog) && (
        <Alert color="yellow" variant="light" data-testid="machine-error">
          {machine.error}
        </Alert>
      )}
      <SavedMachinesPanel saved={saved} advisor={advisor} scan={scan} notes={notes} />
      <Divider
        label={
          catalog ? 'This machine, as scanned (the plan uses the build above)' : 'This machine, as scanned'
        }
        labelPosition="left"
      />
      <MachineScreen scan={scan} notes={notes} advisor={advisor} />
    </Stack>
  );
}
