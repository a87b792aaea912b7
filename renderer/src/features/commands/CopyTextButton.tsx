/** Copies text to the clipboard (`navigator.clipboard.writeText`) and says "Copied" for a moment. */
import { Button, CopyButton } from '@mantine/core';

export interface CopyTextButtonProps {
  readonly text: string;
  /** What is copied, for the accessible name: "Copy llama.cpp command". */
  readonly what: string;
  readonly testId?: string;
}

export function CopyTextButton({ text, what, testId }: CopyTextButtonProps) {
  return (
    <CopyButton value={text} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'filled' : 'light'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
          aria-label={copied ? `Copied ${what}` : `Copy ${what}`}
          data-testid={testId}
          data-copied={copied}
          miw={76}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}
