/**
 * Hostile requests against the web bridge, sent raw: odd methods, broken framing, huge headers, bad
 * JSON, wrong content types, token and origin games. Each must get a clean refusal (a 4xx, or the
 * connection closed for requests HTTP itself rejects), and the server must still answer afterwards.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppHandlers } from '../main/ipc/handlers';
import { openConfSettings } from '../main/store/conf-settings';
import { createHardwareService } from '../probe/hardware-service';
import { rawRequest, sendRaw, type RawReply, type RawRequest } from '../../test/support/raw-http';
import { startWebServer, type WebServer } from './server';

const TOKEN = 'hostile-test-token-0123456789';
const JSON_POST = { 'content-type': 'application/json', 'x-rig-token': TOKEN } as const;
/** The server closed the connection without an answer. */
const CLOSED = 0;

interface HostileCase {
  readonly name: string;
  /** A request built from parts, or bytes sent as they are (`halfClose`: our side ends after them). */
  readonly send:
    | { readonly path: string; readonly request?: RawRequest }
    | { readonly raw: (port: number) => string; readonly halfClose?: boolean };
  readonly status: readonly number[];
}

const post = (body: string | Buffer, headers: Record<string, string> = JSON_POST): RawRequest => ({
  method: 'POST',
  headers,
  body,
});

const CASES: readonly HostileCase[] = [
  { name: 'PUT /', send: { path: '/', request: { method: 'PUT' } }, status: [405] },
  { name: 'TRACE /', send: { path: '/', request: { method: 'TRACE' } }, status: [405] },
  { name: 'PROPFIND /', send: { path: '/', request: { method: 'PROPFIND' } }, status: [405] },
  {
    name: 'DELETE on the API',
    send: { path: '/api/machines:list', request: { method: 'DELETE', headers: JSON_POST } },
    status: [405],
  },
  { name: 'OPTIONS *', send: { path: '*', request: { method: 'OPTIONS' } }, status: [400, 405] },
  {
    name: 'CONNECT',
    send: { raw: (port) => `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n` },
    status: [CLOSED],
  },
  {
    name: 'lower-case method',
    send: { raw: (port) => `get / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n` },
    status: [400],
  },
  {
    name: 'HTTP/2.0 in the request line',
    send: { raw: (port) => `GET / HTTP/2.0\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n` },
    // Node's parser reads it as HTTP/1 framing; answering it like any GET is harmless.
    status: [200, 400, 505],
  },
  {
    name: 'absolute-form target',
    send: {
      raw: (port) =>
        `GET http://127.0.0.1:${port}/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    },
    status: [400],
  },
  {
    name: 'HTTP/1.1 without Host',
    send: { raw: () => 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n' },
    status: [400],
  },
  {
    name: 'HTTP/1.0 without Host',
    send: { raw: () => 'GET / HTTP/1.0\r\n\r\n' },
    status: [403],
  },
  {
    name: 'one 20 KiB header',
    send: { path: '/', request: { headers: { 'x-big': 'a'.repeat(20_480) } } },
    status: [431],
  },
  {
    name: '400 small headers over 16 KiB in all',
    send: {
      path: '/',
      request: {
        headers: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`x-h${i}`, 'v'.repeat(40)])),
      },
    },
    status: [431],
  },
  { name: 'a 15 KiB path', send: { path: `/${'p'.repeat(15_000)}` }, status: [404, 414, 431] },
  {
    name: 'control character in a header value',
    send: {
      raw: (port) =>
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-A: a\u0001b\r\nConnection: close\r\n\r\n`,
    },
    status: [400],
  },
  {
    name: 'space in a header name',
    send: {
      raw: (port) =>
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nBad Header: x\r\nConnection: close\r\n\r\n`,
    },
    status: [400],
  },
  {
    name: 'Content-Length that is not a number',
    send: { path: '/api/machines:list', request: post('{}', { ...JSON_POST, 'content-length': 'abc' }) },
    status: [400],
  },
  {
    name: 'Content-Length and Transfer-Encoding both (smuggling)',
    send: {
      raw: (port) =>
        `POST /api/machines:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Rig-Token: ${TOKEN}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
    },
    status: [400],
  },
  {
    name: 'a chunk size that is not hex',
    send: {
      raw: (port) =>
        `POST /api/machines:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Rig-Token: ${TOKEN}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    },
    status: [400],
  },
  {
    name: 'Content-Length of 2^50 bytes',
    send: {
      path: '/api/machines:list',
      request: post('{}', { ...JSON_POST, 'content-length': String(2 ** 50) }),
    },
    status: [413],
  },
  {
    name: 'body cut short, client gives up',
    send: {
      raw: (port) =>
        `POST /api/machines:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Rig-Token: ${TOKEN}\r\nContent-Length: 100\r\n\r\n{"in`,
      halfClose: true,
    },
    status: [CLOSED, 400],
  },
  { name: 'truncated JSON', send: { path: '/api/machines:list', request: post('{"input":') }, status: [400] },
  { name: 'JSON null', send: { path: '/api/machines:list', request: post('null') }, status: [400] },
  { name: 'JSON array', send: { path: '/api/machines:list', request: post('[]') }, status: [400] },
  { name: 'JSON string', send: { path: '/api/machines:list', request: post('"x"') }, status: [400] },
  {
    name: '100 000 nested arrays',
    send: { path: '/api/machines:list', request: post('['.repeat(100_000)) },
    status: [400],
  },
  {
    name: 'invalid UTF-8 as the body',
    send: { path: '/api/machines:list', request: post(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])) },
    status: [400],
  },
  {
    name: 'wrong input type for a channel',
    send: { path: '/api/settings:set-notes', request: post('{"input":{"psu":{"watts":[[[]]]}}}') },
    status: [400],
  },
  {
    name: '__proto__ in the input',
    send: { path: '/api/settings:set-notes', request: post('{"input":{"__proto__":{"polluted":true}}}') },
    status: [200, 400],
  },
  {
    name: 'text/plain body (a CORS "simple" request)',
    send: { path: '/api/machines:list', request: post('{}', { ...JSON_POST, 'content-type': 'text/plain' }) },
    status: [415],
  },
  {
    name: 'no content type',
    send: { path: '/api/machines:list', request: post('{}', { 'x-rig-token': TOKEN }) },
    status: [415],
  },
  {
    name: 'application/jsonp is not JSON',
    send: {
      path: '/api/machines:list',
      request: post('{}', { ...JSON_POST, 'content-type': 'application/jsonp' }),
    },
    status: [415],
  },
  {
    name: 'token in the query instead of the header',
    send: {
      path: `/api/machines:list?token=${TOKEN}`,
      request: post('{}', { 'content-type': 'application/json' }),
    },
    status: [403],
  },
  {
    name: 'Origin: null',
    send: { path: '/api/machines:list', request: post('{}', { ...JSON_POST, origin: 'null' }) },
    status: [403],
  },
  {
    name: 'Host with the right port but another name',
    send: { path: '/', request: { headers: { host: '127.0.0.2' } } },
    status: [403],
  },
  { name: 'channel named __proto__', send: { path: '/api/__proto__', request: post('{}') }, status: [404] },
  { name: 'channel with %00', send: { path: '/api/machines:list%00', request: post('{}') }, status: [404] },
  { name: 'POST on the event stream', send: { path: '/api/events', request: post('{}') }, status: [405] },
  {
    name: 'event stream with a 4 KiB token',
    send: { path: `/api/events?token=${'t'.repeat(4096)}` },
    status: [403],
  },
  { name: 'backslash traversal', send: { path: '/assets\\..\\..\\secret.txt' }, status: [400] },
  { name: 'overlong UTF-8 dot-dot', send: { path: '/%c0%ae%c0%ae/secret.txt' }, status: [400] },
];

