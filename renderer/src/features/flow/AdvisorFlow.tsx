/**
 * The guided flow: Machine → Model → Checks → Strategy → Commands → Checklist, plus "Add a card?" and
 * "Compare builds", as tabs (arrow keys move between them) with Back / Next under each step. Only the
 * open step renders; the two side views load on first open.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import type { AppApi } from '@shared/ipc/contract';
import { worst } from '@shared/engine/checks/check-types';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { STATUS_COLOR } from '../../components/StatusBadge';
import type { Advisor } from '../../state/use-advisor';
import type { UserNotesStore } from '../../state/use-user-notes';
import { ChecklistStep } from '../checklist/ChecklistStep';
import { ChecksStep } from '../checks/ChecksStep';
import { CommandsStep } from '../commands/CommandsStep';
import { MachineStep } from '../machine/MachineStep';
import type { MachineScan } from '../machine/use-machine-scan';
import { ModelStep } from '../model/ModelStep';
import { useMeasuredFiles } from '../strategy/MeasuredPanel';
import { StrategyStep } from '../strategy/StrategyStep';
import { PlanSummary } from './PlanSummary';
import { NEEDS_MODEL, NEEDS_PLAN, STEPS, VIEWS, type StepId } from './steps';
import type { ShownMachine } from '../../state/persisted-state';
import { usePersistedState } from '../../state/use-persisted-state';
import { openSavedMachine, useSavedMachines } from '../machine/use-saved-machines';
import { useForgetMachineInputs } from './use-forget-machine-inputs';
import { useMenuActions } from './use-menu-actions';

const ALL_STEPS: ReadonlySet<StepId> = new Set([...STEPS, ...VIEWS].map((s) => s.value));

const UpgradeView = lazy(() => import('../upgrade/UpgradeView'));
const CompareView = lazy(() => import('../compare/CompareView'));

export interface AdvisorFlowProps {
  readonly api: AppApi;
  readonly advisor: Advisor;
  readonly scan: MachineScan;
  readonly notes: UserNotesStore;
}

function StepNav({ step, go }: { step: StepId; go: (s: StepId) => void }) {
  const i = STEPS.findIndex((s) => s.value === step);
  if (i < 0) return null;
  const prev = STEPS[i - 1];
  const next = STEPS[i + 1];
  return (
    <Group justify="space-between" mt="xl" className="no-print">
      {prev ? (
        <Button variant="default" onClick={() => go(prev.value)}>
          ← Back: {prev.label}
        </Button>
      ) : (
        <span />
      )}
      {next && <Button onClick={() => go(next.value)}>Next: {next.label} →</Button>}
    </Group>
  );
}

function NeedsPlan({
  advisor,
  go,
  modelOnly = false,
}: {
  advisor: Advisor;
  go: (s: StepId) => void;
  /** Only the model is needed (Compare builds): a missing machine is not what blocks it. */
  modelOnly?: boolean;
}) {
  const machineMissing = !modelOnly && !advisor.machine.machine;
  return (
    <Alert color="blue" variant="light" title={machineMissing ? 'No machine yet' : 'No model yet'}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {machineMissing ? advisor.machine.error : 'Pick a model (and how to run it) first.'}
        </Text>
        <Button size="xs" onClick={() => go(machineMissing ? 'machine' : 'model')}>
          Go to {machineMissing ? 'Machine' : 'Model'}
        </Button>
      </Stack>
    </Alert>
  );
}

function tabMark(step: StepId, advisor: Advisor): ReactNode {
  if (step !== 'checks' || advisor.checks.length === 0) return null;
  const status = worst(advisor.checks);
  return (
    <Badge size="xs" variant="light" color={STATUS_COLOR[status]}>
      {status}
    </Badge>
  );
}

