/**
 * The built renderer, served read-only from one folder. A path is decoded once and checked for
 * traversal; the file lookup turns every failure into an answer (a name too long, a file used as a
 * folder: 404), never into a throw, so no path can end the process.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { refuse, SECURITY_HEADERS } from './responses';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

/**
 * The decoded path, or null when it is not origin-form (`*`, `http://…`), is badly percent-encoded,
 * or holds a NUL, a `..` segment or an empty segment (`//`).
 */
export function decodeStaticPath(rawPath: string): string | null {
  if (!rawPath.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split(/[\\/]/).slice(1);
  // A trailing slash leaves one empty last segment; an empty one anywhere else is `//`.
  if (decoded.includes('\0') || segments.includes('..') || segments.slice(0, -1).includes('')) return null;
  return decoded;
}

type Lookup = { readonly kind: 'file'; readonly size: number } | { readonly kind: 'none' | 'unusable' };

function lookUp(file: string): Lookup {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    // A folder is no file to serve: a client-side route, like a missing path.
    return stat?.isFile() ? { kind: 'file', size: stat.size } : { kind: 'none' };
  } catch {
    // ENOTDIR (a file used as a folder), ENAMETOOLONG, ELOOP, EACCES: there is no such page.
    return { kind: 'unusable' };
  }
}

type Choice = { readonly file: string; readonly size: number } | { readonly status: 400 | 404 | 500 };

/** The file to send for a decoded path, or the status that says why there is none. */
function chooseFile(root: string, decoded: string): Choice {
  const file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return { status: 400 };
  const found = lookUp(file);
  if (found.kind === 'file') return { file, size: found.size };
  // A missing asset or an unusable path → 404; any other path is a client-side route → index.html.
  if (found.kind === 'unusable' || extname(decoded) !== '') return { status: 404 };
  const index = resolve(root, 'index.html');
  const page = lookUp(index);
  return page.kind === 'file' ? { file: index, size: page.size } : { status: 500 };
}

const REFUSALS = {
  400: ['bad-input', 'bad path'],
  404: ['bad-input', 'not found'],
  500: ['failed', 'the renderer is not built: run npm run build'],
} as const;

export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, rawPath: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'bad-input', 'use GET');
  const decoded = decodeStaticPath(rawPath);
  const choice = decoded === null ? ({ status: 400 } as const) : chooseFile(root, decoded);
  if ('status' in choice) {
    const [code, message] = REFUSALS[choice.status];
    return refuse(res, choice.status, code, message);
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extname(choice.file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': choice.size,
    'cache-control': rawPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  // A file gone or unreadable between stat and open: drop this answer, keep the server.
  createReadStream(choice.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
