/** Text from the profile with `backticked` commands shown as inline code. */
import { Code } from '@mantine/core';

export function RichText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <Code key={index} fz="inherit">
            {part}
          </Code>
        ) : (
          part
        ),
      )}
    </>
  );
}
