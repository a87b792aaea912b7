import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isPermissionAllowed, resolveAppLocation } from './app-url';

describe('app URL checks', () => {
  it.each([
    ['https://github.com/ggml-org/llama.cpp', true],
    ['http://example.com', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('external link %s allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('accepts only the packaged index.html as the app page, ignoring query and hash', () => {
    const loc = resolveAppLocation('/opt/rig/out/renderer', undefined);
    expect(loc.url).toBe('file:///opt/rig/out/renderer/index.html');
    expect(loc.isAppUrl('file:///opt/rig/out/renderer/index.html#/checks')).toBe(true);
    expect(loc.isAppUrl('file:///opt/rig/out/renderer/other.html')).toBe(false);
    expect(loc.isAppUrl('https://evil.example/')).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const loc = resolveAppLocation('/x', 'http://localhost:5173/');
    expect(loc.isAppUrl('http://localhost:5173/index.html')).toBe(true);
    expect(loc.isAppUrl('http://localhost:5174/')).toBe(false);
  });

  it('grants clipboard writes to the app page only, and nothing else to anyone', () => {
    const loc = resolveAppLocation('/opt/rig/out/renderer', undefined);
    const page = 'file:///opt/rig/out/renderer/index.html';
    expect(isPermissionAllowed('clipboard-sanitized-write', page, loc.isAppUrl)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', loc.isAppUrl)).toBe(
      false,
    );
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, loc.isAppUrl)).toBe(false);
    for (const other of ['clipboard-read', 'media', 'notifications', 'openExternal'])
      expect(isPermissionAllowed(other, page, loc.isAppUrl)).toBe(false);
  });
});
