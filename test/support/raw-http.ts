/**
 * Raw HTTP/1.1 over a socket, for the web server's tests: `fetch` and `http.request` normalise or
 * refuse the very requests an attacker sends (`//`, bad percent-encoding, odd methods, huge headers).
 */
import { connect } from 'node:net';

export interface RawReply {
  /** 0 when the server closed the connection without answering. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A hang guard, not a timing assertion: a request left unanswered this long fails the test. */
export const HANG_GUARD_MS = 5000;

function parseReply(raw: string): RawReply {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = split < 0 ? '' : raw.slice(split + 4);
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body };
}

/**
 * Sends `bytes` exactly as given and reads until the server closes the connection. `halfClose` ends
 * our side right after, as a client that gives up mid-body does.
 */
export function sendRaw(port: number, bytes: string | Buffer, halfClose = false): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${HANG_GUARD_MS} ms`));
    }, HANG_GUARD_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after (or instead of) the answer still ends the exchange.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve(parseReply(Buffer.concat(chunks).toString('latin1')));
    });
    if (halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** One request with `Connection: close`, the path sent byte for byte as written. */
export function rawRequest(port: number, path: string, request: RawRequest = {}): Promise<RawReply> {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    ...(body === undefined ? {} : { 'content-length': String(body.length) }),
    ...request.headers,
  };
  const head = [
    `${request.method ?? 'GET'} ${path} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  return sendRaw(port, Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]));
}
