/**
 * One launch command: its title, the runtime versions it needs, the files to write first, the command in
 * the chosen shell, its notes.
 */
import { Badge, Code, Group, List, Stack, Text } from '@mantine/core';
import type { RenderedCommand } from '@shared/engine/commands/command-types';
import { requirementText } from '@shared/engine/commands/flags';
import { RichText } from '../machine/RichText';
import { CopyTextButton } from './CopyTextButton';

export type Shell = 'bash' | 'powershell';

export interface CommandBlockProps {
  readonly command: RenderedCommand;
  readonly shell: Shell;
  readonly copyTestId: string;
  readonly step: number | null;
}

function Snippet({
  label,
  text,
  what,
  testId,
}: {
  label: string;
  text: string;
  what: string;
  testId?: string;
}) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <CopyTextButton text={text} what={what} testId={testId} />
      </Group>
      <Code block data-testid="command-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word' }}>
        {text}
      </Code>
    </Stack>
  );
}

export function CommandBlock({ command, shell, copyTestId, step }: CommandBlockProps) {
  const title = command.title ?? command.runtime;
  const text = shell === 'bash' ? command.bash : command.powershell;
  const needs = command.requires ? requirementText(command.requires) : null;
  return (
    <Stack gap="sm" data-role={command.role}>
      <Group gap="xs">
        {step !== null && (
          <Badge variant="default" radius="sm">
            Step {step}
          </Badge>
        )}
        {command.role === 'benchmark' ? (
          <Badge color="teal">measure</Badge>
        ) : (
          command.role !== 'single' && <Badge color="grape">{command.role} node</Badge>
        )}
        <Text fw={600}>{title}</Text>
      </Group>
      {command.expected && command.expected.length > 0 && (
        <Text size="sm" data-testid="benchmark-expected">
          Expect (tok/s, the plan&apos;s range):{' '}
          {command.expected
            .map(
              (e) =>
                `${e.test} ≈ ${e.tokPerSec.expected.toFixed(1)} (${e.tokPerSec.low.toFixed(0)}–${e.tokPerSec.high.toFixed(0)})`,
            )
            .join(' · ')}
        </Text>
      )}
      {needs && (
        <Text size="sm" fw={600} data-testid="command-needs">
          {needs}
        </Text>
      )}
      {(command.files ?? []).map((file) => (
        <Snippet key={file.name} label={`Write ${file.name}`} text={file.content} what={file.name} />
      ))}
      <Snippet
        label={shell === 'bash' ? 'Run (bash)' : 'Run (PowerShell)'}
        text={text}
        what={`${command.runtime} command${step ? ` ${step}` : ''}`}
        testId={copyTestId}
      />
      {command.notes.length > 0 && (
        <List size="sm" spacing={4} c="dimmed">
          {command.notes.map((n) => (
            <List.Item key={n}>
              <RichText text={n} />
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
