/**
 * "Is multi-GPU worth it?": two to four builds ("RTX 4090", "2x RTX 3090") for the current model,
 * context and goal, on this machine's RAM, link between the cards, slots and PSU — where the model
 * lives, predicted range, price, the power verdict on your PSU, what stops a build — and the verdict,
 * with where the answer flips.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, Loader, Stack, TextInput, Title, Text } from '@mantine/core';
import { closestGpus } from '@shared/catalog/gpu-lookup';
import { BuildParseError, compareBuilds, parseBuild, type BuildSpec } from '@shared/engine/advisor/compare';
import { machineFromNames, parseLinkOption } from '@shared/engine/machine';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/engine/rig-notes';
import { requestOf } from '../../state/advisor-pipeline';
import type { Advisor } from '../../state/use-advisor';
import { CompareTable, type Compared } from './CompareTable';

const ValueChart = lazy(() => import('../../components/ValueChart'));

/**
 * Without a planned machine (no scan, or one with cards still unknown) the builds are still compared:
 * each build is its own machine, with the RAM the scan or the Machine step gave, else RAM unknown.
 */
function standInRequest(advisor: Advisor): PlanRequest | null {
  const model = advisor.model.model;
  if (!model) return null;
  const m = advisor.inputs.machine;
  const scannedRamMiB = advisor.machine.profile?.memory.totalMiB ?? null;
  const ramGiB = m.ramGiB ?? (scannedRamMiB === null ? null : Math.floor(scannedRamMiB / 1024));
  const base = machineFromNames({ gpuNames: [], ramGiB, ramGBs: m.ramGBs });
  return requestOf(base, model, advisor.inputs, advisor.inputs.runtimeVersions);
}

/** Each build text parsed, or the message saying which card is unknown and what is close. */
function parseAll(texts: readonly string[]): { builds: BuildSpec[]; errors: (string | null)[] } {
  const builds: BuildSpec[] = [];
  const errors = texts.map((text) => {
    try {
      builds.push(parseBuild(text));
      return null;
    } catch (error) {
      if (!(error instanceof BuildParseError)) throw error;
      const near = closestGpus(error.message, 3).map((g) => g.name);
      return `Unknown GPU "${error.message}"; closest: ${near.join(', ')}`;
    }
  });
  return { builds, errors };
}

export interface CompareViewProps {
  readonly advisor: Advisor;
  /** The user's PSU and case notes (null until loaded): each build's power verdict is on this PSU. */
  readonly notes: UserNotes | null;
}

export default function CompareView({ advisor, notes }: CompareViewProps) {
  const [texts, setTexts] = useState<string[]>(['RTX 4090', '2x RTX 3090']);
  const [errors, setErrors] = useState<(string | null)[]>([]);
  const [compared, setCompared] = useState<(Compared & { request: PlanRequest }) | null>(null);
  const [busy, setBusy] = useState(false);
  const request = useMemo(() => advisor.request ?? standInRequest(advisor), [advisor]);
  if (!request) return null;
  const { link, slots } = advisor.inputs.machine;

  const run = () => {
    const parsed = parseAll(texts);
    setErrors(parsed.errors);
    if (parsed.errors.some(Boolean)) return;
    setBusy(true);
    // Let the spinner paint: the verdict plans every build against the catalog's models.
    setTimeout(() => {
      const context = {
        request,
        notes: notes ?? EMPTY_USER_NOTES,
        link: link ? (parseLinkOption(link) ?? null) : null,
        slots,
      };
      setCompared({ ...compareBuilds(parsed.builds, context), request });
      setBusy(false);
    }, 16);
  };
  const edit = (i: number, text: string) => setTexts(texts.map((t, j) => (j === i ? text : t)));

  return (
    <Card component="section" aria-labelledby="compare-title" data-testid="compare-view">
      <Title order={2} size="h3" id="compare-title" mb="xs">
        Compare builds
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        For {request.model.spec.name} {request.model.quantLabel} at {request.ctx.toLocaleString('en')} tokens,{' '}
        {advisor.request
          ? 'with this machine’s RAM, link between the cards, slots and PSU (Machine step).'
          : `on their own: no machine is planned yet, so each build has ${request.machine.ramMiB ? `${Math.round(request.machine.ramMiB / 1024)} GiB of` : 'unknown'} RAM and the PSU from the Machine step.`}{' '}
        Write a build as cards joined with +, with counts: “RTX 4090”, “2x RTX 3090”, “RTX 3090 + RTX 4090”.
      </Text>
      <Stack gap="sm">
        {texts.map((text, i) => (
          <Group key={i} align="flex-start" gap="xs">
            <TextInput
              label={`Build ${i + 1}`}
              value={text}
              error={errors[i] ?? undefined}
              onChange={(e) => edit(i, e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && run()}
              w={360}
            />
            {texts.length > 2 && (
              <ActionIcon
                mt={26}
                variant="subtle"
                color="gray"
                aria-label={`Remove build ${i + 1}`}
                onClick={() => setTexts(texts.filter((_, j) => j !== i))}
              >
                ✕
              </ActionIcon>
            )}
          </Group>
        ))}
        <Group gap="sm">
          <Button variant="default" disabled={texts.length >= 4} onClick={() => setTexts([...texts, ''])}>
            Add a build
          </Button>
          <Button onClick={run} loading={busy}>
            Compare
          </Button>
          {busy && <Loader size="xs" />}
        </Group>
        {compared && compared.request !== request && (
          <Alert color="yellow" variant="light">
            The model or goal changed since: compare again.
          </Alert>
        )}
        {compared && <CompareTable compared={compared} />}
        {compared && (
          <Suspense fallback={<Loader size="xs" />}>
            <ValueChart
              caption="of each build"
              points={compared.builds.flatMap((b) =>
                b.priceUsd && b.decodeTokPerSec
                  ? [{ label: b.build, priceUsd: b.priceUsd, tokPerSec: b.decodeTokPerSec.expected }]
                  : [],
              )}
            />
          </Suspense>
        )}
      </Stack>
    </Card>
  );
}
