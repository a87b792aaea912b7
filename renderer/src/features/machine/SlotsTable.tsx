/** The board's PCIe slots as the firmware (dmidecode type 9) describes them. */
import { Badge, Card, Table, Text, Title } from '@mantine/core';
import { HwValue } from './HwValue';
import { RichText } from './RichText';
import { formatSlotWidth } from './format';
import { findUnknown } from './unknowns';
import type { SlotProfile, UnknownField, ValueSource } from './types';

export interface SlotsTableProps {
  readonly slots: readonly SlotProfile[];
  readonly unknowns: readonly UnknownField[];
  /** Where the slot table came from (dmidecode), shown on hover. */
  readonly source?: ValueSource;
}

function InUse({ value }: { value: boolean | null }) {
  if (value === null) return <HwValue value={null} />;
  return (
    <Badge variant="light" color={value ? 'teal' : 'gray'}>
      {value ? 'In use' : 'Free'}
    </Badge>
  );
}

export function SlotsTable({ slots, unknowns, source }: SlotsTableProps) {
  const missing = findUnknown(unknowns, 'slots');
  const sources = source ? [source] : [];
  return (
    <Card component="section" aria-labelledby="slots-title" data-testid="slots-section">
      <Title order={2} size="h3" id="slots-title" mb={4}>
        PCIe slots
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Electrical width is the lanes wired to the slot; physical width is the connector size.
      </Text>
      {slots.length === 0 ? (
        <Text size="sm">
          <HwValue value={null} unknown={missing} />
          {missing && (
            <Text span size="sm" c="dimmed" display="block">
              → <RichText text={missing.hint} />
            </Text>
          )}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover aria-label="PCIe slots">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Slot</Table.Th>
                <Table.Th scope="col">PCIe gen</Table.Th>
                <Table.Th scope="col">Width (electrical vs physical)</Table.Th>
                <Table.Th scope="col">In use</Table.Th>
                <Table.Th scope="col">Bus</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {slots.map((slot, index) => (
                <Table.Tr key={`${slot.designation}-${index}`}>
                  <Table.Td>{slot.designation}</Table.Td>
                  <Table.Td>
                    <HwValue value={slot.pcieGen === null ? null : `Gen${slot.pcieGen}`} sources={sources} />
                  </Table.Td>
                  <Table.Td>
                    <HwValue
                      value={formatSlotWidth(slot.widthElectrical, slot.widthPhysical)}
                      sources={sources}
                    />
                  </Table.Td>
                  <Table.Td>
                    <InUse value={slot.inUse} />
                  </Table.Td>
                  <Table.Td>
                    <HwValue value={slot.busAddress} mono sources={sources} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
