import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScanResult } from '@shared/ipc/contract';
import { ModelImportError } from '@shared/model-import/model-import-error';
import { EMPTY_USER_NOTES } from '@shared/settings/settings-schema';
import { UserFacingError, type AppHandlers } from '../main/ipc/dispatch';
import { createAppHandlers } from '../main/ipc/handlers';
import { openConfSettings } from '../main/store/conf-settings';
import { createHardwareService } from '../probe/hardware-service';
import { rawRequest } from '../../test/support/raw-http';
import {
  CONTENT_SECURITY_POLICY,
  DEFAULT_LIMITS,
  startWebServer,
  tokensMatch,
  type WebServer,
} from './server';

const TOKEN = 'test-token-0123456789';

const fakeScan = (label: string): ScanResult =>
  ({
    profile: { formatVersion: 1, gpus: [] },
    origin: { kind: 'capture', label },
    durationMs: 3,
  }) as unknown as ScanResult;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  server: WebServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: init.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const post = (server: WebServer, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  call(server, `/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rig-token': TOKEN, ...headers },
    body: JSON.stringify({ input }),
  });

describe('web server', () => {
  let root: string;
  let server: WebServer;

  beforeAll(async () => {
    root = mkdtempSync(join(os.tmpdir(), 'rig-web-test-'));
    const staticDir = join(root, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Rig Advisor</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    const real = createAppHandlers({
      hardware: {
        scanLive: async (progress) => (progress({ step: 'x', done: 1, total: 1 }), fakeScan('replay')),
        analyseFiles: async (_f, label) => fakeScan(label),
        analyseDir: async (dir) => fakeScan(dir),
      },
      settings: openConfSettings(join(root, 'user-data')),
      info: { version: '0.0.0-test', platform: 'linux', shell: 'web' },
    });
    const handlers: AppHandlers = {
      ...real,
      'app:info': async () => {
        throw new Error('boom');
      },
    };
    server = await startWebServer({ handlers, staticDir, token: TOKEN, maxBodyBytes: 1024 * 1024 });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('answers 200 with the IpcResult on the ok path, and settings round-trip', async () => {
    const scan = await post(server, 'hardware:scan', undefined);
    expect(scan.status).toBe(200);
    expect(JSON.parse(scan.body)).toMatchObject({
      ok: true,
      value: { origin: { kind: 'capture', label: 'replay' } },
    });
    const notes = { ...EMPTY_USER_NOTES, psu: { ...EMPTY_USER_NOTES.psu, watts: 1600 } };
    expect((await post(server, 'settings:set-notes', notes)).status).toBe(200);
    expect(JSON.parse((await post(server, 'settings:get-notes', undefined)).body)).toEqual({
      ok: true,
      value: notes,
    });
  });

  it('refuses a missing or wrong token with 403', async () => {
    const none = await call(server, '/api/hardware:scan', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(403);
    expect((await post(server, 'hardware:scan', undefined, { 'x-rig-token': `${TOKEN}x` })).status).toBe(403);
    expect((await call(server, '/api/events?token=nope')).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin with 403', async () => {
    expect(
      (await post(server, 'hardware:scan', undefined, { host: `evil.example:${server.port}` })).status,
    ).toBe(403);
    expect((await call(server, '/', { headers: { host: 'attacker.test' } })).status).toBe(403);
    expect((await post(server, 'hardware:scan', undefined, { origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect(
      (
        await post(server, 'hardware:scan', undefined, {
          host: `localhost:${server.port}`,
          origin: `http://localhost:${server.port}`,
        })
      ).status,
    ).toBe(200);
  });

  it('answers 400 bad-input when dispatch rejects the input', async () => {
    const reply = await post(server, 'settings:set-notes', { psu: { watts: 'lots' } });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('rejects non-JSON, unknown channels, oversized bodies and GET on the API', async () => {
    const text = await call(server, '/api/hardware:scan', {
      method: 'POST',
      headers: { 'x-rig-token': TOKEN, 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
    const garbled = await call(server, '/api/hardware:scan', {
      method: 'POST',
      headers: { 'x-rig-token': TOKEN, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(garbled.status).toBe(400);
    expect((await post(server, 'fs:read-anything', undefined)).status).toBe(404);
    expect((await post(server, 'settings:set-notes', 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await call(server, '/api/hardware:scan', { headers: { 'x-rig-token': TOKEN } })).status).toBe(
      405,
    );
  });

  it('answers 501 unsupported for the desktop-only channels, with what to do instead', async () => {
    const model = await post(server, 'model:import-file', { path: '/models/llama.gguf' });
    expect(model.status).toBe(501);
    expect(JSON.parse(model.body)).toEqual({
      ok: false,
      error: {
        code: 'unsupported',
        message: 'GGUF import needs the desktop app or the CLI: rig-advisor plan --model FILE.gguf',
      },
    });
    const pdf = await post(server, 'report:save-pdf', { html: '<p>plan</p>', suggestedName: 'plan' });
    expect(pdf.status).toBe(501);
    expect(JSON.parse(pdf.body)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    // A browser page may not make the server open a folder dialog on the machine it runs on.
    const dialog = await post(server, 'hardware:open-capture-dialog', undefined);
    expect(dialog.status).toBe(501);
    expect(JSON.parse(dialog.body)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('saves, exports and re-imports a machine over the bridge (the same machine: one row)', async () => {
    const machine = { name: 'Planned', kind: 'planned', gpus: ['rtx-4090'], notes: EMPTY_USER_NOTES };
    const saved = JSON.parse((await post(server, 'machines:save', machine)).body);
    expect(saved).toMatchObject({ ok: true, value: { name: 'Planned' } });
    const text = JSON.parse((await post(server, 'machines:export', { id: saved.value.id })).body).value;
    const imported = JSON.parse((await post(server, 'machines:import', { text })).body);
    expect(imported).toMatchObject({ ok: true, value: { name: 'Planned', gpus: ['rtx-4090'] } });
    const list = JSON.parse((await post(server, 'machines:list', undefined)).body);
    expect(imported.value.id).toBe(saved.value.id);
    expect(list.value.map((m: { id: string }) => m.id)).toEqual([saved.value.id]);
  });

  it('turns a handler crash into a 500 failed result', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await post(server, 'app:info', undefined);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('serves the renderer with the CSP header, content types and an SPA fallback', async () => {
    const index = await call(server, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await call(server, '/assets/app.js');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await call(server, '/some/route')).body).toContain('<title>Rig Advisor</title>');
    expect((await call(server, '/assets/missing.js')).status).toBe(404);
  });

  it('rejects directory traversal in every spelling', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
    ]) {
      const reply = await call(server, path);
      expect(reply.status, path).toBe(400);
      expect(reply.body, path).not.toContain('do not serve');
    }
  });

  it('answers malformed paths with 400 or 404 and keeps serving (none of them may end the process)', async () => {
    const cases: ReadonlyArray<readonly [string, number]> = [
      ['//', 400], // new URL('//', base) threw "Invalid URL"
      ['/index.html/x', 404], // stat: ENOTDIR
      ['/index.html/x.js', 404],
      [`/${'a'.repeat(300)}`, 404], // stat: ENAMETOOLONG
      [`/assets/${'b'.repeat(300)}.js`, 404],
      ['/%00', 400],
      ['/..%2f..%2fetc/passwd', 400],
      ['/%E0%A4%A', 400], // malformed percent-encoding
    ];
    for (const [path, status] of cases) {
      const reply = await rawRequest(server.port, path);
      expect(reply.status, path).toBe(status);
      expect(JSON.parse(reply.body), path).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    const after = await rawRequest(server.port, '/');
    expect(after.status).toBe(200);
    expect(after.body).toContain('<title>Rig Advisor</title>');
  });

  it('streams scan progress as server-sent events', async () => {
    let scan: Promise<Reply> | null = null;
    const frames = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/events?token=${TOKEN}`,
          headers: { host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes(': connected') && !scan) scan = post(server, 'hardware:scan', undefined);
            if (text.includes('event: hardware:scan-progress')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(frames).toContain('data: {"step":"x","done":1,"total":1}');
    expect((await (scan as Promise<Reply> | null))?.status).toBe(200);
  });

  it('compares tokens in constant time without throwing on odd input', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch('short', TOKEN)).toBe(false);
    expect(tokensMatch(undefined, TOKEN)).toBe(false);
    expect(tokensMatch(['a'], TOKEN)).toBe(false);
  });
});

describe('web server with the real handlers, replaying a fixture capture', () => {
  let root: string;
  let server: WebServer;

  beforeAll(async () => {
    root = mkdtempSync(join(os.tmpdir(), 'rig-web-replay-'));
    const handlers = createAppHandlers({
      hardware: createHardwareService({
        replayDir: join(__dirname, '../../fixtures/capture-dirs/dual-rtx-a5000'),
      }),
      settings: openConfSettings(join(root, 'user-data')),
      info: { version: '0.0.0-test', platform: 'linux', shell: 'web' },
    });
    server = await startWebServer({ handlers, staticDir: root, token: TOKEN });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('scans the replayed capture into a profile with both GPUs', async () => {
    const reply = await post(server, 'hardware:scan', undefined);
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body) as { ok: true; value: ScanResult };
    expect(result.value.profile.gpus.map((gpu) => gpu.name)).toEqual([
      'NVIDIA RTX A5000',
      'NVIDIA RTX A5000',
    ]);
    expect(result.value.origin).toMatchObject({ kind: 'capture' });
  });

  it('analyses capture files sent by the renderer, and rejects unknown file names', async () => {
    const ok = await post(server, 'hardware:load-capture', {
      files: { 'nvidia-smi-topo.txt': 'GPU0\tX\n' },
      label: 'x',
    });
    expect(ok.status).toBe(200);
    const smuggled = await post(server, 'hardware:load-capture', {
      files: { '.ssh/id_rsa': 'secret' },
      label: 'x',
    });
    expect(smuggled.status).toBe(400);
  });

  it('reports app info for the web shell', async () => {
    expect(JSON.parse((await post(server, 'app:info', undefined)).body)).toMatchObject({
      ok: true,
      value: { shell: 'web' },
    });
  });
});

describe('web server answers: serialised before the headers, input errors as 400', () => {
  let root: string;
  let server: WebServer;
  const PNG_START = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR';

  beforeAll(async () => {
    root = mkdtempSync(join(os.tmpdir(), 'rig-web-answers-'));
    const real = createAppHandlers({
      hardware: createHardwareService(),
      settings: openConfSettings(join(root, 'user-data')),
      info: { version: '0.0.0-test', platform: 'linux', shell: 'web' },
    });
    const handlers: AppHandlers = {
      ...real,
      // JSON.stringify throws on a BigInt: stands in for an answer too large to serialise.
      'machines:list': async () => [{ id: 1n }] as never,
      'model:import-file': async ({ path }) => {
        throw new ModelImportError('not-gguf', `${path} is not a GGUF file (it starts with ${PNG_START})`);
      },
      'machines:export': async () => {
        throw new UserFacingError('There is no saved machine with id x.');
      },
    };
    server = await startWebServer({ handlers, staticDir: root, token: TOKEN });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 500 with a JSON body, and ends the response, when the answer cannot be serialised', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await rawRequest(server.port, '/api/machines:list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rig-token': TOKEN },
      body: '{}',
    });
    logged.mockRestore();
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect((await post(server, 'settings:get-notes', undefined)).status).toBe(200);
  });

  const expectOneLineBadInput = (reply: Reply): string => {
    expect(reply.status).toBe(400);
    const parsed = JSON.parse(reply.body) as { ok: false; error: { code: string; message: string } };
    expect(parsed).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    // One printable line: no control characters (raw file bytes), nothing unbounded.
    expect(parsed.error.message).not.toMatch(/\p{Cc}/u);
    expect(parsed.error.message.length).toBeLessThanOrEqual(300);
    return parsed.error.message;
  };

  it('answers 400 with a one-line message, not the raw bytes, for a machine file that is not JSON', async () => {
    const message = expectOneLineBadInput(await post(server, 'machines:import', { text: `${PNG_START}xx` }));
    expect(message).toMatch(/^This is not a machine file: it is not valid JSON/);
    expect(message).not.toContain('PNG');
  });

  it('answers 400 with a bounded message for a machine file whose "format" is huge', async () => {
    const text = JSON.stringify({ format: 'z'.repeat(100_000), version: 1 });
    expectOneLineBadInput(await post(server, 'machines:import', { text }));
  });

  it('answers 400 for a model-import error and a handler refusal, with the message on one line', async () => {
    const model = expectOneLineBadInput(await post(server, 'model:import-file', { path: '/m/x.gguf' }));
    expect(model).toMatch(/^\/m\/x\.gguf is not a GGUF file/);
    expect(expectOneLineBadInput(await post(server, 'machines:export', { id: 'x' }))).toBe(
      'There is no saved machine with id x.',
    );
  });
});

describe('web server connection limits', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(os.tmpdir(), 'rig-web-limits-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rig Advisor</title>');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const handlers = () =>
    createAppHandlers({
      hardware: createHardwareService(),
      settings: openConfSettings(join(root, 'user-data')),
      info: { version: '0.0.0-test', platform: 'linux', shell: 'web' },
    });

  it('sets header, request and keep-alive timeouts and a connection cap on the listening server', async () => {
    const server = await startWebServer({ handlers: handlers(), staticDir: root, token: TOKEN });
    try {
      expect(server.limits).toEqual(DEFAULT_LIMITS);
      expect(DEFAULT_LIMITS).toEqual({
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 60_000,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 64,
      });
    } finally {
      await server.close();
    }
  });

  it('drops a connection over the cap and serves again once one closes', async () => {
    const server = await startWebServer({
      handlers: handlers(),
      staticDir: root,
      token: TOKEN,
      limits: { maxConnections: 2 },
    });
    const held = await Promise.all([0, 1].map(() => openIdleSocket(server.port)));
    try {
      expect((await rawRequest(server.port, '/')).status).toBe(0);
      held.pop()?.destroy();
      await vi.waitFor(async () => expect((await rawRequest(server.port, '/')).status).toBe(200));
    } finally {
      held.forEach((socket) => socket.destroy());
      await server.close();
    }
  });
});

function openIdleSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}
