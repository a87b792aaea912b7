/** How to run it: quantization, context, the goal, users at once, and optional runtime / split pins. */
import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  atQuant,
  largestQuantOnGpus,
  longestContextOnGpus,
  readingFor,
  type FitReading,
} from '@shared/engine/advisor/fit-options';
import type { HardwareProfile } from '@shared/hardware/profile';
import { FitBadge } from '../../components/FitBadge';
import { tokens } from '../../components/format-advisor';
import { Term } from '../../components/Term';
import { RangedNumberInput } from '../../components/RangedNumberInput';
import { defaultContext } from '@shared/engine/planner/defaults';
import type { EngineModel } from '@shared/model-import/model-weights';
import {
  RUNTIMES,
  SPLITS,
  type Goal,
  type PlanRequest,
  type PlanResult,
  type Runtime,
  type SplitMode,
} from '@shared/engine/planner/plan-types';
import { quantFromKey, quantKey, type AdvisorAction, type AdvisorInputs } from '../../state/advisor-state';
import { OWN_QUANT, quantOptionGroups } from './model-options';
import { ContextSlider } from './ContextSlider';
import { useFitReadings } from './use-fit-readings';

const GOALS: { value: Goal; label: string }[] = [
  { value: 'latency', label: 'One user, fastest' },
  { value: 'throughput', label: 'Many users' },
  { value: 'context', label: 'Longest context' },
];

const SPLIT_LABELS: Record<SplitMode, string> = {
  none: 'One GPU',
  layer: 'Layer split',
  row: 'Row split (llama.cpp)',
  tensor: 'Tensor mode (llama.cpp)',
  tp: 'Tensor parallel, all GPUs',
  pp: 'Pipeline parallel, all GPUs',
  offload: 'CPU offload',
};

/** The model's context limit, and how it is reached past the trained length (RoPE scaling in the commands). */
function contextLimitText(model: EngineModel): string {
  const trained = model.spec.maxContext.toLocaleString('en');
  const extended = model.spec.extendedContext;
  if (!extended) return `Model maximum ${trained}`;
  const how = extended.rope ? `YaRN ×${extended.rope.factor}, set in the commands` : extended.method;
  return `Model maximum ${trained}; up to ${extended.tokens.toLocaleString('en')} with ${how}`;
}

export interface RunOptionsProps {
  readonly inputs: AdvisorInputs;
  readonly model: EngineModel | null;
  readonly dispatch: (action: AdvisorAction) => void;
  /** The plan as it stands (null without a machine or model): the fit meter and the shortcuts use it. */
  readonly request?: PlanRequest | null;
  readonly result?: PlanResult | null;
  readonly profile?: HardwareProfile | null;
}

/** An option of the quantization picker: its label, and where the model would live at it. */
function QuantOption({ label, reading }: { label: string; reading: FitReading | null | undefined }) {
  return (
    <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
      <Text size="sm">{label}</Text>
      {reading === undefined ? (
        <Loader size={12} aria-label="working out the fit" />
      ) : reading ? (
        <FitBadge
          size="xs"
          fit={reading.fit}
          ramOffloadMiB={reading.ramOffloadMiB}
          tokPerSec={reading.decodeTokPerSec?.expected ?? null}
        />
      ) : null}
    </Group>
  );
}

/**
 * One click to the largest quantization, or the longest context, that keeps the model all on the GPUs —
 * each the planner's own answer on this machine.
 */
function FitShortcuts({
  request,
  result,
  profile,
  dispatch,
}: {
  request: PlanRequest;
  result: PlanResult;
  profile: HardwareProfile | null;
  dispatch: (action: AdvisorAction) => void;
}) {
  const [note, setNote] = useState<string | null>(null);
  const longest = longestContextOnGpus(result, request);
  const largest = () => {
    const found = largestQuantOnGpus(request, profile);
    if (!found) {
      setNote(
        `No ${request.model.quant?.format === 'gguf' ? 'GGUF ' : ''}quantization keeps it all on the GPUs at ${tokens(request.ctx)} tokens.`,
      );
      return;
    }
    setNote(
      `${found.quant.id}: the largest that keeps it all on the GPUs at ${tokens(request.ctx)} tokens (${found.reading.weightsGiB.toFixed(1)} GiB of weights).`,
    );
    dispatch({ type: 'quant', key: quantKey(found.quant) });
  };
  const canRequantize = request.model.weights.origin !== 'gguf' && request.model.quant !== null;
  return (
    <Stack gap={4} data-testid="fit-shortcuts">
      <Group gap="xs">
        {canRequantize && (
          <Button size="xs" variant="light" onClick={largest} data-testid="largest-quant">
            Largest quantization that fits on the GPUs
          </Button>
        )}
        {longest !== null && longest !== request.ctx && (
          <Button
            size="xs"
            variant="light"
            onClick={() => dispatch({ type: 'ctx', ctx: longest })}
            data-testid="longest-context"
          >
            Longest context that fits on the GPUs: {tokens(longest)} tokens
          </Button>
        )}
        {longest === null && (
          <Text size="xs" c="dimmed">
            No context keeps this model all on the GPUs: a smaller quantization or more GPU memory does.
          </Text>
        )}
      </Group>
      {note && (
        <Text size="xs" data-testid="fit-shortcut-note">
          {note}
        </Text>
      )}
    </Stack>
  );
}