export function AdvisorFlow({ api, advisor, scan, notes }: AdvisorFlowProps) {
  const [step, setStep] = useState<StepId>('machine');
  // Reopen where the user left off (saved in settings by main).
  const restoreStep = useCallback((saved: string) => {
    if (ALL_STEPS.has(saved as StepId)) setStep(saved as StepId);
  }, []);
  // The saved-machines list, read once for the whole flow (the Machine step mounts and unmounts with its tab).
  const savedMachines = useSavedMachines(api);
  // Measurements opened on the Strategy step, kept while the user moves between steps.
  const measured = useMeasuredFiles();
  // A saved machine shown as "this machine" reopens at start too, once the list is in (if it is still there).
  const { showSaved } = scan;
  const { dispatch } = advisor;
  const { save: saveNotes } = notes;
  const [pendingRestore, setPendingRestore] = useState<string | null>(null);
  const restoredOnce = useRef(false);
  useEffect(() => {
    if (restoredOnce.current || pendingRestore === null || savedMachines.machines === null) return;
    restoredOnce.current = true;
    const machine = savedMachines.machines.find((m) => m.id === pendingRestore);
    if (machine)
      openSavedMachine(machine, { showSaved, dispatch, saveNotes }, advisor.inputs.machine.customGpus);
    // Once, at start: the custom cards then are the ones restored with the app state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pendingRestore, savedMachines.machines, showSaved, dispatch, saveNotes]);
  const origin = scan.result?.origin;
  const carried = useForgetMachineInputs(origin ?? null, dispatch, notes.notes);
  const savedId = origin?.kind === 'saved' ? origin.machineId : null;
  const shown = useMemo<ShownMachine>(
    () =>
      savedId
        ? { kind: 'saved', id: savedId }
        : scan.opened
          ? { kind: 'opened-capture' }
          : { kind: 'start-up' },
    [savedId, scan.opened],
  );
  usePersistedState(api, advisor.inputs, advisor.dispatch, step, restoreStep, {
    shown,
    restoreSaved: setPendingRestore,
  });
  const go = (s: StepId) => {
    setStep(s);
    window.scrollTo({ top: 0 });
  };
  const planned = advisor.result !== null;
  // File → Save report… asks the checklist step to save; the step clears it once it has started.
  const [saveRequested, setSaveRequested] = useState(false);
  const saveRequestHandled = useCallback(() => setSaveRequested(false), []);
  useMenuActions(api, {
    'open-capture': () => {
      go('machine');
      void scan.openCaptureFromDialog().then((opened) => {
        if (opened) advisor.dispatch({ type: 'machine', patch: { source: 'scan' } });
      });
    },
    'save-report': () => {
      go('checklist');
      // Without a plan the step explains what is missing; nothing to save yet.
      if (planned) setSaveRequested(true);
    },
  });
  const body = (s: StepId): ReactNode => {
    if (NEEDS_PLAN.has(s) && !planned) return <NeedsPlan advisor={advisor} go={go} />;
    if (NEEDS_MODEL.has(s) && !advisor.model.model) return <NeedsPlan advisor={advisor} go={go} modelOnly />;
    switch (s) {
      case 'machine':
        return <MachineStep saved={savedMachines} advisor={advisor} scan={scan} notes={notes} />;
      case 'model':
        return <ModelStep advisor={advisor} api={api} />;
      case 'checks':
        return <ChecksStep advisor={advisor} notes={notes} />;
      case 'strategy':
        return <StrategyStep advisor={advisor} notes={notes} measured={measured} />;
      case 'commands':
        return <CommandsStep advisor={advisor} />;
      case 'checklist':
        return (
          <ChecklistStep
            advisor={advisor}
            api={api}
            saveRequested={saveRequested}
            onSaveRequestHandled={saveRequestHandled}
          />
        );
      case 'upgrade':
        return <UpgradeView advisor={advisor} store={notes} />;
      case 'compare':
        return <CompareView advisor={advisor} notes={notes.notes} />;
    }
  };
  return (
    <Stack gap="md">
      <PlanSummary advisor={advisor} />
      {carried.notesFrom && (
        <Alert
          color="yellow"
          variant="light"
          title="PSU and case notes"
          data-testid="notes-from-other-machine"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              The PSU and case notes were entered for {carried.notesFrom}, not the machine shown now. Keep
              them for this one, or start it without notes?
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={carried.settle}>
                Keep them
              </Button>
              <Button size="xs" onClick={() => void saveNotes(EMPTY_USER_NOTES).then(carried.settle)}>
                Clear them
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Tabs value={step} onChange={(v) => v && go(v as StepId)} keepMounted={false} variant="outline">
        <Tabs.List className="no-print">
          {STEPS.map((s, i) => (
            <Tabs.Tab key={s.value} value={s.value} rightSection={tabMark(s.value, advisor)}>
              {i + 1}. {s.label}
            </Tabs.Tab>
          ))}
          {VIEWS.map((v, i) => (
            <Tabs.Tab key={v.value} value={v.value} ml={i === 0 ? 'auto' : undefined}>
              {v.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {[...STEPS, ...VIEWS].map((s) => (
          <Tabs.Panel key={s.value} value={s.value} pt="lg" data-testid={`step-${s.value}`}>
            <Suspense fallback={<Loader m="xl" />}>{body(s.value)}</Suspense>
            <StepNav step={s.value} go={go} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
