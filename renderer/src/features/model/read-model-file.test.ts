import { describe, expect, it } from 'vitest';
import { modelConfigText } from '../../test-support/fixture-profile';
import { testGgufFile, tinyLlama } from '../../../../test/support/gguf-models';
import { IN_PAGE_NOTE, SPLIT_GGUF_MESSAGE, labelOf, readModelFile } from './read-model-file';

const file = (name: string, text: string, path?: string): File => {
  const f = new File([text], name);
  if (path) Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
};

describe('readModelFile', () => {
  it('reads a config.json and names the model after its folder', async () => {
    const picked = await readModelFile(
      file('config.json', modelConfigText('qwen2.5-14b.config.json'), 'Qwen2.5-14B/config.json'),
    );
    expect(picked.ok && picked.model).toMatchObject({ kind: 'config', label: 'Qwen2.5-14B' });
  });

  it('names a bare config.json (dropped on its own) after the model it describes, not "config"', async () => {
    const text = modelConfigText('qwen2.5-14b.config.json');
    const bare = await readModelFile(file('config.json', text));
    expect(bare.ok && bare.model).toMatchObject({ kind: 'config', label: 'Qwen2ForCausalLM' });
    const named = JSON.stringify({ ...JSON.parse(text), _name_or_path: '/models/Qwen/Qwen2.5-14B-Instruct' });
    const picked = await readModelFile(file('config.json', named));
    expect(picked.ok && picked.model).toMatchObject({ label: 'Qwen2.5-14B-Instruct' });
    expect(labelOf({ name: 'my-model.json', webkitRelativePath: '' }, {})).toBe('my-model');
  });

  it('reads a GGUF header in the page from the File itself, and the model is the one the header describes', async () => {
    const gguf = testGgufFile(tinyLlama());
    const bytes = new Uint8Array(gguf.header.length + gguf.dataBytes);
    bytes.set(gguf.header);
    const picked = await readModelFile(new File([bytes], 'tiny-llama.gguf'));
    expect(picked.ok).toBe(true);
    if (!picked.ok || picked.model.kind !== 'file') throw new Error('expected a GGUF model');
    expect(picked.model).toMatchObject({ kind: 'file', label: 'tiny-llama.gguf', path: 'tiny-llama.gguf' });
    expect(picked.model.model.spec.layers).toBe(tinyLlama().kv['llama.block_count']);
    expect(picked.notes).toContain(IN_PAGE_NOTE);
  });

  it('a GGUF that is not one, or is cut short, is refused in one line — the same checks as the desktop app', async () => {
    const notGguf = await readModelFile(file('model.gguf', '{"not": "gguf"}'));
    expect(!notGguf.ok && notGguf.message).toMatch(/^model\.gguf is not a GGUF file \(it starts with .*JSON/);
    const gguf = testGgufFile(tinyLlama());
    const cut = await readModelFile(new File([new Uint8Array(gguf.header)], 'cut.gguf'));
    expect(!cut.ok && cut.message).toMatch(/^cut\.gguf is truncated: the tensor data ends early/);
    const part = await readModelFile(file('big-00002-of-00003.gguf', 'GGUF'));
    expect(!part.ok && part.message).toBe(`big-00002-of-00003.gguf ${SPLIT_GGUF_MESSAGE}`);
  });

  it('names a file that is not JSON, or JSON that is not a model config', async () => {
    const notJson = await readModelFile(file('config.json', '{ nope'));
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.message).toMatch(/^config\.json is not JSON/);
    const notConfig = await readModelFile(file('package.json', '{"name":"x"}'));
    expect(!notConfig.ok && notConfig.message).toMatch(/^package\.json: /);
  });
});
