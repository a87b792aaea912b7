/**
 * A card that takes files dropped from the file manager, as its button does: only drags that carry files,
 * the card outlined while one is over it, and leaving for a child element is not leaving the card.
 */
import { useState, type CSSProperties, type DragEvent } from 'react';

export interface FileDrop {
  /** Spread on the drop target. */
  readonly props: {
    readonly 'data-dragging': true | undefined;
    readonly onDragOver: (event: DragEvent<HTMLElement>) => void;
    readonly onDragLeave: (event: DragEvent<HTMLElement>) => void;
    readonly onDrop: (event: DragEvent<HTMLElement>) => void;
    readonly style: CSSProperties | undefined;
  };
}

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function useFileDrop(onFiles: (files: File[]) => void): FileDrop {
  const [dragging, setDragging] = useState(false);
  return {
    props: {
      'data-dragging': dragging || undefined,
      onDragOver: (event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave: (event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        onFiles([...event.dataTransfer.files]);
      },
      style: dragging ? { outline: '2px dashed var(--mantine-primary-color-filled)' } : undefined,
    },
  };
}
