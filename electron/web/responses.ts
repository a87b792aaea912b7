/**
 * How the web bridge writes its answers: the security headers on every one, the body serialised
 * before the headers go out (a body that cannot be serialised still gets a clean 500, not a response
 * that never ends), and error messages cut to one printable line.
 */
import type { ServerResponse } from 'node:http';
import type { IpcErrorCode, IpcResult } from '@shared/ipc/contract';

/** Same policy as the `<meta>` in renderer/index.html; Mantine injects `<style>` tags, hence inline styles only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Longest error message sent back, in characters: a sentence and a file name, never a file's contents. */
export const MAX_MESSAGE_CHARS = 300;

// V8's JSON.parse message quotes the bytes around the fault: Unexpected token 'x', "\x89PNG…"... is not valid JSON.
const V8_JSON_SNIPPET = /Unexpected token '[\s\S]*?', (?:\.\.\.)?"[\s\S]*?"(?:\.\.\.)? is not valid JSON/g;
// Control and format characters (line breaks, NUL, bidi overrides) and U+FFFD (what undecodable bytes became).
const UNPRINTABLE = /[\p{C}\uFFFD]+/gu;

/** `text` as one printable line of at most MAX_MESSAGE_CHARS, without the file bytes V8 quotes. */
export function oneLineMessage(text: string): string {
  const line = text
    .replace(V8_JSON_SNIPPET, 'unexpected character')
    .replace(UNPRINTABLE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...line];
  return chars.length <= MAX_MESSAGE_CHARS ? line : `${chars.slice(0, MAX_MESSAGE_CHARS - 1).join('')}…`;
}

const UNSERIALISABLE: IpcResult<never> = {
  ok: false,
  error: { code: 'failed', message: 'the answer could not be serialised' },
};

/** Serialises first: once `writeHead` has run, a throw would leave the client waiting for ever. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    console.error('[web] could not serialise an answer:', error instanceof Error ? error.message : error);
    status = 500;
    text = JSON.stringify(UNSERIALISABLE);
  }
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function refuse(res: ServerResponse, status: number, code: IpcErrorCode, message: string): void {
  sendJson(res, status, {
    ok: false,
    error: { code, message: oneLineMessage(message) },
  } satisfies IpcResult<never>);
}

/** The last resort for a throw no handler expected: a short 500, or a dropped connection mid-answer. */
export function answerUnexpected(res: ServerResponse, error: unknown): void {
  console.error('[web] request failed:', error);
  try {
    if (!res.headersSent) return refuse(res, 500, 'failed', 'internal error');
  } catch {
    // Nothing more to say to this client; the process must carry on.
  }
  res.destroy();
}
