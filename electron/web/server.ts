/**
 * The loopback web server behind `npm run web`: serves the built renderer and bridges `AppApi`
 * calls to the same handlers Electron uses, through the same `dispatch`. Plain `node:http`,
 * bound to 127.0.0.1, guarded by a per-run token, a Host check (DNS rebinding) and a strict CSP.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { IPC_EVENTS, type IpcErrorCode, type IpcResult, type ScanProgress } from '@shared/ipc/contract';
import { dispatch, isIpcChannel, type AppHandlers, type HandlerContext } from '../main/ipc/dispatch';
import { trackInputErrors } from './input-errors';
import { answerUnexpected, oneLineMessage, refuse, SECURITY_HEADERS, sendJson } from './responses';
import { serveStatic } from './static-files';

export { CONTENT_SECURITY_POLICY } from './responses';

/** Largest request body, bytes (a capture is a few MB; the contract caps each file at 8 MiB). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
export const TOKEN_HEADER = 'x-rig-token';

export interface ServerLimits {
  /** Time a client gets to send its request headers, ms (slowloris). */
  readonly headersTimeoutMs: number;
  /** Time a client gets to send its whole request, body included, ms. */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, ms. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; further ones are dropped on arrival. */
  readonly maxConnections: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  // A 20 MiB body over loopback takes well under a second; a minute leaves room for a slow machine.
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  // A browser opens about 6 connections per host, plus one event stream per tab: room for many tabs.
  maxConnections: 64,
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
  /** DEFAULT_LIMITS unless overridden (tests use small ones). */
  readonly limits?: Partial<ServerLimits>;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** As read back from the listening server. */
  readonly limits: ServerLimits;
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
    // A client gone mid-body never sends 'end'; settle so the request's memory is let go. (No-op after 'end'.)
    req.on('close', () => reject(new BodyError(400, 'the request body was cut short')));
  });
}

/** `application/json`, with or without parameters; not `application/jsonp` or `text/plain`. */
const isJsonContentType = (header: string | undefined): boolean =>
  (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/** The result as sent: status from its code, its message on one line; an input failure is a 400. */
function answerResult(
  res: ServerResponse,
  result: IpcResult<unknown>,
  inputProblem: string | undefined,
): void {
  if (result.ok) return sendJson(res, 200, result);
  if (result.error.code === 'failed' && inputProblem !== undefined)
    return refuse(res, 400, 'bad-input', inputProblem);
  refuse(res, STATUS_BY_CODE[result.error.code], result.error.code, oneLineMessage(result.error.message));
}

function applyLimits(server: Server, limits: ServerLimits): ServerLimits {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return {
    headersTimeoutMs: server.headersTimeout,
    requestTimeoutMs: server.requestTimeout,
    keepAliveTimeoutMs: server.keepAliveTimeout,
    maxConnections: server.maxConnections,
  };
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const staticRoot = resolve(options.staticDir);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const tracked = trackInputErrors(options.handlers);
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
    if (!isJsonContentType(req.headers['content-type']))
      return refuse(res, 415, 'bad-input', 'send application/json');
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
    // A fresh context per request: the tracker keys this request's input failure on it.
    const ctx: HandlerContext = { emitProgress };
    const result = await dispatch(tracked.handlers, channel, (body as { input?: unknown }).input, ctx);
    answerResult(res, result, tracked.messageFor(ctx));
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    if (req.method !== 'GET') return refuse(res, 405, 'bad-input', 'use GET');
    if (!tokensMatch(query.get('token'), token))
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

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? ''))
      return refuse(res, 403, 'forbidden', 'unexpected Host header');
    // Split by hand: new URL() throws on targets such as `//`.
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
    if (rawPath === '/api/events')
      return handleEvents(req, res, new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1)));
    if (rawPath.startsWith('/api/')) return handleApi(req, res, rawPath.slice('/api/'.length));
    serveStatic(req, res, staticRoot, rawPath);
  };

  // No request may end the process: whatever a handler throws becomes a 500 (or a dropped connection).
  const server = createServer(
    (req, res) => void route(req, res).catch((error) => answerUnexpected(res, error)),
  );
  const limits = applyLimits(server, { ...DEFAULT_LIMITS, ...options.limits });

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
    limits,
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
