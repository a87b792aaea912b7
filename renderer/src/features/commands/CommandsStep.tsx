/**
 * Step 5: the launch commands for the followed strategy, one tab per runtime, in bash or PowerShell,
 * each with a Copy button; optional model path and multi-node variants.
 */
import { useState } from 'react';
import {
  Badge,
  Card,
  Divider,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Tabs,
  TextInput,
} from '@mantine/core';
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
  const nodes = inputs.nodes;
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
      <Switch
        label="Several machines"
        checked={nodes !== null}
        onChange={(e) =>
          dispatch({
            type: 'nodes',
            nodes: e.currentTarget.checked ? { count: 2, headAddress: '192.168.1.10' } : null,
          })
        }
        mb={8}
      />
      {nodes && (
        <>
          <NumberInput
            label="Machines"
            min={2}
            max={16}
            w={110}
            allowDecimal={false}
            value={nodes.count}
            onChange={(v) =>
              dispatch({ type: 'nodes', nodes: { ...nodes, count: Math.max(2, Number(v) || 2) } })
            }
          />
          <TextInput
            label="This machine's address"
            w={180}
            value={nodes.headAddress}
            onChange={(e) =>
              dispatch({ type: 'nodes', nodes: { ...nodes, headAddress: e.currentTarget.value } })
            }
          />
        </>
      )}
    </Group>
  );
}

export function CommandsStep({ advisor }: { advisor: Advisor }) {
  const [shell, setShell] = useState<Shell>('bash');
  const groups = groupByRuntime(advisor.commands);
  const planned = advisor.strategy?.runtime;
  const [tab, setTab] = useState<string | null>(null);
  const active = groups.some((g) => g.runtime === tab) ? tab : (groups[0]?.runtime ?? null);
  return (
    <Card>
      <Stack gap="md">
        <Options advisor={advisor} shell={shell} setShell={setShell} />
        <Divider />
        <Tabs value={active} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {groups.map((g) => (
              <Tabs.Tab
                key={g.runtime}
                value={g.runtime}
                rightSection={g.runtime === planned ? <Badge size="xs">planned</Badge> : undefined}
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
