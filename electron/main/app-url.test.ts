import { describe, expect, it } from 'vitest';
import {
  appRequestPath,
  externalUrlDecision,
  isAllowedExternalUrl,
  isPermissionAllowed,
  resolveAppLocation,
} from './app-url';

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

  it('serves the packaged page from app://, not file://, and accepts only its index.html', () => {
    const loc = resolveAppLocation('/opt/rig/out/renderer', undefined);
    expect(loc.url).toBe('app://rig-advisor/index.html');
    expect(loc.rendererDir).toBe('/opt/rig/out/renderer');
    expect(loc.isAppUrl('app://rig-advisor/index.html#/checks')).toBe(true);
    expect(loc.isAppUrl('app://rig-advisor/other.html')).toBe(false);
    expect(loc.isAppUrl('file:///opt/rig/out/renderer/index.html')).toBe(false);
    expect(loc.isAppUrl('https://evil.example/')).toBe(false);
  });

  it.each([
    ['app://rig-advisor/index.html', '/opt/rig/out/renderer/index.html'],
    ['app://rig-advisor/', '/opt/rig/out/renderer/index.html'],
    ['app://rig-advisor/assets/index-abc.js?v=1', '/opt/rig/out/renderer/assets/index-abc.js'],
    ['app://rig-advisor/../../etc/passwd', '/opt/rig/out/renderer/etc/passwd'],
    // The URL parser folds dot segments (encoded too) before the path is read: they stay inside.
    ['app://rig-advisor/assets/%2e%2e/%2e%2e/secret', '/opt/rig/out/renderer/secret'],
    ['app://rig-advisor/a%2f..%2f..%2fsecret', null],
    ['app://rig-advisor/a%5c..%5csecret', null],
    ['app://rig-advisor/%00', null],
    ['app://rig-advisor/%E0%A4%A', null],
    ['app://other-host/index.html', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
  ])('app:// request %s reads %s', (url, file) => {
    expect(appRequestPath('/opt/rig/out/renderer', url)).toBe(file);
  });

  it.each([
    ['https://github.com/ggml-org/llama.cpp', 'open'],
    ['https://huggingface.co/meta-llama/Llama-3.1-8B', 'open'],
    ['https://docs.vllm.ai/en/latest/', 'open'],
    ['https://www.techpowerup.com/gpu-specs/', 'ask'],
    ['https://github.com.evil.example/', 'ask'],
    ['http://github.com/', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
  ])('an external link to %s: %s', (url, decision) => {
    expect(externalUrlDecision(url)).toBe(decision);
  });

  it('in development accepts the dev server origin only', () => {
    const loc = resolveAppLocation('/x', 'http://localhost:5173/');
    expect(loc.isAppUrl('http://localhost:5173/index.html')).toBe(true);
    expect(loc.isAppUrl('http://localhost:5174/')).toBe(false);
  });

  it('grants clipboard writes to the app page only, and nothing else to anyone', () => {
    const loc = resolveAppLocation('/opt/rig/out/renderer', undefined);
    const page = 'app://rig-advisor/index.html';
    expect(isPermissionAllowed('clipboard-sanitized-write', page, loc.isAppUrl)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', loc.isAppUrl)).toBe(
      false,
    );
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, loc.isAppUrl)).toBe(false);
    for (const other of ['clipboard-read', 'media', 'notifications', 'openExternal'])
      expect(isPermissionAllowed(other, page, loc.isAppUrl)).toBe(false);
  });
});
