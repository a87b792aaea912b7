/**
 * A real capture from fixtures/capture-dirs merged into a profile, as the app shows it after "Open
 * capture…" — loaded through Vite's glob import so renderer tests stay free of Node APIs.
 */
import { isCaptureFileName, manifestSchema, type CaptureBundle } from '@shared/hardware/capture-format';
import { mergeProfile } from '@shared/hardware/merge/merge-profile';
import type { HardwareProfile } from '@shared/hardware/profile';

const FILES = import.meta.glob('../../../fixtures/capture-dirs/*/*', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The merged profile of `fixtures/capture-dirs/<name>`. */
export function fixtureProfile(name: string): HardwareProfile {
  const bundle: { -readonly [K in keyof CaptureBundle]: CaptureBundle[K] } = {
    manifest: null,
    files: {},
    readIssues: [],
  };
  const prefix = `../../../fixtures/capture-dirs/${name}/`;
  for (const [path, text] of Object.entries(FILES)) {
    if (!path.startsWith(prefix)) continue;
    const file = path.slice(prefix.length);
    if (file === 'manifest.json') bundle.manifest = manifestSchema.parse(JSON.parse(text));
    else if (isCaptureFileName(file)) (bundle.files as Record<string, string>)[file] = text;
  }
  if (Object.keys(bundle.files).length === 0) throw new Error(`no capture files in ${prefix}`);
  return mergeProfile(bundle);
}

const CONFIGS = import.meta.glob('../../../fixtures/model-configs/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The text of `fixtures/model-configs/<file>`. */
export function modelConfigText(file: string): string {
  const text = CONFIGS[`../../../fixtures/model-configs/${file}`];
  if (text === undefined) throw new Error(`no fixtures/model-configs/${file}`);
  return text;
}
