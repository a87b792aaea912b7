/** Which model: one from the catalog (searchable), or a config.json / GGUF picked or dropped onto the card. */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  List,
  Loader,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { MODEL_CATALOG } from '@shared/catalog/models/index';
import { modelReading, type FitReading } from '@shared/engine/advisor/fit-options';
import type { PlanRequest } from '@shared/engine/planner/plan-types';
import type { HardwareProfile } from '@shared/hardware/profile';
import { FitBadge } from '../../components/FitBadge';
import type { EngineModel } from '@shared/model-import/model-weights';
import { useFileDrop } from '../../components/use-file-drop';
import { formatParamsB } from '../../components/format-advisor';
import type { AdvisorAction, ModelInputs } from '../../state/advisor-state';
import { readModelFile, type GgufReader } from './read-model-file';
import { filterModels, MODEL_OPTIONS } from './model-options';
import { useFitReadings } from './use-fit-readings';

export interface ModelPickerProps {
  readonly value: ModelInputs | null;
  readonly model: EngineModel | null;
  readonly notes: readonly string[];
  readonly error: string | null;
  /** Weights at the chosen quantization, from the plan. */
  readonly weightsGiB: number | null;
  readonly dispatch: (action: AdvisorAction) => void;
  /** Reads GGUF headers in the desktop app. */
  readonly api: GgufReader;
  /** The plan as it stands: each catalog model in the search shows where it would live at this quantization. */
  readonly request?: PlanRequest | null;
  readonly profile?: HardwareProfile | null;
}

const MODEL_BY_ID = new Map(MODEL_CATALOG.map((m) => [m.id, m]));
const MODEL_IDS = MODEL_OPTIONS.map((o) => o.value);

/**
 * A catalog model in the search, with where it would live on this machine at the current quantization.
 * The badge is hidden from the option's accessible name (which stays the model's name); the plan summary
 * says the fit of the model picked.
 */
function ModelOption({ label, reading }: { label: string; reading: FitReading | null | undefined }) {
  return (
    <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
      <Text size="sm">{label}</Text>
      {reading === undefined ? (
        <Loader size={12} aria-hidden />
      ) : reading ? (
        <span aria-hidden>
          <FitBadge size="xs" fit={reading.fit} />
        </span>
      ) : null}
    </Group>
  );
}

function Facts({ model, weightsGiB }: { model: EngineModel; weightsGiB: number | null }) {
  const s = model.spec;
  const moe = s.experts
    ? ` · MoE ${s.experts.active} of ${s.experts.total} experts (${formatParamsB(s.activeParamsB)} active)`
    : '';
  return (
    <Text size="sm" c="dimmed" data-testid="model-facts">
      {formatParamsB(s.paramsB)} parameters{moe} · {s.layers} layers · hidden size {s.hiddenSize} ·{' '}
      {s.kvHeads} KV heads · up to {s.maxContext.toLocaleString('en')} tokens
      {s.repo ? ` · ${s.repo}` : ''}
      {weightsGiB !== null ? ` · weights ${weightsGiB.toFixed(1)} GiB at ${model.quantLabel}` : ''}
    </Text>
  );
}

export function ModelPicker({
  value,
  model,
  notes,
  error,
  weightsGiB,
  dispatch,
  api,
  request = null,
  profile = null,
}: ModelPickerProps) {
  const [fileMessage, setFileMessage] = useState<string | null>(null);
  // Where each catalog model would live here: worked out while the search is open.
  const [searching, setSearching] = useState(false);
  const readings = useFitReadings(request, searching ? MODEL_IDS : null, (id) => {
    const spec = MODEL_BY_ID.get(id);
    return request && spec ? modelReading(request, profile, spec) : null;
  });
  const readingOfModel = (id: string): FitReading | null | undefined => (request ? readings.get(id) : null);
  const pick = async (file: File | null) => {
    if (!file) return;
    const picked = await readModelFile(file, api);
    if (picked.ok) {
      setFileMessage(null);
      dispatch({ type: 'model', model: picked.model });
    } else setFileMessage(picked.message);
  };
  // Dropping a file anywhere on the card opens it like the button does (one at a time).
  const drop = useFileDrop((files) => {
    if (files.length > 1) setFileMessage('Drop one file: a config.json or a .gguf.');
    else void pick(files[0] ?? null);
  });
  return (
    <Card component="section" aria-labelledby="model-title" data-testid="model-drop-zone" {...drop.props}>
      <Title order={2} size="h3" id="model-title" mb="sm">
        Model
      </Title>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <Select
            label="From the catalog"
            placeholder="Search: llama 70b, qwen3, deepseek…"
            data={MODEL_OPTIONS}
            filter={filterModels}
            allowDeselect={false}
            searchable
            limit={40}
            maxDropdownHeight={360}
            nothingFoundMessage="No catalog model matches"
            value={value?.kind === 'catalog' ? value.id : null}
            onChange={(id) => id && dispatch({ type: 'model', model: { kind: 'catalog', id } })}
            comboboxProps={{ position: 'bottom-start' }}
            onDropdownOpen={() => setSearching(true)}
            onDropdownClose={() => setSearching(false)}
            renderOption={({ option }) => (
              <ModelOption label={option.label} reading={readingOfModel(option.value)} />
            )}
            style={{ flex: 1 }}
          />
          <FileButton
            onChange={(file) => void pick(file)}
            accept=".json,.gguf,application/json"
            inputProps={{ 'data-testid': 'model-file-input' } as React.ComponentProps<'input'>}
          >
            {(props) => (
              <Button variant="default" {...props}>
                Open config.json or GGUF…
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="xs" c="dimmed">
          …or drop a config.json or .gguf file onto this card.
        </Text>
        {value?.kind === 'config' && (
          <Text size="sm">
            From <b>{value.label}</b>/config.json
          </Text>
        )}
        {value?.kind === 'file' && (
          <Text size="sm">
            From <b>{value.path}</b>
          </Text>
        )}
        {fileMessage && (
          <Alert
            color="yellow"
            variant="light"
            title="Not opened"
            withCloseButton
            onClose={() => setFileMessage(null)}
            data-testid="model-file-message"
          >
            {fileMessage}
          </Alert>
        )}
        {value && error && (
          <Alert color="red" variant="light" title="No model">
            {error}
          </Alert>
        )}
        {model && <Facts model={model} weightsGiB={weightsGiB} />}
        {notes.length > 0 && (
          <List size="sm" c="dimmed">
            {notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
