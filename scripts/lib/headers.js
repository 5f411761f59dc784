// The HTTP headers the built site is served with (scripts/serve.js), as pure functions of a file's
// path, kind and text, so that the choice is tested as plain data (tests/unit/scripts/headers.test.ts)
// and the README's nginx configuration can say the same thing.

/**
 * The policy of every script the site starts as a Web Worker (DuckDB's workers, the import worker).
 * A worker is not under its page's <meta> CSP: its policy is the one its own script is served
 * with. They load their code and data (DuckDB's wasm, pdf.js's character maps) from the site and
 * compile WebAssembly; they fetch nothing from anywhere else.
 */
export const WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

/**
 * Added to a page's own policy: a <meta> CSP cannot say who may frame the page, so the header
 * says it (nobody).
 */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";

/**
 * For an HTML file that carries no <meta> CSP (every page the build writes carries one, so this is
 * a mistake): nothing from anywhere, not even its own inline scripts, rather than no policy.
 */
export const FALLBACK_PAGE_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'";

/** Where an asset's name carries its content's hash: it never changes, so it is cached for a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (pages, data, favicon): kept, but asked again (ETag, Last-Modified) before each use. */
export const REVALIDATE_CACHE = 'no-cache';

const ENTITIES = /** @type {Record<string, string>} */ ({
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>'
});

/**
 * The policy of a page's `<meta http-equiv="content-security-policy" content="…">` (SvelteKit
 * writes it, with the hashes of that page's inline scripts), or null when it has none.
 * @param {string} html
 * @returns {string | null}
 */
export function metaCsp(html) {
  for (const tag of html.matchAll(/<meta\b[^>]*>/gi)) {
    const text = tag[0];
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>/]/i.test(text)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(text);
    const value = content?.[1] ?? content?.[2];
    if (value === undefined) continue;
    return value.replace(/&(?:amp|quot|#39|#x27|lt|gt);/g, (e) => ENTITIES[e] ?? e).trim();
  }
  return null;
}

/**
 * What a response is, for its headers: an HTML page, a script (which may be started as a worker),
 * or anything else.
 * @param {string} file the file's path or name
 * @returns {'page' | 'script' | 'other'}
 */
export function kindOf(file) {
  if (/\.html?$/i.test(file)) return 'page';
  if (/\.m?js$/i.test(file)) return 'script';
  return 'other';
}

/**
 * The security headers of a response. A page gets its own <meta> policy (`pageCsp`, read from the
 * file) with `frame-ancestors 'none'` added. Every script gets the worker policy: a browser applies
 * a script's CSP header only when the script is a worker's (a script a page loads is under the
 * page's policy), so this covers every worker the site starts, DuckDB's under
 * `_app/immutable/assets/` and the import worker under `_app/immutable/workers/`, without a list
 * of their hashed names to keep in step with the build.
 * @param {'page' | 'script' | 'other'} kind
 * @param {string | null} [pageCsp] a page's own policy (from `metaCsp`)
 * @returns {Record<string, string>}
 */
export function securityHeaders(kind, pageCsp = null) {
  /** @type {Record<string, string>} */
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (kind === 'page') {
    const own = (pageCsp ?? FALLBACK_PAGE_CSP).replace(/;\s*$/, '');
    headers['content-security-policy'] = `${own}; ${FRAME_ANCESTORS}`;
    // For browsers that do not know frame-ancestors.
    headers['x-frame-options'] = 'DENY';
  } else if (kind === 'script') headers['content-security-policy'] = WORKER_CSP;
  return headers;
}

/**
 * How long a file may be kept: a year for `_app/immutable/` (hashed names), revalidated otherwise.
 * @param {string} rel the path under the site's root, starting with `/`
 */
export function cacheControl(rel) {
  return rel.startsWith('/_app/immutable/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE;
}

/**
 * The byte range a `Range` header asks of a file of `size` bytes: `{ start, end }` (inclusive), or
 * 'unsatisfiable' (answered 416), or null when the whole file is sent instead (no header, another
 * unit, several ranges, a malformed value: RFC 9110 lets a server ignore those).
 * @param {string | undefined} header
 * @param {number} size
 * @returns {{ start: number, end: number } | 'unsatisfiable' | null}
 */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return null;
  if (from === '') {
    // The last `to` bytes.
    const length = Number(to);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== '' && Number(to) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * A strong ETag for one representation of a file (its size and modification time, and the
 * encoding of a precompressed copy).
 * @param {{ size: number, mtimeMs: number }} stat
 * @param {string} [encoding] 'br' or 'gzip' for a precompressed copy
 */
export function etagOf(stat, encoding = '') {
  const tag = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
  return `"${encoding ? `${tag}-${encoding}` : tag}"`;
}

/**
 * Whether an `If-None-Match` header names this ETag (weak comparison, as RFC 9110 asks for it).
 * @param {string | undefined} header
 * @param {string} etag
 */
export function matchesEtag(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (/** @type {string} */ t) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

/**
 * Whether a `Range` may be honoured under its `If-Range` header: none, the file's own (strong)
 * ETag, or exactly its Last-Modified date. Otherwise the file changed since the client's first
 * part, and the whole file is sent.
 * @param {string | undefined} header
 * @param {string} etag the identity representation's ETag
 * @param {string} lastModified its Last-Modified header
 */
export function ifRangeHolds(header, etag, lastModified) {
  if (!header) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  return value === lastModified;
}

/**
 * The body of an nginx `map $uri $page_csp { … }`: each page's own policy by the path nginx serves
 * it under (its `index.html`, under the site's base path), for `add_header Content-Security-Policy
 * "$page_csp; frame-ancestors 'none'"`. A page's hashes differ from every other's, so no one line
 * can say them all; the map is written from the build (scripts/csp-map.js).
 * @param {{ path: string, csp: string | null }[]} pages `path`: the HTML file under the build folder, e.g. `funding/index.html`
 * @param {string} [base] the base path the site is published under (e.g. `/budget`)
 * @returns {string}
 */
export function nginxCspMap(pages, base = '') {
  const prefix = base.replace(/\/$/, '');
  const quote = (/** @type {string} */ s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const lines = [`default ${quote(FALLBACK_PAGE_CSP)};`];
  for (const p of [...pages].sort((a, b) => a.path.localeCompare(b.path)))
    lines.push(
      `${quote(`${prefix}/${p.path.split(/[\\/]/).join('/')}`)} ${quote(p.csp ?? FALLBACK_PAGE_CSP)};`
    );
  return `${lines.join('\n')}\n`;
}
