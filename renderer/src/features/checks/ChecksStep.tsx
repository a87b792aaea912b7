/** Step 3: does it fit, and is the rig up to it — capacity bars first, then every other check by area. */
import { Alert, Stack } from '@mantine/core';
import { CHECK_AREAS } from '@shared/engine/checks/check-types';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { CapacityBars } from './CapacityBars';
import { CheckAreaSection } from './CheckList';

export function ChecksStep({ advisor, notes }: { advisor: Advisor; notes: UserNotesStore }) {
  const { strategy, request, checks, machine } = advisor;
  if (!strategy || !request) return null;
  return (
    <Stack gap="lg">
      {!strategy.fits && (
        <Alert color="red" variant="light" title={`${strategy.id} does not fit`}>
          {strategy.reasons[0] ?? 'See the capacity checks.'}
        </Alert>
      )}
      <CapacityBars strategy={strategy} machine={request.machine} profile={machine.profile} />
      {CHECK_AREAS.map((area) => (
        <CheckAreaSection
          key={area}
          area={area}
          checks={checks.filter((c) => c.area === area)}
          store={notes}
        />
      ))}
    </Stack>
  );
}
