// Serves the built site (build/) on 127.0.0.1, under BASE_PATH if set. Sends the precompressed
// .br or .gz beside a file when the browser accepts it, and parts of a file (HTTP Range, 206) from
// the file itself; never sends anything outside build/. Security and cache headers come from
// scripts/lib/headers.js: each page's own CSP (from its <meta>) with frame-ancestors 'none', a
// worker policy on scripts, nosniff and no-referrer on everything.
// Usage: node scripts/serve.js [--dir build] [--port 4173] [--host 127.0.0.1]
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  cacheControl,
  etagOf,
  ifRangeHolds,
  kindOf,
  matchesEtag,
  metaCsp,
  parseRange,
  securityHeaders
} from './lib/headers.js';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2'
};

/** A page's own CSP, read from its file once per version of the file. */
/** @type {Map<string, { key: string, csp: string | null }>} */
const pagePolicies = new Map();

/**
 * @param {string} file
 * @param {import('node:fs').Stats} stat
 * @returns {string | null}
 */
function pagePolicy(file, stat) {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const known = pagePolicies.get(file);
  if (known?.key === key) return known.csp;
  const csp = metaCsp(readFileSync(file, 'utf8'));
  pagePolicies.set(file, { key, csp });
  return csp;
}

/**
 * Starts the server; resolves with its URL.
 * @param {{ dir?: string, port?: number, host?: string, base?: string, quiet?: boolean }} [opts]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve({
  dir = 'build',
  port = 4173,
  host = '127.0.0.1',
  base = process.env.BASE_PATH ?? '',
  quiet = false
} = {}) {
  const root = path.resolve(dir);
  const prefix = base.replace(/\/$/, '');
  const server = createServer((req, res) => {
    // Headers every answer carries, an error or a redirect as much as a file.
    for (const [k, v] of Object.entries(securityHeaders('other'))) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (prefix && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (prefix && pathname === prefix) {
      res.writeHead(301, { location: `${prefix}/${url.search}` }).end();
      return;
    }
    const rel = pathname.slice(prefix.length);
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/${url.search}` }).end();
        return;
      }
      file = path.join(file, 'index.html');
    } else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file) || !statSync(file).isFile()) {
      const notFound = path.join(root, '404.html');
      const found = existsSync(notFound);
      const policy = found ? pagePolicy(notFound, statSync(notFound)) : "default-src 'none'";
      res.writeHead(404, {
        'content-type': 'text/html; charset=utf-8',
        ...securityHeaders('page', policy)
      });
      if (found) createReadStream(notFound).pipe(res);
      else res.end('<!doctype html><meta charset="utf-8"><title>404</title><p>页面不存在</p>');
      return;
    }
    const stat = statSync(file);
    const kind = kindOf(file);
    const lastModified = stat.mtime.toUTCString();
    /** @type {Record<string, string>} */
    const headers = {
      'content-type':
        MIME[/** @type {keyof typeof MIME} */ (path.extname(file))] ?? 'application/octet-stream',
      vary: 'accept-encoding',
      'accept-ranges': 'bytes',
      'cache-control': cacheControl(rel),
      'last-modified': lastModified,
      ...securityHeaders(kind, kind === 'page' ? pagePolicy(file, stat) : null)
    };
    const identityTag = etagOf(stat);
    // A part of the file (Parquet read by its footer and row groups): always from the file itself,
    // since byte offsets mean nothing in a compressed copy.
    const range = ifRangeHolds(header(req, 'if-range'), identityTag, lastModified)
      ? parseRange(header(req, 'range'), stat.size)
      : null;
    if (range === 'unsatisfiable') {
      res
        .writeHead(416, { ...headers, 'content-range': `bytes */${stat.size}`, 'content-length': '0' })
        .end();
      return;
    }
    if (range) {
      headers.etag = identityTag;
      headers['content-range'] = `bytes ${range.start}-${range.end}/${stat.size}`;
      headers['content-length'] = String(range.end - range.start + 1);
      res.writeHead(206, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file, { start: range.start, end: range.end }).pipe(res);
      return;
    }
    // The whole file: its precompressed copy when the browser takes it.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let send = file;
    let encoding = '';
    if (/\bbr\b/.test(accepts) && existsSync(`${file}.br`)) [send, encoding] = [`${file}.br`, 'br'];
    else if (/\bgzip\b/.test(accepts) && existsSync(`${file}.gz`)) [send, encoding] = [`${file}.gz`, 'gzip'];
    if (encoding) headers['content-encoding'] = encoding;
    const sent = send === file ? stat : statSync(send);
    headers.etag = etagOf(stat, encoding);
    const ifNoneMatch = header(req, 'if-none-match');
    const ifModifiedSince = header(req, 'if-modified-since');
    if (
      ifNoneMatch
        ? matchesEtag(ifNoneMatch, headers.etag)
        : ifModifiedSince !== undefined &&
          Date.parse(ifModifiedSince) >= Math.floor(stat.mtimeMs / 1000) * 1000
    ) {
      const { 'content-type': _type, ...kept } = headers;
      res.writeHead(304, kept).end();
      return;
    }
    headers['content-length'] = String(sent.size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(send).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      const url = `http://${host}:${actual}${prefix}/`;
      if (!quiet) console.log(`预算绩效看板：${url}`);
      resolve({ url, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/**
 * A request header as one string (undefined when absent).
 * @param {import('node:http').IncomingMessage} req
 * @param {string} name
 */
function header(req, name) {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'build' },
      port: { type: 'string', default: '4173' },
      host: { type: 'string', default: '127.0.0.1' }
    }
  });
  serve({ dir: values.dir, port: Number(values.port), host: values.host }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
