// Serves the built site (build/) on 127.0.0.1, under BASE_PATH if set. Sends the precompressed
// .br or .gz beside a file when the browser accepts it; never sends anything outside build/.
// Usage: node scripts/serve.js [--dir build] [--port 4173] [--host 127.0.0.1]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';

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
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('<!doctype html><meta charset="utf-8"><title>404</title><p>页面不存在</p>');
      return;
    }
    const type = MIME[/** @type {keyof typeof MIME} */ (path.extname(file))] ?? 'application/octet-stream';
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let send = file;
    /** @type {Record<string, string>} */
    const headers = { 'content-type': type, vary: 'accept-encoding', 'x-content-type-options': 'nosniff' };
    if (/\bbr\b/.test(accepts) && existsSync(`${file}.br`)) {
      send = `${file}.br`;
      headers['content-encoding'] = 'br';
    } else if (/\bgzip\b/.test(accepts) && existsSync(`${file}.gz`)) {
      send = `${file}.gz`;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(statSync(send).size);
    headers['cache-control'] = rel.includes('/_app/immutable/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
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
