/**
 * Step 5: the launch commands for the followed strategy, one tab per runtime, in bash or PowerShell,
 * each with a Copy button and the runtime versions it needs, an optional model path, and the version of
 * the shown runtime the user has (the commands are adapted to it). A strategy over several machines (set on the
 * Strategy step) has a command per role: the workers' first, then the head's on this machine.
 */
import { useState } from 'react';
import { Alert, Badge, Card, Divider, Group, SegmentedControl, Stack, Tabs, TextInput } from '@mantine/core';
import {
  parseRuntimeVersion,
  VERSION_EXAMPLES,
  VERSIONED_RUNTIMES,
  type VersionedRuntime,
} from '@shared/engine/commands/flags/runtime-version';
import type { Advisor } from '../../state/use-advisor';
import { CommandBlock, type Shell } from './CommandBlock';
import { copyTestId, groupByRuntime } from './group-commands';

/** The runtime whose version a tab's commands follow (ExLlama runs in TabbyAPI; Ray has none). */
export function versionedRuntimeOf(tab: string | null): VersionedRuntime | null {
  if (tab === 'exllamav2') return 'tabbyapi';
  return (VERSIONED_RUNTIMES as readonly (string | null)[]).includes(tab) ? (tab as VersionedRuntime) : null;
}

/** The version of the shown tab's runtime the user has: the commands use the spellings it takes. */
function VersionInput({ advisor, runtime }: { advisor: Advisor; runtime: VersionedRuntime }) {
  const { inputs, dispatch } = advisor;
  const typed = inputs.runtimeVersions[runtime] ?? '';
  const parsed = typed ? parseRuntimeVersion(`${runtime}=${typed}`) : null;
  return (
    <TextInput
      label={`Your ${runtime} version`}
      description="Empty = current. Flags it lacks get the older spelling or are left out, with a note."
      placeholder={`e.g. ${VERSION_EXAMPLES[runtime]}`}
      value={typed}
      error={parsed && 'error' in parsed ? parsed.error : undefined}
      onChange={(e) => dispatch({ type: 'runtimeVersion', runtime, version: e.currentTarget.value })}
      w={260}
      data-testid="runtime-version"
    />
  );
}

function Options({
  advisor,
  shell,
  setShell,
  runtime,
}: {
  advisor: Advisor;
  shell: Shell;
  setShell: (s: Shell) => void;
  runtime: VersionedRuntime | null;
}) {
  const { inputs, dispatch } = advisor;
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <SegmentedControl
        aria-label="Shell"
        value={shell}
        onChange={(v) => setShell(v as Shell)}
        data={[
          { value: 'bash', label: 'bash' },
          { value: 'powershell', label: 'PowerShell' },
        ]}
      />
      <TextInput
        label="Model file or folder"
        placeholder="a placeholder path, with a note"
        value={inputs.modelPath}
        onChange={(e) => dispatch({ type: 'modelPath', path: e.currentTarget.value })}
        w={320}
      />
      {runtime && <VersionInput key={runtime} advisor={advisor} runtime={runtime} />}
    </Group>
  );
}

/** Where each command runs, when the strategy spans machines, or why none of them does. */
function MachinesNote({ advisor }: { advisor: Advisor }) {
  const { strategy, inputs } = advisor;
  if (!strategy) return null;
  if (strategy.nodes > 1)
    return (
      <Alert color="grape" variant="light" data-testid="commands-cluster">
        {strategy.id} spans {strategy.nodes} machines: start each worker command on its machine first, then
        the head command on this one.
      </Alert>
    );
  if (inputs.nodes)
    return (
      <Alert color="blue" variant="light" data-testid="commands-cluster">
        {strategy.id} runs on this machine alone. To use the others, follow a strategy that spans them on the
        Strategy step.
      </Alert>
    );
  return null;
}

export function CommandsStep({ advisor }: { advisor: Advisor }) {
  const [shell, setShell] = useState<Shell>('bash');
  const groups = groupByRuntime(advisor.commands);
  const [tab, setTab] = useState<string | null>(null);
  const active = groups.some((g) => g.runtime === tab) ? tab : (groups[0]?.runtime ?? null);
  return (
    <Card>
      <Stack gap="md">
        <Options advisor={advisor} shell={shell} setShell={setShell} runtime={versionedRuntimeOf(active)} />
        <MachinesNote advisor={advisor} />
        <Divider />
        <Tabs value={active} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {groups.map((g, i) => (
              <Tabs.Tab
                key={g.runtime}
                value={g.runtime}
                // The followed strategy's runtime comes first (buildCommands' order).
                rightSection={i === 0 ? <Badge size="xs">planned</Badge> : undefined}
              >
                {g.runtime}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {groups.map((g) => (
            <Tabs.Panel key={g.runtime} value={g.runtime} pt="md" data-testid={`command-${g.runtime}`}>
              <Stack gap="xl">
                {g.commands.map((c, i) => (
                  <CommandBlock
                    key={`${c.title}-${i}`}
                    command={c}
                    shell={shell}
                    copyTestId={copyTestId(g.runtime, i)}
                    step={g.commands.length > 1 ? i + 1 : null}
                  />
                ))}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Card>
  );
}
