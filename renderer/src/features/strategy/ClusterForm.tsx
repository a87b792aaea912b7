/**
 * Several machines like this one, joined by a network: how many, which network (its speed and latency
 * go into the plan), and this machine's address for the commands. The plan then adds the strategies
 * that span them (llama.cpp RPC, vLLM/SGLang tensor parallel inside each machine × pipeline across).
 */
import { useState } from 'react';
import { Card, Group, Select, Switch, Text, TextInput, Title } from '@mantine/core';
import { RangedNumberInput } from '../../components/RangedNumberInput';
import { NETWORKS } from '@shared/engine/cluster';
import type { AdvisorAction, NodesInputs } from '../../state/advisor-state';

const NETWORK_OPTIONS = NETWORKS.map((n) => ({ value: n.id, label: n.name }));
const DEFAULT_NODES: NodesInputs = { count: 2, network: '10gbe', headAddress: '192.168.1.10' };

/** A text field sent when it is left (addresses change the commands, not the plan). */
function CommitInput(props: {
  readonly label: string;
  readonly description: string;
  readonly value: string;
  readonly width: number;
  readonly onChange: (value: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setDraft(props.value);
  }
  const commit = () => draft !== props.value && props.onChange(draft);
  return (
    <TextInput
      label={props.label}
      description={props.description}
      w={props.width}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

export interface ClusterFormProps {
  readonly nodes: NodesInputs | null;
  readonly dispatch: (action: AdvisorAction) => void;
}

export function ClusterForm({ nodes, dispatch }: ClusterFormProps) {
  const set = (next: NodesInputs | null) => dispatch({ type: 'nodes', nodes: next });
  return (
    <Card component="section" aria-labelledby="cluster-title" data-testid="cluster-form">
      <Title order={2} size="h3" id="cluster-title" mb={4}>
        Several machines
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Plan over more machines with the same cards as this one: the strategies that span them join the table,
        and the commands give each machine its own.
      </Text>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Switch
          label="Several machines"
          checked={nodes !== null}
          onChange={(e) => set(e.currentTarget.checked ? DEFAULT_NODES : null)}
          mb={8}
        />
        {nodes && (
          <>
            <RangedNumberInput
              label="Machines"
              description="This one included"
              min={2}
              max={64}
              w={150}
              emptyAllowed={false}
              value={nodes.count}
              onValid={(count) => count !== null && count !== nodes.count && set({ ...nodes, count })}
            />
            <Select
              label="Network"
              description="Between the machines"
              data={NETWORK_OPTIONS}
              allowDeselect={false}
              w={320}
              value={nodes.network}
              onChange={(network) => network && set({ ...nodes, network })}
            />
            <CommitInput
              label="This machine's address"
              description="As the others reach it"
              width={200}
              value={nodes.headAddress}
              onChange={(headAddress) => set({ ...nodes, headAddress })}
            />
            <CommitInput
              label="The others' addresses"
              description="In order, commas between them"
              width={260}
              value={nodes.workerAddresses ?? ''}
              onChange={(workerAddresses) => set({ ...nodes, workerAddresses })}
            />
          </>
        )}
      </Group>
    </Card>
  );
}
