/**
 * Step 5: the launch commands for the followed strategy, one tab per runtime, in bash or PowerShell,
 * each with a Copy button, and an optional model path. A strategy over several machines (set on the
 * Strategy step) has a command per role: the workers' first, then the head's on this machine.
 */
import { useState } from 'react';
import { Alert, Badge, Card, Divider, Group, SegmentedControl, Stack, Tabs, TextInput } from '@mantine/core';
import type { Advisor } from '../../state/use-advisor';
import { CommandBlock, type Shell } from './CommandBlock';
import { copyTestId, groupByRuntime } from './group-commands';

function Options({
  advisor,
  shell,
  setShell,
}: {
  advisor: Advisor;
  shell: Shell;
  setShell: (s: Shell) => void;
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
        <Options advisor={advisor} shell={shell} setShell={setShell} />
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
