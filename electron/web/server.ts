/**
 * The loopback web server behind `npm run web`: serves the built renderer and bridges `AppApi`
 * calls to the same handlers Electron uses, through the same `dispatch`. Plain `node:http`,
 * bound to 127.0.0.1, guarded by a per-run token, a Host check (DNS rebinding) and a strict CSP.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { IPC_EVENTS, type IpcErrorCode, type IpcResult, type ScanProgress } from '@shared/ipc/contract';
import { dispatch, isIpcChannel, type AppHandlers } from '../main/ipc/dispatch';

/** Same policy as the `<meta>` in renderer/index.html; Mantine injects `<style>` tags, hence inline styles only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Largest request body, bytes (a capture is a few MB; the contract caps each file at 8 MiB). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
export const TOKEN_HEADER = 'x-rig-token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface WebServerOptions {
  readonly handlers: AppHandlers;
  /** Folder of the built renderer (`out/renderer`). */
  readonly staticDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random one otherwise. */
  readonly token?: string;
  readonly maxBodyBytes?: number;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal and hides the token's length. */
export function tokensMatch(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, code: IpcErrorCode, message: string) =>
  sendJson(res, status, { ok: false, error: { code, message } } satisfies IpcResult<never>);

// `unsupported` (PDF, GGUF import: desktop only) is 501 Not Implemented; the body says what to do instead.
const STATUS_BY_CODE = {
  'bad-input': 400,
  forbidden: 403,
  failed: 500,
  unsupported: 501,
} as const satisfies Record<IpcErrorCode, number>;

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyError(413, `request body over ${limit} bytes`));
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyError(413, `request body over ${limit} bytes`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const staticRoot = resolve(options.staticDir);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const eventClients = new Set<ServerResponse>();
  let allowedHosts: ReadonlySet<string> = new Set();

  const emitProgress = (progress: ScanProgress): void => {
    const frame = `event: ${IPC_EVENTS.scanProgress}\ndata: ${JSON.stringify(progress)}\n\n`;
    for (const client of eventClients) client.write(frame);
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') return refuse(res, 405, 'bad-input', 'use POST');
    if (!tokensMatch(req.headers[TOKEN_HEADER], token))
      return refuse(res, 403, 'forbidden', 'missing or wrong token');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return refuse(res, 403, 'forbidden', 'cross-origin request');
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return refuse(res, 415, 'bad-input', 'send application/json');
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, limit));
    } catch (error) {
      if (error instanceof BodyError) {
        res.setHeader('connection', 'close');
        return refuse(res, error.status, 'bad-input', error.message);
      }
      return refuse(res, 400, 'bad-input', 'the body is not valid JSON');
    }
    if (!isIpcChannel(channel)) return refuse(res, 404, 'bad-input', `unknown channel ${channel}`);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return refuse(res, 400, 'bad-input', 'the body must be {"input": …}');
    }
    const result = await dispatch(options.handlers, channel, (body as { input?: unknown }).input, {
      emitProgress,
    });
    sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    if (req.method !== 'GET') return refuse(res, 405, 'bad-input', 'use GET');
    if (!tokensMatch(url.searchParams.get('token'), token))
      return refuse(res, 403, 'forbidden', 'missing or wrong token');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    eventClients.add(res);
    req.on('close', () => eventClients.delete(res));
  };

  const handleStatic = (req: IncomingMessage, res: ServerResponse, rawPath: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'bad-input', 'use GET');
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return refuse(res, 400, 'bad-input', 'bad path');
    }
    if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..'))
      return refuse(res, 400, 'bad-input', 'bad path');
    let file = resolve(staticRoot, `.${decoded}`);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep))
      return refuse(res, 400, 'bad-input', 'bad path');
    let stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      // Missing asset → 404; any other path is a client-side route → index.html.
      if (extname(decoded) !== '') return refuse(res, 404, 'bad-input', 'not found');
      file = resolve(staticRoot, 'index.html');
      stat = statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) return refuse(res, 500, 'failed', 'the renderer is not built: run npm run build');
    }
    const immutable = decoded.startsWith('/assets/');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? ''))
      return refuse(res, 403, 'forbidden', 'unexpected Host header');
    const rawPath = (req.url ?? '/').split('?')[0] as string;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (rawPath === '/api/events') return handleEvents(req, res, url);
    if (rawPath.startsWith('/api/')) {
      handleApi(req, res, rawPath.slice('/api/'.length)).catch((error: unknown) => {
        console.error('[web] request failed:', error);
        if (!res.headersSent) refuse(res, 500, 'failed', 'internal error');
      });
      return;
    }
    handleStatic(req, res, rawPath);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const heartbeat = setInterval(
    () => eventClients.forEach((client) => client.write(': keep-alive\n\n')),
    20_000,
  );
  heartbeat.unref();

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        clearInterval(heartbeat);
        for (const client of eventClients) client.end();
        eventClients.clear();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
