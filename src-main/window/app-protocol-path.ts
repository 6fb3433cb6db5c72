/** Maps an app:// request to a file under the renderer folder, refusing anything that escapes it. */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-protocol-constants';

/** The file to serve, or the HTTP status to answer with. */
export type AppRequestTarget = { kind: 'file'; file: string; mime: string } | { kind: 'refuse'; status: 403 | 404 };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file name (unknown types are served as bytes). */
export function mimeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a request URL against `root`. Encoded traversal (`%2e%2e`, `%2f`, backslashes, NUL) is refused,
 * and a path that resolves outside root is refused; `/` means index.html.
 */
export function resolveAppRequest(rawUrl: string, root: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refuse', status: 404 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refuse', status: 403 };
  return resolveUnder(url.pathname, root);
}

/** Resolves a URL path (still percent-encoded) under root; shared with browser mode's static server. */
export function resolveUnder(encodedPath: string, root: string): AppRequestTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return { kind: 'refuse', status: 404 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refuse', status: 403 };
  if (decoded.split('/').some((part) => part === '..')) return { kind: 'refuse', status: 403 };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const absoluteRoot = path.resolve(root);
  const file = path.resolve(absoluteRoot, relative);
  if (file !== absoluteRoot && !file.startsWith(absoluteRoot + path.sep)) return { kind: 'refuse', status: 403 };
  return { kind: 'file', file, mime: mimeFor(file) };
}
