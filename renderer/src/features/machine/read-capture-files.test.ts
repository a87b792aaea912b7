import { describe, expect, it } from 'vitest';
import { readPickedCapture } from './read-capture-files';

/** A File as a directory picker hands it over, with its path inside the picked folder. */
function picked(path: string, text: string): File {
  const file = new File([text], path.split('/').pop() as string);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

describe('readPickedCapture', () => {
  it('keeps only capture file names, top level first, and names the folder', async () => {
    const result = await readPickedCapture([
      picked('rig/old/nvidia-smi-q.xml', 'nested'),
      picked('rig/nvidia-smi-q.xml', '<xml/>'),
      picked('rig/manifest.json', '{}'),
      picked('rig/id_rsa', 'secret'),
    ]);
    expect(result.label).toBe('rig');
    expect(result.files).toEqual({ 'nvidia-smi-q.xml': '<xml/>' });
    expect(result.skipped).toEqual(['rig/id_rsa (not a capture file name)']);
  });

  it('returns no files for a folder without capture files', async () => {
    const result = await readPickedCapture([picked('photos/beach.jpg', 'x')]);
    expect(Object.keys(result.files)).toHaveLength(0);
  });
});
