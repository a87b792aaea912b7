/**
 * "Add a card?": each catalog GPU as the next card on this machine, ranked by tokens/s gained per
 * $1000 — with the predicted range, what would stop it here, and a price field per row that replaces
 * the catalog's dated price.
 */
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { gpuById } from '@shared/catalog/gpus/index';
import type { UpgradeOption } from '@shared/engine/advisor/upgrade';
import { shortRange } from '../../components/format-advisor';
import type { Advisor } from '../../state/use-advisor';
import { useUpgrades } from './use-upgrades';

const SHOWN = 15;

function PriceInput({ option, onCommit }: { option: UpgradeOption; onCommit: (usd: number | null) => void }) {
  const [draft, setDraft] = useState<string | number>(option.priceUsd ?? '');
  const commit = () => onCommit(draft === '' ? null : Number(draft));
  const asOf = gpuById(option.gpuId)?.price?.asOf;
  return (
    <NumberInput
      size="xs"
      w={120}
      prefix="$"
      min={0}
      max={100_000}
      thousandSeparator=","
      allowDecimal={false}
      aria-label={`Price of ${option.gpu}, USD`}
      placeholder="unknown"
      title={asOf ? `Catalog price as of ${asOf}; type yours` : 'Type a price'}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

function Row({ o, onPrice }: { o: UpgradeOption; onPrice: (usd: number | null) => void }) {
  return (
    <Table.Tr data-testid="upgrade-row" data-gpu-id={o.gpuId} data-feasible={o.feasible}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {o.gpu}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {o.strategy ?? 'nothing fits'}
        </Text>
      </Table.Td>
      <Table.Td>
        <PriceInput option={o} onCommit={onPrice} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{shortRange(o.decodeRange)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{o.gainPerDollar ? `+${o.gainPerDollar.toFixed(2)}` : '—'}</Text>
      </Table.Td>
      <Table.Td>
        {o.feasible ? (
          <Badge color="teal" variant="light">
            fits here
          </Badge>
        ) : (
          <Text size="xs" c="red.7">
            {o.blockers.join('; ')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export default function UpgradeView({ advisor, psuWatts }: { advisor: Advisor; psuWatts: number | null }) {
  const [prices, setPrices] = useState<Readonly<Record<string, number>>>({});
  const [all, setAll] = useState(false);
  const { result, busy } = useUpgrades(advisor.request, advisor.machine.profile, psuWatts, prices);
  const setPrice = (id: string, usd: number | null) => {
    if ((usd ?? undefined) === prices[id]) return;
    const next = { ...prices };
    if (usd === null) delete next[id];
    else next[id] = usd;
    setPrices(next);
  };
  if (!advisor.request) return null;
  if (!result)
    return (
      <Group gap="sm" p="xl">
        <Loader size="sm" />
        <Text>Planning the model with each catalog GPU added…</Text>
      </Group>
    );
  const shown = all ? result.options : result.options.slice(0, SHOWN);
  const base = result.baseline;
  return (
    <Card component="section" aria-labelledby="upgrade-title" data-testid="upgrade-view" data-busy={busy}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="upgrade-title">
          Add a card?
        </Title>
        {busy && <Loader size="xs" />}
      </Group>
      <Stack gap="md">
        <Alert variant="light" color="blue">
          Now: {base.strategy ?? 'nothing fits'}
          {base.decodeRange ? ` at ${shortRange(base.decodeRange)} tok/s` : ''}. Each row adds one card in the
          best free slot and re-plans; the gain is per $1000 at the price shown (type yours).
        </Alert>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Card to add</Table.Th>
                <Table.Th>Price, USD</Table.Th>
                <Table.Th>Generation, tok/s</Table.Th>
                <Table.Th>tok/s per $1000</Table.Th>
                <Table.Th>Here?</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((o) => (
                <Row key={o.gpuId} o={o} onPrice={(usd) => setPrice(o.gpuId, usd)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {result.options.length > SHOWN && (
          <Button variant="subtle" onClick={() => setAll(!all)} w="fit-content">
            {all ? `Show the top ${SHOWN}` : `Show all ${result.options.length}`}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
