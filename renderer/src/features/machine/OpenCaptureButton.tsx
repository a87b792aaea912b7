/** "Open capture…": picks a capture folder (from another machine, or a support bundle) and hands its files over. */
import { useRef, type ChangeEvent } from 'react';
import { Button, Tooltip } from '@mantine/core';

export interface OpenCaptureButtonProps {
  readonly disabled: boolean;
  readonly onFiles: (files: File[]) => void;
}

/** `webkitdirectory` is not in React's input attribute types; Chromium and Electron both honour it. */
const DIRECTORY_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;

export function OpenCaptureButton({ disabled, onFiles }: OpenCaptureButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])];
    event.currentTarget.value = '';
    onFiles(files);
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="capture-input"
        onChange={picked}
        {...DIRECTORY_PICKER}
      />
      <Tooltip label="Analyse a capture folder from another machine (written by `rig-advisor capture` or capture.sh)">
        <Button variant="default" disabled={disabled} onClick={() => input.current?.click()}>
          Open capture…
        </Button>
      </Tooltip>
    </>
  );
}