const send = (port: number, item: HostileCase): Promise<RawReply> =>
  'raw' in item.send
    ? sendRaw(port, item.send.raw(port), item.send.halfClose)
    : rawRequest(port, item.send.path, item.send.request);

describe('web server under hostile requests', () => {
  let root: string;
  let server: WebServer;

  beforeAll(async () => {
    root = mkdtempSync(join(os.tmpdir(), 'rig-web-hostile-'));
    const staticDir = join(root, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Rig Advisor</title>');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    const handlers = createAppHandlers({
      hardware: createHardwareService(),
      settings: openConfSettings(join(root, 'user-data')),
      info: { version: '0.0.0-test', platform: 'linux', shell: 'web' },
    });
    server = await startWebServer({ handlers, staticDir, token: TOKEN, maxBodyBytes: 1024 * 1024 });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it(`refuses all ${CASES.length} cleanly and keeps serving`, async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const outcomes: string[] = [];
    for (const item of CASES) {
      const reply = await send(server.port, item).catch((error: Error) => ({
        status: -1,
        body: error.message,
      }));
      const clean = item.status.includes(reply.status);
      outcomes.push(`${clean ? 'ok' : 'UNEXPECTED'} ${reply.status} ${item.name}`);
      if (reply.status >= 400) expect(reply.body, item.name).not.toContain('do not serve');
    }
    logged.mockRestore();
    expect(outcomes.filter((line) => !line.startsWith('ok '))).toEqual([]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await rawRequest(server.port, '/')).status).toBe(200);
  });
});
