/**
 * What the probe could not see (each with the reason and how to find out), problems with the
 * capture files themselves, and notes about values that are present but easy to misread.
 */
import { Alert, Card, Code, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { CopyTextButton } from '../commands/CopyTextButton';
import { RichText } from './RichText';
import { groupUnknowns } from './unknown-groups';
import type { HardwareProfile } from './types';

function QuestionIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      aria-hidden="true"
    >
      <path d="M8.5 8.5a3.5 3.5 0 1 1 5 3.2c-1 .5-1.5 1.2-1.5 2.3v.5M12 19v.01" />
    </svg>
  );
}

function CaptureIssues({ issues }: { issues: HardwareProfile['captureIssues'] }) {
  if (issues.length === 0) return null;
  return (
    <Alert color="red" variant="light" title="Problems with the capture" data-testid="capture-issues">
      <List size="sm" spacing={4}>
        {issues.map((issue, index) => (
          <List.Item key={`${issue.file}-${index}`}>
            <Code>{issue.file}</Code> <RichText text={issue.message} />
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function Notes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <Alert color="blue" variant="light" title="Worth knowing" data-testid="profile-notes">
      <List size="sm" spacing={4}>
        {notes.map((note) => (
          <List.Item key={note}>
            <RichText text={note} />
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function UnknownsPanel({ profile }: { profile: HardwareProfile }) {
  const { unknowns } = profile;
  return (
    <Card component="section" aria-labelledby="unknowns-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="unknowns-title">
            What the probe could not see
          </Title>
          <Text size="sm" c="dimmed">
            Each fix once, with what it fills in and why it is unknown.
          </Text>
        </div>
        <CaptureIssues issues={profile.captureIssues} />
        {unknowns.length === 0 ? (
          <Text size="sm" data-testid="unknowns-list">
            Nothing missing: every field was found.
          </Text>
        ) : (
          <List
            spacing="sm"
            size="sm"
            center={false}
            data-testid="unknowns-list"
            aria-label="Unknown values"
            icon={
              <ThemeIcon color="yellow" variant="light" size={20} radius="xl">
                <QuestionIcon />
              </ThemeIcon>
            }
          >
            {groupUnknowns(unknowns).map((group) => (
              <List.Item key={group.hint} data-fields={group.fields.join(' ')} data-testid="unknown-group">
                <Text size="sm" fw={600}>
                  <RichText text={group.hint.charAt(0).toUpperCase() + group.hint.slice(1)} />
                </Text>
                {group.command && (
                  <Group gap="xs" wrap="nowrap" mt={2}>
                    <Code style={{ overflowWrap: 'anywhere' }}>{group.command}</Code>
                    <CopyTextButton text={group.command} what={`command: ${group.command}`} />
                  </Group>
                )}
                <Text size="sm" mt={2}>
                  Fills in: {group.what.join('; ')}
                </Text>
                <Text size="xs" c="dimmed">
                  Why unknown: <RichText text={group.reasons.join('; ')} />
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        <Notes notes={profile.notes} />
      </Stack>
    </Card>
  );
}
