/** A check's status as a coloured badge with a symbol, so it does not rely on colour alone. */
import { Badge } from '@mantine/core';
import type { CheckStatus } from '@shared/engine/checks/check-types';

export const STATUS_COLOR: Record<CheckStatus, string> = {
  pass: 'teal',
  warn: 'yellow',
  fail: 'red',
  unknown: 'gray',
};

const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: '✓ pass',
  warn: '! warn',
  fail: '✕ fail',
  unknown: '? unknown',
};

export function StatusBadge({ status }: { status: CheckStatus }) {
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant="light"
      w={104}
      style={{ flexShrink: 0 }}
      data-status={status}
    >
      {STATUS_TEXT[status]}
    </Badge>
  );
}
