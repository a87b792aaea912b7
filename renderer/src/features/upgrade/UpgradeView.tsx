/**
 * "Add a card?": each catalog GPU as the next card on this machine, ranked by tokens/s gained per
 * $1000 — with where the model would live, the predicted range, whether it can go in (ready, only with
 * a bigger PSU, or stopped by a check, with the reasons and what else it needs), a price field per row
 * that replaces the catalog's dated price, and where the new card would sit.
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
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
  Tooltip,
} from '@mantine/core';
import { PRICE_TAG } from '@shared/catalog/gpu-price';
import type { UpgradeOption } from '@shared/engine/advisor/upgrade';
import { EMPTY_USER_NOTES } from '@shared/engine/rig-notes';
import { isEmptyPlacement, type SlotPlacement } from '@shared/engine/slot-placement';
import type { CompatLine, CompatStatus } from '@shared/engine/advisor/compat';
import type { UserInput } from '@shared/engine/user-inputs';
import { FitBadge } from '../../components/FitBadge';
import { RangedNumberInput, rangeError } from '../../components/RangedNumberInput';
import type { UserNotesStore } from '../../state/use-user-notes';
import { InlineNoteInput } from '../checks/InlineNoteInput';
import { questionsForCheckId } from '../checks/note-questions';
import { shortRange } from '../../components/format-advisor';
import { uiInputWords } from '../../components/input-words';
import type { Advisor } from '../../state/use-advisor';
import { SlotSelects } from '../machine/SlotSelects';
import { useUpgrades } from './use-upgrades';

const SHOWN = 15;

const ValueChart = lazy(() => import('../../components/ValueChart'));

function PriceInput({ option, onCommit }: { option: UpgradeOption; onCommit: (usd: number | null) => void }) {
  const [draft, setDraft] = useState<string | number>(option.priceUsd ?? '');
  // Out of range is said on the field and not applied; never clamped.
  // Street prices carry cents (679.99).
  const error = rangeError(draft, { min: 0, max: 100_000, unit: 'USD', integer: false });
  const commit = () => {
    if (error === null) onCommit(draft === '' ? null : Number(draft));
  };
  return (
    <Stack gap={2}>
      <NumberInput
        size="xs"
        w={120}
        prefix="$"
        min={0}
        max={100_000}
        clampBehavior="none"
        error={error}
        thousandSeparator=","
        decimalScale={2}
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

const MARK: Readonly<Record<CompatStatus, string>> = { ok: '✓', unknown: '?', warn: '!', no: '✕' };
const MARK_COLOR: Readonly<Record<CompatStatus, string>> = {
  ok: 'teal',
  unknown: 'gray',
  warn: 'yellow',
  no: 'red',
};

function Status({ o }: { o: UpgradeOption }) {
  const open = o.compat.filter((l) => l.status === 'unknown').length;
  // Nothing stops it, but not everything could be checked: not a green "feasible".
  if (o.status === 'feasible' && open > 0)
    return (
      <Badge color="gray" variant="light" tt="none" data-testid="upgrade-status">
        ? {open} not checked
      </Badge>
    );
  if (o.status === 'feasible')
    return (
      <Badge color="teal" variant="light" tt="none" data-testid="upgrade-status">
        ✓ fits here
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

/** Inputs this view asks for above the list: the PSU and case notes, the RAM size, the new card's slot. */
const ASKED_ABOVE: ReadonlySet<UserInput> = new Set<UserInput>([
  'psuWatts',
  'psuPcie8',
  'psu12vhpwr',
  'caseSlots',
  'ramGiB',
  'slot',
]);

/** A line's reason and what to do; a "?" says where it is answered (the GUI's fields, not flags). */
function lineText(l: CompatLine): string {
  const where = uiInputWords(l.inputs);
  const fix =
    l.status !== 'unknown' || !where
      ? l.fix
      : l.inputs.some((i) => ASKED_ABOVE.has(i))
        ? `Answer it above the list, or ${where}.`
        : `To answer it, ${where}.`;
  return `${l.reason}${fix ? ` ${fix}` : ''}`;
}

