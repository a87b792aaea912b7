/**
 * A term of art with its plain explanation on hover or focus (GLOSSARY): dotted underline, reachable by
 * keyboard, the explanation also its accessible description.
 */
import { Tooltip } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { GLOSSARY, type GlossaryTerm } from './glossary';

export function Term({ term, children }: { term: GlossaryTerm; children?: ReactNode }) {
  const id = useId();
  return (
    <Tooltip
      label={GLOSSARY[term]}
      multiline
      w={320}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <span
        tabIndex={0}
        aria-describedby={id}
        data-term={term}
        style={{ textDecoration: 'underline dotted', textUnderlineOffset: 3, cursor: 'help' }}
      >
        {children ?? term}
        <span id={id} hidden>
          {GLOSSARY[term]}
        </span>
      </span>
    </Tooltip>
  );
}
