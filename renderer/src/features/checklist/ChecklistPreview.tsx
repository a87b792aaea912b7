/**
 * The build checklist as the page shows and prints it (the print stylesheet shows only this): the
 * checks table, then parts, physical steps, BIOS, software, launch and verify — text items as tick
 * boxes, commands as code. Rendered as React from the checklist data, never as HTML strings.
 */
import { useState } from 'react';
import { Checkbox, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Checklist, ChecklistSection } from '@shared/engine/checklist/build-checklist';
import { StatusBadge } from '../../components/StatusBadge';
import { RichText } from '../machine/RichText';

function Section({ section, index }: { section: ChecklistSection; index: number }) {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const toggle = (i: number) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <section aria-labelledby={`checklist-section-${index}`}>
      <Title order={3} size="h4" id={`checklist-section-${index}`} mb="xs">
        {section.title}
      </Title>
      <Stack gap={6}>
        {section.items.map((item, i) =>
          'code' in item ? (
            <Code key={i} block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {item.code}
            </Code>
          ) : (
            <Checkbox
              key={i}
              checked={ticked.has(i) || item.done === true}
              onChange={() => toggle(i)}
              label={<RichText text={item.text} />}
            />
          ),
        )}
      </Stack>
    </section>
  );
}

export function ChecklistPreview({ checklist }: { checklist: Checklist }) {
  return (
    <Paper p="xl" className="print-area" data-testid="checklist-preview">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h2">
            {checklist.title}
          </Title>
          <Text mt={4}>{checklist.summary}</Text>
        </div>
        <section aria-labelledby="checklist-checks">
          <Title order={3} size="h4" id="checklist-checks" mb="xs">
            Checks
          </Title>
          <Table withTableBorder verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Area</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Fix</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checklist.checks.map((c) => (
                <Table.Tr key={c.id} data-check-id={c.id}>
                  <Table.Td>{c.area}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>
                    <RichText text={c.reason} />
                  </Table.Td>
                  <Table.Td>
                    <RichText text={c.fix} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
        {checklist.sections.map((s, i) => (
          <Section key={s.title} section={s} index={i} />
        ))}
      </Stack>
    </Paper>
  );
}
