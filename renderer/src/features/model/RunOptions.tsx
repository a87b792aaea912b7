/** How to run it: quantization, context, the goal, users at once, and optional runtime / split pins. */
import { Card, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { RangedNumberInput } from '../../components/RangedNumberInput';
import { defaultContext } from '@shared/engine/planner/defaults';
import type { EngineModel } from '@shared/model-import/model-weights';
import { RUNTIMES, SPLITS, type Goal, type Runtime, type SplitMode } from '@shared/engine/planner/plan-types';
import type { AdvisorAction, AdvisorInputs } from '../../state/advisor-state';
import { OWN_QUANT, quantOptionGroups } from './model-options';

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
}

export function RunOptions({ inputs, model, dispatch }: RunOptionsProps) {
  const fromConfig = inputs.model?.kind === 'config';
  // A GGUF carries its own tensor types: nothing to choose.
  const fromFile = inputs.model?.kind === 'file';
  const quantData = fromFile
    ? [{ value: OWN_QUANT, label: `${model?.quantLabel ?? 'the file’s own'} (from the GGUF)` }]
    : quantOptionGroups(fromConfig);
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
            data={quantData}
            allowDeselect={false}
            disabled={fromFile}
            searchable
            maxDropdownHeight={320}
            value={inputs.quantKey ?? (fromConfig || fromFile ? OWN_QUANT : null)}
            onChange={(key) => dispatch({ type: 'quant', key: !key || key === OWN_QUANT ? null : key })}
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
            description="Optional pin"
            data={[
              { value: 'auto', label: 'Any (the advisor picks)' },
              ...SPLITS.map((s) => ({ value: s, label: SPLIT_LABELS[s] })),
            ]}
            value={inputs.split}
            allowDeselect={false}
            onChange={(s) => dispatch({ type: 'split', split: (s ?? 'auto') as SplitMode | 'auto' })}
          />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