export function RunOptions({
  inputs,
  model,
  dispatch,
  request = null,
  result = null,
  profile = null,
}: RunOptionsProps) {
  const fromConfig = inputs.model?.kind === 'config';
  // A GGUF carries its own tensor types: nothing to choose.
  const fromFile = inputs.model?.kind === 'file';
  const quantData = useMemo(
    () =>
      fromFile
        ? [{ value: OWN_QUANT, label: `${model?.quantLabel ?? 'the file’s own'} (from the GGUF)` }]
        : quantOptionGroups(fromConfig, model),
    [fromFile, fromConfig, model],
  );
  // Where the model would live at each quantization: worked out while the dropdown is open.
  const [quantsOpen, setQuantsOpen] = useState(false);
  const quantKeys = useMemo(
    () =>
      quantData
        .flatMap((entry) => ('items' in entry ? entry.items.map((i) => i.value) : [entry.value]))
        .filter((key) => key !== OWN_QUANT),
    [quantData],
  );
  const readings = useFitReadings(request, quantsOpen ? quantKeys : null, (key) => {
    const quant = quantFromKey(key);
    const at = request && quant ? atQuant(request.model, quant) : null;
    return request && at ? readingFor(request, profile, at) : null;
  });
  const readingOfQuant = (key: string): FitReading | null | undefined =>
    !request || key === OWN_QUANT ? null : readings.get(key);
  const maxCtx = model ? (model.spec.extendedContext?.tokens ?? model.spec.maxContext) : undefined;
  return (
    <Card component="section" aria-labelledby="run-title">
      <Title order={2} size="h3" id="run-title" mb="sm">
        How to run it
      </Title>
      <Stack gap="md">
        <div>
          <Text size="sm" fw={500} mb={4} id="goal-label">
            Goal
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby="goal-label"
            value={inputs.goal}
            onChange={(goal) => dispatch({ type: 'goal', goal: goal as Goal })}
            data={GOALS}
          />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Quantization"
            description={
              <>
                <Term term="quantization">What is it?</Term> The size and fit of each are listed.
              </>
            }
            data={quantData}
            allowDeselect={false}
            disabled={fromFile}
            searchable
            maxDropdownHeight={320}
            value={inputs.quantKey ?? (fromConfig || fromFile ? OWN_QUANT : null)}
            onChange={(key) => dispatch({ type: 'quant', key: !key || key === OWN_QUANT ? null : key })}
            comboboxProps={{ width: 480, position: 'bottom-start' }}
            onDropdownOpen={() => setQuantsOpen(true)}
            onDropdownClose={() => setQuantsOpen(false)}
            renderOption={({ option }) => (
              <QuantOption label={option.label} reading={readingOfQuant(option.value)} />
            )}
          />
          <RangedNumberInput
            label="Context per request"
            suffix=" tokens"
            thousandSeparator=","
            min={256}
            max={maxCtx ?? 1 << 24}
            unit="tokens"
            step={1024}
            placeholder={model ? `${defaultContext(model.spec)} (default)` : '8192 (default)'}
            description={model ? contextLimitText(model) : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={inputs.ctx}
            onValid={(ctx) => dispatch({ type: 'ctx', ctx })}
          />
          <RangedNumberInput
            label="Users at once"
            min={1}
            max={512}
            emptyAllowed={false}
            value={inputs.concurrency}
            onValid={(n) => n !== null && dispatch({ type: 'concurrency', concurrency: n })}
          />
          <Select
            label="Runtime"
            description="Optional pin"
            data={[
              { value: 'auto', label: 'Any (the advisor picks)' },
              ...RUNTIMES.map((r) => ({ value: r, label: r })),
            ]}
            value={inputs.runtime ?? 'auto'}
            allowDeselect={false}
            onChange={(r) =>
              dispatch({ type: 'runtime', runtime: !r || r === 'auto' ? null : (r as Runtime) })
            }
          />
          <Select
            label="Split"
            description={
              <>
                Optional pin: <Term term="layer split">layer</Term>,{' '}
                <Term term="tensor parallel">tensor</Term>, <Term term="pipeline parallel">pipeline</Term>,{' '}
                <Term term="CPU offload">offload</Term>
              </>
            }
            data={[
              { value: 'auto', label: 'Any (the advisor picks)' },
              ...SPLITS.map((s) => ({ value: s, label: SPLIT_LABELS[s] })),
            ]}
            value={inputs.split}
            allowDeselect={false}
            onChange={(s) => dispatch({ type: 'split', split: (s ?? 'auto') as SplitMode | 'auto' })}
          />
        </SimpleGrid>
        {request && result && <ContextSlider request={request} result={result} dispatch={dispatch} />}
        {request && result && !fromFile && (
          <FitShortcuts request={request} result={result} profile={profile} dispatch={dispatch} />
        )}
      </Stack>
    </Card>
  );
}