/** ✓ / ? / ! / ✕ per thing that can stop the card, each with its reason on hover or focus. */
function CompatList({ o }: { o: UpgradeOption }) {
  return (
    <Group gap={4} data-testid="compat-list" role="list" aria-label={`Will ${o.gpu} work here`}>
      {o.compat.map((l) => (
        <Tooltip key={l.topic} label={lineText(l)} multiline w={340} withArrow>
          <Badge
            role="listitem"
            size="xs"
            variant="light"
            tt="none"
            color={MARK_COLOR[l.status]}
            data-testid="compat-line"
            data-topic={l.topic}
            data-status={l.status}
            tabIndex={0}
            aria-label={`${l.label}: ${l.status === 'ok' ? 'yes' : l.status === 'no' ? 'no' : l.status === 'warn' ? 'with a caveat' : 'not known'}. ${l.reason}`}
          >
            {MARK[l.status]} {l.label}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

function Here({ o }: { o: UpgradeOption }) {
  const caveats = o.compat.filter((l) => l.status === 'warn' && l.topic !== 'psu');
  return (
    <Stack gap={4} align="flex-start">
      <Status o={o} />
      <CompatList o={o} />
      {caveats.map((l) => (
        <Text key={l.topic} size="xs" className="warn-text" data-testid="upgrade-caveat">
          {l.label}: {l.reason}
        </Text>
      ))}
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
        <Text size="sm" data-testid="upgrade-gain">
          {o.gainFromCard !== null && o.gainFromCard > 0 ? `+${o.gainFromCard.toFixed(1)} tok/s` : '—'}
        </Text>
        <Text size="xs" c="dimmed">
          {o.gainPerDollar ? `+${o.gainPerDollar.toFixed(2)} per $1000` : ''}
        </Text>
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

/**
 * System RAM when it is not known (a catalog build, a capture without /proc/meminfo) and a plan with a
 * new card keeps part of the model in it: the same value as System RAM on the Machine step.
 */
function RamQuestion({ advisor }: { advisor: Advisor }) {
  // The last valid entry, and whether the field holds one now (out of range is said on it, not clamped).
  const [ramGiB, setRamGiB] = useState<number | null>(null);
  const [valid, setValid] = useState(true);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (ramGiB !== null && valid) advisor.dispatch({ type: 'machine', patch: { ramGiB } });
  };
  return (
    <form onSubmit={save} aria-label="Answer capacity.ram" data-testid="answer-capacity.ram">
      <Text size="xs" c="dimmed">
        System RAM is not known
        {advisor.inputs.machine.source === 'catalog' ? ' for this build' : ' (the scan did not report it)'},
        and with some cards part of the model stays in it. It is the System RAM field of the Machine step.
      </Text>
      <Group gap="xs" align="flex-end" mt={6}>
        <RangedNumberInput
          size="xs"
          w={210}
          label="System RAM"
          suffix=" GiB"
          unit="GiB"
          min={1}
          max={16384}
          value={ramGiB}
          onValid={setRamGiB}
          onValidity={setValid}
        />
        <Button size="xs" type="submit" variant="light" disabled={ramGiB === null || !valid}>
          Save
        </Button>
      </Group>
    </form>
  );
}

/**
 * The "?" lines' questions, once for every card (the PSU, the case and the RAM are the machine's):
 * answered here, they are the PSU and case notes or the machine's RAM, and every row is checked again.
 */
function OpenQuestions({
  options,
  store,
  advisor,
}: {
  options: readonly UpgradeOption[];
  store: UserNotesStore;
  advisor: Advisor;
}) {
  const open = options.flatMap((o) => o.compat.filter((l) => l.status === 'unknown'));
  const ids = [...new Set(open.flatMap((l) => (l.decidedBy ? [l.decidedBy] : [])))];
  const asked = ids
    .map((id) => ({ id, questions: questionsForCheckId(id, store.notes) }))
    .filter((a) => a.questions.length > 0);
  const askRam = open.some((l) => l.inputs.includes('ramGiB'));
  if (asked.length === 0 && !askRam) return null;
  return (
    <Stack gap={2} data-testid="upgrade-questions">
      <Text size="sm" fw={600}>
        Answer these and every “?” below is checked
      </Text>
      {asked.map((a) => (
        <InlineNoteInput key={a.id} check={{ id: a.id }} questions={a.questions} store={store} />
      ))}
      {askRam && <RamQuestion advisor={advisor} />}
    </Stack>
  );
}

export interface UpgradeViewProps {
  readonly advisor: Advisor;
  /** The user's PSU and case notes: the power rule judges each card on this PSU; "?" lines ask for them. */
  readonly store: UserNotesStore;
}

export default function UpgradeView({ advisor, store }: UpgradeViewProps) {
  const notes = store.notes;
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
          {base.bestToday && (
            <Text size="sm" mt={4} fw={600} data-testid="upgrade-best-today">
              Without a new card: {base.bestToday.strategy} runs at about{' '}
              {base.bestToday.decodeTokPerSec.toFixed(1)} tok/s on the cards you have. The gains below count
              only what a card adds beyond that.
            </Text>
          )}
          <Text size="sm" mt={4}>
            Each row adds one card and re-plans with the same checks and PSU; the gain is what the card itself
            adds, per $1000 at the price shown (type yours).
          </Text>
          {result.excluded.map((e) => (
            <Text key={e} size="xs" c="dimmed" mt={4} data-testid="upgrade-excluded">
              Not listed: {e}.
            </Text>
          ))}
        </Alert>
        <OpenQuestions options={shown} store={store} advisor={advisor} />
        <NewCardSlot gpuIndex={nextIndex} slot={slot} where={result.slot} onChange={setSlot} />
        <Suspense fallback={<Loader size="xs" />}>
          <ValueChart
            caption="with the card added (cards that can go in, at the price shown)"
            baseline={base.decodeTokPerSec}
            points={result.options.flatMap((o) =>
              o.status !== 'blocked' && o.priceUsd && o.decodeTokPerSec !== null
                ? [
                    {
                      label: o.gpu.replace(/^GeForce /, ''),
                      priceUsd: o.priceUsd,
                      tokPerSec: o.decodeTokPerSec,
                    },
                  ]
                : [],
            )}
          />
        </Suspense>
        <Table.ScrollContainer minWidth={660}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Card to add</Table.Th>
                <Table.Th>Price, USD</Table.Th>
                <Table.Th>Where the model lives</Table.Th>
                <Table.Th>Generation, tok/s</Table.Th>
                <Table.Th>Gain from the card</Table.Th>
                <Table.Th>Will it work here?</Table.Th>
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
