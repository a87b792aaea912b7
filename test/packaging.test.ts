/** electron-builder cannot package here (no Electron download); this keeps its config honest: the four targets and the built files. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const yml = readFileSync(resolve(__dirname, '../electron-builder.yml'), 'utf8');
const pkg = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as {
  main: string;
  bin: Record<string, string>;
};

describe('packaging config', () => {
  it.each(['AppImage', 'deb', 'nsis', 'dmg'])('targets %s', (target) => {
    expect(yml).toMatch(new RegExp(`^\\s+- ${target}$`, 'm'));
  });
  it('ships the built output that package.json points at, and capture.sh for servers', () => {
    expect(pkg.main.startsWith('./out/')).toBe(true);
    expect(yml).toMatch(/- out\/\*\*/);
    expect(yml).toMatch(/from: resources\/capture\.sh/);
    expect(pkg.bin['rig-advisor']).toBe('./out/node/cli.js');
  });
  it('flips the Electron fuses an app like this one never needs (issue 14)', () => {
    for (const fuse of [
      'runAsNode: false',
      'enableCookieEncryption: true',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      'grantFileProtocolExtraPrivileges: false',
    ])
      expect(yml).toMatch(new RegExp(`^electronFuses:[\\s\\S]*^  ${fuse}$`, 'm'));
  });
  it('ships README.md as a resource, which Help → Documentation opens (electron/main/app-menu.ts)', () => {
    expect(yml).toMatch(/from: README\.md\n\s+to: README\.md/);
  });
});
