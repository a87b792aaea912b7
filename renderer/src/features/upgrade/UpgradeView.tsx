/**
 * "Add a card?": each catalog GPU as the next card on this machine, ranked by tokens/s gained per
 * $1000 — with where the model would live, the predicted range, whether it can go in (ready, only with
 * a bigger PSU, or stopped by a check, with the reasons and what else it needs), a price field per row
 * that replaces the catalog's dated price, and where the new card would sit.
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
import { PRICE_TAG } from '@shared/catalog/gpu-price';
import type { UpgradeOption } from '@shared/engine/advisor/upgrade';
import { EMPTY_USER_NOTES, type UserNotes } from '@shared/engine/rig-notes';
import { isEmptyPlacement, type SlotPlacement } from '@shared/engine/slot-placement';
import { FitBadge } from '../../components/FitBadge';
import { shortRange } from '../../components/format-advisor';
import type { Advisor } from '../../state/use-advisor';
import { SlotSelects } from '../machine/SlotSelects';
import { useUpgrades } from './use-upgrades';

const SHOWN = 15;

function PriceInput({ option, onCommit }: { option: UpgradeOption; onCommit: (usd: number | null) => void }) {
  const [draft, setDraft] = useState<string | number>(option.priceUsd ?? '');
  const commit = () => onCommit(draft === '' ? null : Number(draft));
  return (
    <Stack gap={2}>
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
        title={option.priceLabel ? `${option.priceLabel}; type yours` : 'Type a price'}
        value={draft}
        onChange={setDraft}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {option.priceBasis && (
        <Text size="xs" title={option.priceLabel ?? undefined}>
          {PRICE_TAG[option.priceBasis]}
        </Text>
      )}
    </Stack>
  );
}

function Status({ o }: { o: UpgradeOption }) {
  if (o.status === 'feasible')
    return (
      <Badge color="teal" variant="light">
        ✓ feasible
      </Badge>
    );
  if (o.status === 'needs-psu')
    return (
      <Badge color="yellow" variant="light">
        ! needs a bigger PSU{o.power.minPsuW ? ` (${o.power.minPsuW} W)` : ''}
      </Badge>
    );
  return (
    <Badge color="red" variant="light">
      ✕ blocked
    </Badge>
  );
}

function Here({ o }: { o: UpgradeOption }) {
  return (
    <Stack gap={4} align="flex-start">
      <Status o={o} />
      {o.blockers.map((b) => (
        <Text key={b} size="xs" className="fail-text" data-testid="upgrade-blocker">
          {b}
        </Text>
      ))}
      {o.notes.map((n) => (
        <Text key={n} size="xs" data-testid="upgrade-note">
          {n}
        </Text>
      ))}
    </Stack>
  );
}

function Row({ o, onPrice }: { o: UpgradeOption; onPrice: (usd: number | null) => void }) {
  return (
    <Table.Tr
      data-testid="upgrade-row"
      data-gpu-id={o.gpuId}
      data-feasible={o.feasible}
      data-status={o.status}
      data-fit={o.fit}
      style={{ verticalAlign: 'top' }}
    >
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
        <FitBadge size="xs" fit={o.fit} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{shortRange(o.decodeRange)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{o.gainPerDollar ? `+${o.gainPerDollar.toFixed(2)}` : '—'}</Text>
      </Table.Td>
      <Table.Td maw={360}>
        <Here o={o} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Where the new card would go: the same fields as a card's slot on the Machine step. */
function NewCardSlot({
  gpuIndex,
  slot,
  where,
  onChange,
}: {
  gpuIndex: number;
  slot: SlotPlacement | null;
  where: string | null;
  onChange: (slot: SlotPlacement | null) => void;
}) {
  const value = slot ?? { gpuIndex, attachment: null, gen: null, lanes: null };
  return (
    <Stack gap={6} data-testid="upgrade-slot">
      <Text size="sm" fw={600}>
        Where the new card (GPU {gpuIndex}) would sit
      </Text>
      <SlotSelects
        prefix={`New card slot `}
        value={value}
        onChange={(p) => onChange(isEmptyPlacement(p) ? null : { ...p, gpuIndex })}
      />
      <Text size="xs" c="dimmed" aria-live="polite" data-testid="upgrade-slot-plan">
        {where
          ? `Planned as ${where}.`
          : "Not set, and the board lists no free slot: planned at the card's own PCIe link."}
      </Text>
    </Stack>
  );
}

export interface UpgradeViewProps {
  readonly advisor: Advisor;
  /** The user's PSU and case notes (null until loaded): the power rule judges each card on this PSU. */
  readonly notes: UserNotes | null;
}

export default function UpgradeView({ advisor, notes }: UpgradeViewProps) {
  const [prices, setPrices] = useState<Readonly<Record<string, number>>>({});
  const [all, setAll] = useState(false);
  const [slot, setSlot] = useState<SlotPlacement | null>(null);
  const { result, busy } = useUpgrades({
    request: advisor.request,
    profile: advisor.machine.profile,
    notes: notes ?? EMPTY_USER_NOTES,
    slot,
    priceOverrides: prices,
  });
  const nextIndex = Math.max(-1, ...(advisor.request?.machine.gpus.map((g) => g.index) ?? [])) + 1;
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
          <Group gap="xs">
            <Text size="sm">Now: {base.strategy ?? 'nothing fits'}</Text>
            <FitBadge size="xs" fit={base.fit} />
            {base.decodeRange && <Text size="sm">at {shortRange(base.decodeRange)} tok/s.</Text>}
          </Group>
          <Text size="sm" mt={4}>
            Each row adds one card and re-plans with the same checks and PSU; the gain is per $1000 at the
            price shown (type yours).
          </Text>
        </Alert>
        <NewCardSlot gpuIndex={nextIndex} slot={slot} where={result.slot} onChange={setSlot} />
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Card to add</Table.Th>
                <Table.Th>Price, USD</Table.Th>
                <Table.Th>Where the model lives</Table.Th>
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
