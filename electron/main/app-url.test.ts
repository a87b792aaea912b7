import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, resolveAppLocation } from './app-url';

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
});
