/**
 * Step 3: does it fit, and is the rig up to it — where the model lives and the capacity bars first,
 * the suggestions that would do better, then every other check by area. Fixes name the app's fields.
 */
import { useMemo } from 'react';
import { Alert, Group, Stack, Text } from '@mantine/core';
import { wordCheck } from '@shared/engine/checklist/input-wording';
import { CHECK_AREAS } from '@shared/engine/checks/check-types';
import { FitBadge } from '../../components/FitBadge';
import { uiInputWords } from '../../components/input-words';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { SuggestionsCard } from '../suggestions/SuggestionsCard';
import { CapacityBars } from './CapacityBars';
import { CheckAreaSection } from './CheckList';

export function ChecksStep({ advisor, notes }: { advisor: Advisor; notes: UserNotesStore }) {
  const { strategy, request, checks, machine } = advisor;
  const worded = useMemo(() => checks.map((c) => wordCheck(c, uiInputWords)), [checks]);
  if (!strategy || !request) return null;
  return (
    <Stack gap="lg">
      {strategy.fit === 'none' ? (
        <Alert
          color="red"
          variant="light"
          title={`${strategy.id} ${strategy.blockers.length > 0 ? 'is blocked' : 'does not fit'}`}
          data-testid="fit-alert"
        >
          {strategy.reasons[0] ?? 'See the capacity checks.'}
        </Alert>
      ) : (
        <Group gap="sm" data-testid="fit-alert">
          <FitBadge
            fit={strategy.fit}
            ramOffloadMiB={strategy.ramOffloadMiB}
            tokPerSec={strategy.decodeTokPerSec?.expected ?? null}
          />
          <Text size="sm">
            {strategy.fit === 'gpu'
              ? `${strategy.id} holds the whole model in GPU memory.`
              : `${strategy.id} keeps part of the model in system RAM, read at RAM speed every token.`}
          </Text>
        </Group>
      )}
      <CapacityBars strategy={strategy} machine={request.machine} profile={machine.profile} />
      <SuggestionsCard advisor={advisor} notes={notes} />
      {CHECK_AREAS.map((area) => (
        <CheckAreaSection
          key={area}
          area={area}
          checks={worded.filter((c) => c.area === area)}
          store={notes}
        />
      ))}
    </Stack>
  );
}
