import { describe, expect, it } from 'vitest';
import { modelConfigText } from '../../test-support/fixture-profile';
import { GGUF_MESSAGE, labelOf, readModelFile } from './read-model-file';

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

  it('says a GGUF is read by the desktop app when no path is to be had (a browser)', async () => {
    expect(await readModelFile(file('model.gguf', 'GGUF'))).toEqual({ ok: false, message: GGUF_MESSAGE });
    const web = {
      pathForFile: () => '',
      importModelFile: async () => ({ ok: true as const, value: null as never }),
    };
    expect(await readModelFile(file('model.gguf', 'GGUF'), web)).toEqual({
      ok: false,
      message: GGUF_MESSAGE,
    });
  });

  it('names a file that is not JSON, or JSON that is not a model config', async () => {
    const notJson = await readModelFile(file('config.json', '{ nope'));
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.message).toMatch(/^config\.json is not JSON/);
    const notConfig = await readModelFile(file('package.json', '{"name":"x"}'));
    expect(!notConfig.ok && notConfig.message).toMatch(/^package\.json: /);
  });
});
