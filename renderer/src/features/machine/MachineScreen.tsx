/**
 * First screen: the machine as the probe sees it — GPUs, how they connect, slots, CPU/RAM/board,
 * and what could not be seen — with Rescan / Open capture, and beside it what the user adds: where
 * each card of the planned machine sits and its power limits (when given the advisor), and the PSU notes.
 */
import { Alert, Center, Grid, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { customGpuSpec } from '@shared/catalog/custom-gpu';
import { followedGpu, identicalGpus, identifiable } from '@shared/engine/gpu-identity';
import { GpuCard } from './GpuCard';
import { GpuIdentityPicker, type GpuIdentityChoice } from './GpuIdentityPicker';
import { MachineSummary } from './MachineSummary';
import { PowerLimitsForm } from './PowerLimitsForm';
import { PsuNotesForm } from './PsuNotesForm';
import { ScanToolbar } from './ScanToolbar';
import { SlotPlacementForm } from './SlotPlacementForm';
import { SlotsTable } from './SlotsTable';
import { SystemSection } from './SystemSection';
import { TopologyMatrix } from './TopologyMatrix';
import { UnknownsPanel } from './UnknownsPanel';
import { findUnknown } from './unknowns';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import type { MachineScan } from './use-machine-scan';
import type { ScanResult } from './types';

/**
 * The identity pickers' wiring: picks, "same card for all identical", described cards, who follows whom.
 * Who follows whom is kept in the identities themselves (`sameAs`), so a reload shows it again.
 */
function identityChoices(profile: ScanResult['profile'], advisor: Advisor | undefined) {
  if (!advisor) return () => undefined;
  const { identities, customGpus } = advisor.inputs.machine;
  const idOf = (index: number) => identities.find((i) => i.gpuIndex === index)?.gpuId ?? null;
  const pick = (gpuIndex: number, gpuId: string | null, alsoFor: readonly number[]) =>
    advisor.dispatch({ type: 'identity', gpuIndex, gpuId, alsoFor });
  return (gpu: ScanResult['profile']['gpus'][number]): GpuIdentityChoice | undefined => {
    if (!identifiable(gpu)) return undefined;
    const gpuId = idOf(gpu.index);
    return {
      gpuId,
      customs: customGpus,
      // The identical GPUs that do not have this card yet: what "same card for …" would change.
      identical: identicalGpus(gpu, profile.gpus)
        .map((g) => g.index)
        .filter((i) => i !== gpu.index && idOf(i) !== gpuId),
      follows: followedGpu(identities, gpu.index),
      onPick: (id, alsoFor) => pick(gpu.index, id, alsoFor),
      onDescribe: (entry, alsoFor) => {
        const others = customGpus.filter((c) => c.name.toLowerCase() !== entry.name.toLowerCase());
        advisor.dispatch({ type: 'machine', patch: { customGpus: [...others, entry] } });
        pick(gpu.index, customGpuSpec(entry).id, alsoFor);
      },
      // Its own pick of the card it has: the same plan, its own picker.
      onUnfollow: () => pick(gpu.index, gpuId, []),
    };
  };
}

function Gpus({ result, advisor }: { result: ScanResult; advisor: Advisor | undefined }) {
  const { profile } = result;
  const choiceFor = identityChoices(profile, advisor);
  if (profile.gpus.length === 0) {
    const why = findUnknown(profile.unknowns, 'gpus');
    return (
      <Alert color="yellow" variant="light" title="No GPUs found">
        {why ? `${why.reason} ${why.hint}` : 'None of the capture files listed a GPU.'}
      </Alert>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" aria-label="GPUs">
      {profile.gpus.map((gpu) => {
        const choice = choiceFor(gpu);
        return (
          <GpuCard
            key={gpu.index}
            gpu={gpu}
            nvlink={profile.nvlink.find((n) => n.index === gpu.index) ?? null}
            unknowns={profile.unknowns}
            identityPicker={choice && <GpuIdentityPicker gpu={gpu} choice={choice} />}
          />
        );
      })}
    </SimpleGrid>
  );
}

function Profile({
  result,
  generation,
  advisor,
}: {
  result: ScanResult;
  generation: number;
  advisor: Advisor | undefined;
}) {
  const { profile } = result;
  return (
    <Stack
      gap="md"
      data-testid="scan-ready"
      data-generation={generation}
      data-origin={result.origin.kind === 'live' ? 'live' : result.origin.label}
    >
      <Gpus key={generation} result={result} advisor={advisor} />
      <TopologyMatrix gpus={profile.gpus} links={profile.gpuLinks} unknowns={profile.unknowns} />
      <SlotsTable slots={profile.slots} unknowns={profile.unknowns} source={profile.sources.slots} />
      <SystemSection profile={profile} />
    </Stack>
  );
}

/**
 * Slot entry and power limits for the machine the plan is for (scanned or a catalog build, not the
 * other machines of a cluster); nothing until it has GPUs.
 */
function CardEntries({ advisor }: { advisor: Advisor | undefined }) {
  const gpus = advisor?.machine.machine?.gpus.filter((g) => (g.node ?? 0) === 0) ?? [];
  if (!advisor || gpus.length === 0) return null;
  return (
    <>
      <SlotPlacementForm
        gpus={gpus}
        profile={advisor.machine.profile}
        slots={advisor.inputs.machine.slots}
        onChange={(placement) => advisor.dispatch({ type: 'slot', placement })}
      />
      <PowerLimitsForm
        gpus={gpus}
        limits={advisor.inputs.machine.powerLimits}
        onChange={(gpuIndex, watts) => advisor.dispatch({ type: 'powerLimit', gpuIndex, watts })}
      />
    </>
  );
}

export interface MachineScreenProps {
  readonly scan: MachineScan;
  readonly notes: UserNotesStore;
  /** The flow's advisor: with it, the screen also takes where each card sits. */
  readonly advisor?: Advisor;
}

export function MachineScreen({ scan, notes, advisor }: MachineScreenProps) {
  return (
    <Stack gap="lg">
      <ScanToolbar scan={scan} />
      {scan.error && (
        <Alert
          color="red"
          variant="light"
          title="That did not work"
          withCloseButton
          onClose={scan.dismissError}
          role="alert"
          data-testid="scan-error"
        >
          {scan.error}
        </Alert>
      )}
      {!scan.result && !scan.error && (
        <Center py="xl">
          <Stack align="center" gap="xs">
            <Loader />
            <Text c="dimmed">Reading the hardware…</Text>
          </Stack>
        </Center>
      )}
      {scan.result && <MachineSummary profile={scan.result.profile} />}
      {scan.result && (
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Profile result={scan.result} generation={scan.generation} advisor={advisor} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            {/* What to fill in, most asked first: the PSU (the power check needs it), then the unknowns. */}
            <Stack gap="md">
              <PsuNotesForm store={notes} />
              <UnknownsPanel profile={scan.result.profile} />
              <CardEntries advisor={advisor} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {!scan.result && <CardEntries advisor={advisor} />}
      {!scan.result && <PsuNotesForm store={notes} />}
    </Stack>
  );
}
