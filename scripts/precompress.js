// After `vite build`: writes a brotli (.br) and a gzip (.gz) file beside every compressible file of
// the built site, so that a static server (scripts/serve.js, nginx's gzip_static/brotli_static, …)
// never sends the 34 MB DuckDB wasm or the scripts raw to a browser that accepts compression.
// A compressed copy is kept only when it is at least 5% smaller than the original. Files over 256 KB
// are compressed once per content (cached by SHA-256 in node_modules/.cache/precompress): brotli's
// best quality takes seconds on the DuckDB workers, and minutes on the wasm, which therefore gets
// quality 9 with a 16 MB window (5.9 MB instead of 5.2 MB at quality 11; gzip: 7.7 MB).
// Run by scripts/build.js after vite build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.wasm',
  '.csv',
  '.txt',
  '.md',
  '.xml',
  '.parquet'
]);
/** Above this size brotli runs at quality 9 with a 16 MB window (seconds, not minutes, for the wasm). */
const LARGE = 2 * 1024 * 1024;
/** Files above this size are compressed once per content and cached. */
const CACHED = 256 * 1024;
const CACHE = path.resolve('node_modules/.cache/precompress');

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (COMPRESSIBLE.has(path.extname(entry.name))) out.push(p);
  }
  return out;
}

/** @param {Buffer} data */
function brotliOptions(data) {
  const C = zlib.constants;
  const large = data.length > LARGE;
  return {
    params: {
      [C.BROTLI_PARAM_QUALITY]: large ? 9 : C.BROTLI_MAX_QUALITY,
      [C.BROTLI_PARAM_LGWIN]: large ? 24 : 22,
      [C.BROTLI_PARAM_SIZE_HINT]: data.length
    }
  };
}

/**
 * The two compressed forms of `data`, from the cache when it holds them.
 * @param {Buffer} data
 * @returns {Promise<{ br: Buffer, gz: Buffer, cached: boolean }>}
 */
async function compress(data) {
  const cacheable = data.length > CACHED;
  const key = cacheable ? createHash('sha256').update(data).digest('hex') : '';
  const br = path.join(CACHE, `${key}.br`);
  const gz = path.join(CACHE, `${key}.gz`);
  if (cacheable && existsSync(br) && existsSync(gz))
    return { br: readFileSync(br), gz: readFileSync(gz), cached: true };
  const [b, g] = await Promise.all([brotli(data, brotliOptions(data)), gzip(data, { level: 9 })]);
  if (cacheable) {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(br, b);
    writeFileSync(gz, g);
  }
  return { br: b, gz: g, cached: false };
}

/**
 * Compresses every compressible file under `dir`; returns what it wrote.
 * @param {string} dir
 */
export async function precompress(dir) {
  const files = filesUnder(dir);
  let raw = 0;
  let sentBr = 0;
  let written = 0;
  let cached = 0;
  // zlib's async calls run on libuv's thread pool: a few at a time keep both cores busy.
  const queue = [...files];
  async function work() {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const data = readFileSync(file);
      const out = await compress(data);
      if (out.cached) cached++;
      raw += data.length;
      sentBr += Math.min(data.length, out.br.length);
      for (const [ext, buf] of /** @type {const} */ ([
        ['.br', out.br],
        ['.gz', out.gz]
      ])) {
        const target = `${file}${ext}`;
        if (buf.length <= data.length * 0.95) {
          writeFileSync(target, buf);
          written++;
        } else rmSync(target, { force: true });
      }
    }
  }
  await Promise.all([work(), work(), work()]);
  return { files: files.length, written, cached, raw, sentBr };
}
