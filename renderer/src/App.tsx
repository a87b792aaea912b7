/** App shell: header with the app name and theme toggle, settings notices, and the advisor flow. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, AppShell, Container, Group, Stack, Text, Title } from '@mantine/core';
import type { AppInfo } from '@shared/ipc/contract';
import { getApi } from './bridge/get-api';
import { AdvisorFlow } from './features/flow/AdvisorFlow';
import { useMachineScan } from './features/machine/use-machine-scan';
import { useAdvisor } from './state/use-advisor';
import { useUserNotes } from './state/use-user-notes';
import { ColorSchemeToggle } from './theme/ColorSchemeToggle';

function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="2" y="6" width="28" height="20" rx="4" fill="var(--mantine-primary-color-filled)" />
      <rect x="6" y="10" width="8" height="12" rx="2" fill="white" opacity="0.9" />
      <rect x="18" y="10" width="8" height="12" rx="2" fill="white" opacity="0.9" />
      <path d="M14 16h4" stroke="white" strokeWidth="2" />
    </svg>
  );
}

export function App() {
  const api = useMemo(() => getApi(), []);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const scan = useMachineScan(api);
  const notes = useUserNotes(api);
  const advisor = useAdvisor(scan.result?.profile ?? null, notes.notes);
  useEffect(() => {
    void api.appInfo().then((result) => result.ok && setInfo(result.value));
  }, [api]);

  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between">
            <Group gap="sm">
              <Logo />
              <Title order={2} size="h4">
                Rig Advisor
              </Title>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                plan local LLMs on the GPUs you really have
              </Text>
            </Group>
            <Group gap="sm">
              {info && (
                <Text size="xs" c="dimmed" visibleFrom="sm">
                  v{info.version} · {info.shell === 'web' ? 'web' : 'desktop'} · {info.platform}
                </Text>
              )}
              <ColorSchemeToggle />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl">
          <Stack gap="lg">
            {info?.notices.map((notice) => (
              <Alert key={notice} color="yellow" variant="light" title="Settings reset">
                {notice}
              </Alert>
            ))}
            <AdvisorFlow api={api} advisor={advisor} scan={scan} notes={notes} />
          </Stack>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
