/**
 * The headers the built site is served with: the pure choice (scripts/lib/headers.js) as plain
 * data, then scripts/serve.js over a small folder: a page's own CSP with frame-ancestors, the
 * worker policy on scripts, cache headers, ranges from the file itself and precompressed copies for
 * the whole file, revalidation.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FALLBACK_PAGE_CSP,
  WORKER_CSP,
  cacheControl,
  etagOf,
  ifRangeHolds,
  kindOf,
  matchesEtag,
  metaCsp,
  nginxCspMap,
  parseRange,
  securityHeaders
} from '../../../scripts/lib/headers.js';
import { serve } from '../../../scripts/serve.js';
import { tempDir } from '../../helpers/tmp';

const PAGE_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-A8iIQyG+8otOXGcFwxVsKabCKfao2L+GU+XHtueDalA='; style-src 'self' 'unsafe-inline'";

describe('metaCsp', () => {
  it('reads the policy of the page’s <meta http-equiv="content-security-policy">', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="content-security-policy" content="${PAGE_POLICY}"><title>x</title></head></html>`;
    expect(metaCsp(html)).toBe(PAGE_POLICY);
  });

  it('decodes entities, takes either quote, and ignores other http-equiv tags', () => {
    expect(
      metaCsp(
        `<meta http-equiv="refresh" content="0"><META HTTP-EQUIV='Content-Security-Policy' CONTENT='default-src &#39;self&#39;'>`
      )
    ).toBe("default-src 'self'");
    expect(metaCsp('<meta http-equiv="content-security-policy" content="default-src &amp;quot;">')).toBe(
      'default-src &quot;'
    );
  });

  it('is null for a page without one', () => {
    expect(metaCsp('<meta http-equiv="refresh" content="0"><p>x</p>')).toBeNull();
  });
});

describe('securityHeaders', () => {
  it('gives a page its own policy with frame-ancestors added', () => {
    expect(securityHeaders('page', `${PAGE_POLICY};`)).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `${PAGE_POLICY}; frame-ancestors 'none'`,
      'x-frame-options': 'DENY'
    });
  });

  it('gives a page without a <meta> policy a strict one rather than none', () => {
    expect(securityHeaders('page', null)['content-security-policy']).toBe(
      `${FALLBACK_PAGE_CSP}; frame-ancestors 'none'`
    );
    expect(FALLBACK_PAGE_CSP).not.toContain('unsafe');
  });

  it('gives every script the worker policy: self only, wasm compilation, no eval', () => {
    expect(securityHeaders('script')).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy':
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
    });
    expect(WORKER_CSP).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });

  it('gives anything else nosniff and no-referrer only', () => {
    expect(securityHeaders('other')).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer'
    });
  });
});

describe('kindOf and cacheControl', () => {
  it.each([
    ['/index.html', 'page'],
    ['/sql/index.html', 'page'],
    ['/_app/immutable/assets/duckdb-browser-eh.worker.hQa-dcAV.js', 'script'],
    ['/_app/immutable/workers/import.worker-CkzsVCsa.js', 'script'],
    ['/_app/immutable/entry/start.mjs', 'script'],
    ['/data/projects.parquet', 'other'],
    ['/_app/immutable/assets/duckdb-eh.9ubY-jlA.wasm', 'other'],
    ['/favicon.svg', 'other']
  ])('%s is a %s', (file, kind) => {
    expect(kindOf(file)).toBe(kind);
  });

  it('keeps hashed assets for a year and revalidates the rest', () => {
    expect(cacheControl('/_app/immutable/workers/import.worker-CkzsVCsa.js')).toBe(
      'public, max-age=31536000, immutable'
    );
    expect(cacheControl('/_app/version.json')).toBe('no-cache');
    expect(cacheControl('/data/projects.parquet')).toBe('no-cache');
    expect(cacheControl('/index.html')).toBe('no-cache');
    // Only at the root: a page whose path mentions it is not an asset.
    expect(cacheControl('/project/_app/immutable/x.js')).toBe('no-cache');
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-8', 1000, { start: 992, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=990-2000', 1000, { start: 990, end: 999 }],
    ['bytes = 5 - 5', 1000, { start: 5, end: 5 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=0-0', 0, 'unsatisfiable'],
    ['bytes=-1', 0, 'unsatisfiable'],
    [undefined, 1000, null],
    ['bytes=0-1,5-6', 1000, null],
    ['items=0-1', 1000, null],
    ['bytes=9-3', 1000, null],
    ['bytes=-', 1000, null],
    ['bytes=x-1', 1000, null]
  ] as const)('%s of %i bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('ETags', () => {
  const stat = { size: 18981, mtimeMs: 1796445636000.5 };

  it('differ per representation, and If-None-Match compares weakly', () => {
    expect(etagOf(stat)).toBe('"4a25-1a2448105a0"');
    expect(etagOf(stat, 'br')).toBe('"4a25-1a2448105a0-br"');
    expect(matchesEtag('"4a25-1a2448105a0-br"', etagOf(stat, 'br'))).toBe(true);
    expect(matchesEtag('W/"x", W/"4a25-1a2448105a0"', etagOf(stat))).toBe(true);
    expect(matchesEtag('"4a25-1a2448105a0"', etagOf(stat, 'br'))).toBe(false);
    expect(matchesEtag('*', etagOf(stat))).toBe(true);
    expect(matchesEtag(undefined, etagOf(stat))).toBe(false);
  });

  it('If-Range holds for the same ETag (strong) or the same date only', () => {
    const date = 'Sat, 05 Dec 2026 04:40:36 GMT';
    expect(ifRangeHolds(undefined, '"a"', date)).toBe(true);
    expect(ifRangeHolds('"a"', '"a"', date)).toBe(true);
    expect(ifRangeHolds('W/"a"', '"a"', date)).toBe(false);
    expect(ifRangeHolds('"b"', '"a"', date)).toBe(false);
    expect(ifRangeHolds(date, '"a"', date)).toBe(true);
    expect(ifRangeHolds('Fri, 04 Dec 2026 04:40:36 GMT', '"a"', date)).toBe(false);
  });
});

describe('nginxCspMap', () => {
  it('maps each page, by the path nginx serves it under, to its own policy', () => {
    const map = nginxCspMap(
      [
        { path: 'sql/index.html', csp: "default-src 'self'; script-src 'self' 'sha256-b'" },
        { path: 'index.html', csp: "default-src 'self'; script-src 'self' 'sha256-a'" },
        { path: 'broken.html', csp: null }
      ],
      '/budget/'
    );
    expect(map.split('\n')).toEqual([
      `default "${FALLBACK_PAGE_CSP}";`,
      `"/budget/broken.html" "${FALLBACK_PAGE_CSP}";`,
      `"/budget/index.html" "default-src 'self'; script-src 'self' 'sha256-a'";`,
      `"/budget/sql/index.html" "default-src 'self'; script-src 'self' 'sha256-b'";`,
      ''
    ]);
  });

  it('escapes what nginx would read as the end of a string', () => {
    expect(nginxCspMap([{ path: 'a\\b.html', csp: 'x "y" \\z' }])).toContain(
      '"/a/b.html" "x \\"y\\" \\\\z";'
    );
  });
});

describe('scripts/serve.js', () => {
  let site: { url: string; close: () => Promise<void> };
  const parquet = Buffer.from(Array.from({ length: 4096 }, (_, i) => `${i % 10}`).join(''));
  const page = `<!doctype html><meta http-equiv="content-security-policy" content="${PAGE_POLICY}"><p>总览</p>`;

  beforeAll(async () => {
    const dir = tempDir('serve');
    mkdirSync(path.join(dir, 'data'));
    mkdirSync(path.join(dir, '_app/immutable/workers'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), page);
    writeFileSync(path.join(dir, 'data/projects.parquet'), parquet);
    writeFileSync(path.join(dir, 'data/projects.parquet.br'), brotliCompressSync(parquet));
    writeFileSync(path.join(dir, 'data/projects.parquet.gz'), gzipSync(parquet));
    writeFileSync(
      path.join(dir, '_app/immutable/workers/import.worker-abc.js'),
      'self.onmessage = () => {};'
    );
    const when = new Date('2026-12-05T04:40:36Z');
    utimesSync(path.join(dir, 'data/projects.parquet'), when, when);
    site = await serve({ dir, port: 0, quiet: true, base: '' });
  });
  afterAll(() => site.close());

  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(new URL(p, site.url), { headers: { 'accept-encoding': 'identity', ...headers } });

  it('sends a page with its own CSP plus frame-ancestors, nosniff and no-referrer', async () => {
    const r = await get('');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(`${PAGE_POLICY}; frame-ancestors 'none'`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toBe(page);
  });

  it('sends a worker script with the worker policy, cached for a year', async () => {
    const r = await get('_app/immutable/workers/import.worker-abc.js');
    expect(r.headers.get('content-security-policy')).toBe(WORKER_CSP);
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends a part of a file from the file itself (206), whatever the browser accepts', async () => {
    const r = await get('data/projects.parquet', { range: 'bytes=-8', 'accept-encoding': 'br, gzip' });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 4088-4095/4096');
    expect(r.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await r.arrayBuffer()).toString()).toBe(parquet.subarray(4088).toString());
    const middle = await get('data/projects.parquet', { range: 'bytes=10-19' });
    expect(middle.status).toBe(206);
    expect(await middle.text()).toBe('0123456789');
    const past = await get('data/projects.parquet', { range: 'bytes=5000-' });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */4096');
  });

  it('sends the whole file precompressed, and the whole file again when If-Range no longer holds', async () => {
    const br = await fetch(new URL('data/projects.parquet', site.url), {
      headers: { 'accept-encoding': 'br' }
    });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await br.arrayBuffer()).equals(parquet)).toBe(true);
    const stale = await get('data/projects.parquet', { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(4096);
    const whole = await get('data/projects.parquet');
    const fresh = await get('data/projects.parquet', {
      range: 'bytes=0-9',
      'if-range': whole.headers.get('etag') as string
    });
    expect(fresh.status).toBe(206);
  });

  it('answers a revalidation with 304 for the representation the browser holds', async () => {
    const first = await get('data/projects.parquet', { 'accept-encoding': 'gzip' });
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/-gzip"$/);
    expect(
      (await get('data/projects.parquet', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status
    ).toBe(304);
    // The identity copy is another representation.
    expect((await get('data/projects.parquet', { 'if-none-match': etag })).status).toBe(200);
    expect(
      (await get('data/projects.parquet', { 'if-modified-since': 'Sat, 05 Dec 2026 04:40:36 GMT' })).status
    ).toBe(304);
  });

  it('puts the security headers on errors too', async () => {
    const r = await get('nope/');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const escape = await get('%2e%2e/%2e%2e/etc/passwd');
    expect([403, 404]).toContain(escape.status);
    expect(escape.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
