/**
 * llama.cpp settings the user can pin on the Strategy step: the KV cache type (`-ctk`/`-ctv`) and the
 * `--tensor-split` shares. The plan, the diagram, the checks and the commands follow the pins; what
 * the plan actually uses is shown beside them, and a split the plan cannot use says why.
 */
import { useState } from 'react';
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DEFAULT_LLAMA_SETTINGS } from '@shared/engine/llama-cpp-memory';
import { takesTensorSplit } from '@shared/engine/planner/llama-cpp-strategies';
import type { Strategy } from '@shared/engine/planner/plan-types';
import { gib, tokens } from '../../components/format-advisor';
import { tensorSplitApplies } from '../../state/advisor-pipeline';
import { NO_LLAMA_PINS, type AdvisorAction, type LlamaPins } from '../../state/advisor-state';
import { describeShares, parseTensorSplit, sameSplit, splitText } from './llama-pins';

const PLANNER = 'planner';

const CACHE_OPTIONS = [
  { value: PLANNER, label: `Chosen by the planner (${DEFAULT_LLAMA_SETTINGS.cacheTypeK})` },
  { value: 'f16', label: 'f16 — full size' },
  { value: 'q8_0', label: 'q8_0 — about half the memory' },
  { value: 'q4_0', label: 'q4_0 — about a quarter, some quality loss' },
];

function cacheOptions(pinned: string | null) {
  // A type pinned elsewhere (e.g. bf16) still shows as what it is.
  return pinned && !CACHE_OPTIONS.some((o) => o.value === pinned)
    ? [...CACHE_OPTIONS, { value: pinned, label: pinned }]
    : CACHE_OPTIONS;
}

interface SplitInputProps {
  readonly pinned: readonly number[] | null;
  /** The split the followed strategy uses, as `-ts` gets it; null for one GPU. */
  readonly planned: readonly number[] | null;
  readonly onPin: (split: readonly number[] | null) => void;
}

/** Typed as text (`3,1`); each valid entry is pinned at once, a malformed one says why on leaving. */
function SplitInput({ pinned, planned, onPin }: SplitInputProps) {
  const [draft, setDraft] = useState(splitText(pinned));
  const [shown, setShown] = useState(pinned);
  const [touched, setTouched] = useState(false);
  // The pin changed elsewhere (reset, restore): show it, unless the draft already says the same.
  if (!sameSplit(pinned, shown)) {
    setShown(pinned);
    const current = parseTensorSplit(draft);
    if (!current.ok || !sameSplit(current.split, pinned)) setDraft(splitText(pinned));
  }
  const entry = parseTensorSplit(draft);
  return (
    <TextInput
      label="Tensor split (-ts)"
      description="One share per GPU, GPU 0 first: 3,1 puts three quarters of the layers on GPU 0 — give less to the card that also drives the display. Empty: by free memory."
      placeholder={planned ? splitText(planned) : 'e.g. 3,1'}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      value={draft}
      error={touched && !entry.ok ? `Not applied: ${entry.error}` : undefined}
      onChange={(e) => {
        const text = e.currentTarget.value;
        setDraft(text);
        setTouched(false);
        const next = parseTensorSplit(text);
        if (next.ok && !sameSplit(next.split, pinned)) onPin(next.split);
      }}
      onBlur={() => setTouched(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setTouched(true);
      }}
    />
  );
}

/** Why the pinned split does not shape the plan, or null when it does (or nothing is pinned). */
function splitNote(pins: LlamaPins, strategy: Strategy, gpuCount: number): string | null {
  const split = pins.tensorSplit;
  if (!split) return null;
  if (!tensorSplitApplies(split, gpuCount)) {
    const shares = `${split.length} share${split.length === 1 ? '' : 's'}`;
    return `Your split ${splitText(split)} has ${shares} but this machine has ${gpuCount} GPU${gpuCount === 1 ? '' : 's'}, so the plan ignores it.`;
  }
  if (strategy.llama && !takesTensorSplit(strategy.runtime, strategy.split))
    return `${strategy.id} does not use it: a pinned split shapes llama.cpp's layer split and CPU offload (row and tensor mode are planned evenly; one GPU needs none). Follow llama.cpp:layer in the table to see it.`;
  return null;
}

/** What the followed strategy now uses: its split, the KV cache on each GPU and the longest context. */
function Effect({ strategy }: { strategy: Strategy }) {
  const s = strategy.llama;
  if (!s) return null;
  const split =
    s.tensorSplit && strategy.gpuIndices.length > 1
      ? `split ${splitText(s.tensorSplit)} (${describeShares(s.tensorSplit, strategy.gpuIndices)}), `
      : '';
  const kv = strategy.perGpu.map((g) => `GPU ${g.index} ${gib(g.kvCacheMiB)} GiB`).join(', ');
  return (
    <Text size="sm" role="status" data-testid="llama-settings-effect">
      {strategy.id} uses {split}a {s.cacheTypeK}/{s.cacheTypeV} KV cache ({kv}), up to{' '}
      {tokens(strategy.maxContext)} tokens of context.
    </Text>
  );
}

export interface LlamaSettingsProps {
  /** The strategy the later steps follow. */
  readonly strategy: Strategy;
  readonly pins: LlamaPins;
  /** GPUs the machine has. */
  readonly gpuCount: number;
  readonly dispatch: (action: AdvisorAction) => void;
}

export function LlamaSettings({ strategy, pins, gpuCount, dispatch }: LlamaSettingsProps) {
  const pinned = pins.cacheType !== null || pins.tensorSplit !== null;
  const note = splitNote(pins, strategy, gpuCount);
  const planned = strategy.gpuIndices.length > 1 ? (strategy.llama?.tensorSplit ?? null) : null;
  return (
    <Card component="section" aria-labelledby="llama-settings-title" data-testid="llama-settings">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h3" id="llama-settings-title">
          llama.cpp settings
        </Title>
        <Button
          variant="default"
          size="xs"
          disabled={!pinned}
          onClick={() => dispatch({ type: 'llamaPins', patch: NO_LLAMA_PINS })}
        >
          Reset to the planner&apos;s choice
        </Button>
      </Group>
      <Stack gap="sm">
        {!strategy.llama && (
          <Text size="sm" c="dimmed">
            {strategy.id} does not use these: they apply to the llama.cpp, Ollama and ExLlamaV2 strategies in
            the table.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: gpuCount > 1 || pins.tensorSplit ? 2 : 1 }} spacing="md">
          <Select
            label="KV cache type"
            description="A quantized cache holds more context in the same memory (q8_0 about half of f16, q4_0 a quarter); llama.cpp needs flash attention for a quantized V cache (the command turns it on), and tensor mode needs f16."
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            data={cacheOptions(pins.cacheType)}
            allowDeselect={false}
            value={pins.cacheType ?? PLANNER}
            onChange={(v) =>
              dispatch({ type: 'llamaPins', patch: { cacheType: !v || v === PLANNER ? null : v } })
            }
          />
          {(gpuCount > 1 || pins.tensorSplit) && (
            <SplitInput
              pinned={pins.tensorSplit}
              planned={planned}
              onPin={(tensorSplit) => dispatch({ type: 'llamaPins', patch: { tensorSplit } })}
            />
          )}
        </SimpleGrid>
        {note && (
          <Text size="sm" className="warn-text" data-testid="llama-split-note">
            {note}
          </Text>
        )}
        <Effect strategy={strategy} />
      </Stack>
    </Card>
  );
}
