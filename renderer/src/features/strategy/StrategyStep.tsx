/**
 * Step 4: the ranked strategies, why the recommended one, the chosen split drawn, the suggestions, the
 * llama.cpp settings (KV cache type, tensor split) the user can pin, and several machines to plan over.
 */
import { useMemo } from 'react';
import { CalibratedMark, MemoryCalibratedMark } from '../../components/CalibratedMark';
import { Alert, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { groupAssumptions } from '@shared/engine/group-assumptions';
import type { Assumption } from '@shared/engine/machine';
import { StrategyFitBadge } from '../../components/FitBadge';
import { formatBytes, formatRange } from '../../components/format-advisor';
import { uiInputWords } from '../../components/input-words';
import { strategyInWords } from '../../components/plain-words';
import { Term } from '../../components/Term';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { SuggestionsCard } from '../suggestions/SuggestionsCard';
import { ClusterForm } from './ClusterForm';
import { LlamaSettings } from './LlamaSettings';
import { MeasuredPanel, type MeasuredFiles } from './MeasuredPanel';
import { SplitDiagram } from './SplitDiagram';
import { splitLayout, type SplitLayout } from './split-layout';
import { StrategyTable } from './StrategyTable';

/** `≈ 221 KB/s at 13.5 tok/s`: the per-token traffic at the expected speed. */
function perSecond(bytes: number, rate: number | undefined): string {
  return rate ? ` (≈ ${formatBytes(bytes * rate)}/s at ${rate.toFixed(1)} tok/s)` : '';
}

function Traffic({ layout, rate }: { layout: SplitLayout; rate: number | undefined }) {
  const handoff = layout.stages.length > 1 || layout.host?.layers;
  const reduce = layout.allReduceBytes > 0;
  return (
    <List size="sm" spacing={4}>
      {handoff && (
        <List.Item>
          Layer boundaries pass the <Term term="hidden state" /> on: {formatBytes(layout.handoffBytes)} per
          token
          {perSecond(layout.handoffBytes, rate)}. The cards run one after another (<Term term="layer split" />
          ).
        </List.Item>
      )}
      {reduce && (
        <List.Item>
          <Term term="tensor parallel">Tensor-parallel</Term> cards sum their partial results{' '}
          {layout.allReduces} times per token (<Term term="all-reduce">all-reduces</Term>):{' '}
          {formatBytes(layout.allReduceBytes)} per token per card{perSecond(layout.allReduceBytes, rate)}. The
          cards read their slices at the same time.
        </List.Item>
      )}
      {!handoff && !reduce && (
        <List.Item>One card holds everything: nothing crosses a link while generating.</List.Item>
      )}
    </List>
  );
}

/** An assumption followed by the fields that would replace it: `… assumed — set RAM bandwidth on the Machine step`. */
const assumptionText = (a: Assumption): string => {
  const words = uiInputWords(a.inputs);
  return words ? `${a.text.replace(/\.$/, '')} — ${words}` : a.text;
};

export function StrategyStep({
  advisor,
  notes,
  measured,
}: {
  advisor: Advisor;
  notes: UserNotesStore;
  measured: MeasuredFiles;
}) {
  const { result, strategy, request, dispatch, inputs } = advisor;
  const layout = useMemo(
    () => (strategy && request ? splitLayout(strategy, request.model.spec) : null),
    [strategy, request],
  );
  if (!result || !strategy || !request || !layout) return null;
  const recommended = result.strategies.find((s) => s.id === result.recommended) ?? null;
  return (
    <Stack gap="lg">
      <Alert
        color={!recommended ? 'red' : recommended.fit === 'gpu' ? 'teal' : 'yellow'}
        variant="light"
        title={
          !recommended
            ? 'Nothing fits as asked'
            : recommended.fit === 'gpu'
              ? `Recommended: ${strategyInWords(recommended)} (${recommended.id})`
              : `Best available, partly in system RAM: ${strategyInWords(recommended)} (${recommended.id})`
        }
        data-testid="plan-why"
      >
        {result.why}
        <Text size="xs" mt={4} data-testid="speed-basis">
          {result.speedBasis}
        </Text>
      </Alert>
      <Card component="section" aria-labelledby="split-title">
        <Group justify="space-between" align="baseline" mb="xs">
          <Title order={2} size="h3" id="split-title">
            {strategyInWords(strategy)}{' '}
            <Text span size="sm" c="dimmed" ff="monospace">
              {strategy.id}
            </Text>
          </Title>
          <Group gap="sm">
            <StrategyFitBadge strategy={strategy} />
            <Text size="sm">
              Generation <b>{formatRange(strategy.decodeTokPerSec)}</b>
            </Text>
            <CalibratedMark strategy={strategy} />
            <MemoryCalibratedMark strategy={strategy} />
          </Group>
        </Group>
        <SplitDiagram layout={layout} links={request.machine.links} />
        <Traffic layout={layout} rate={strategy.decodeTokPerSec?.expected} />
      </Card>
      <SuggestionsCard advisor={advisor} notes={notes} />
      {/* The llama.cpp family's own settings; kept visible while pinned so they can be reset. */}
      {(strategy.llama || inputs.llamaPins.cacheType !== null || inputs.llamaPins.tensorSplit !== null) && (
        <LlamaSettings
          strategy={strategy}
          pins={inputs.llamaPins}
          gpuCount={request.machine.gpus.filter((g) => (g.node ?? 0) === 0).length}
          dispatch={dispatch}
        />
      )}
      <Card component="section" aria-labelledby="strategies-title" p={0}>
        <Title order={2} size="h3" id="strategies-title" p="lg" pb={0}>
          Every strategy, best first
        </Title>
        <StrategyTable
          result={result}
          concurrency={request.concurrency}
          selected={strategy.id}
          onSelect={(id) => dispatch({ type: 'strategy', id })}
        />
      </Card>
      <MeasuredPanel
        request={request}
        measured={measured}
        calibration={inputs.machine.calibration}
        onCalibration={(calibration) => dispatch({ type: 'machine', patch: { calibration } })}
      />
      <ClusterForm nodes={inputs.nodes} dispatch={dispatch} />
      {result.assumptions.length > 0 && (
        <Card component="section" aria-labelledby="assumptions-title">
          <Title order={3} size="h4" id="assumptions-title" mb="xs">
            What the plan assumes
          </Title>
          <List size="sm">
            {groupAssumptions(result.assumptions).map((a) => (
              <List.Item key={a.id}>{assumptionText(a)}</List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}
