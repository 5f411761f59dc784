/**
 * A public site fed by hostile documents: every page carries a CSP (in a <meta> and, from
 * scripts/serve.js, as a header with frame-ancestors; workers get theirs), data is never run as HTML or
 * SQL (a source whose names are <script>/<img onerror> payloads and SQL fragments shows them as
 * text), CSV exports defuse formulas, and no contact name or phone number is published.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WORKER_CSP, metaCsp } from '../../scripts/lib/headers.js';
import { chartsSettled, launch, screenshot, watchedPage, type WatchedPage } from './browser';

const site = inject('siteUrl');
const hostileSite = inject('hostileSiteUrl');
const PAYLOAD = '<img src=x onerror=alert(1)>';
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page of the hostile site with a trap for any script a payload could run. */
async function openHostile(pathname: string): Promise<WatchedPage> {
  const w = await watchedPage(browser, hostileSite);
  pages.push(w);
  await w.page.addInitScript(() => {
    const w = window as unknown as { __pwned: string[] };
    w.__pwned = [];
    window.alert = (m?: unknown) => void w.__pwned.push(String(m));
  });
  await w.page.goto(new URL(pathname, hostileSite).href, { waitUntil: 'load' });
  await chartsSettled(w.page);
  return w;
}

async function expectNothingRan(w: WatchedPage): Promise<void> {
  const page: Page = w.page;
  expect(await page.evaluate(() => (window as unknown as { __pwned: string[] }).__pwned)).toEqual([]);
  // No element a payload would have created, and no request it would have made.
  expect(await page.locator('main img, main iframe, main script, main svg[onload]').count()).toBe(0);
  expect(w.requests.filter((u) => /\/x$|javascript:|evil\.example/.test(u))).toEqual([]);
  expect(w.foreign()).toEqual([]);
}

describe('Content-Security-Policy', () => {
  it('is on every prerendered page, strict: self only, wasm compilation but no eval', () => {
    const html = listFiles('build').filter((f) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThan(45);
    for (const f of html) {
      const text = readFileSync(f, 'utf8');
      const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(text)?.[1] ?? '';
      expect(csp, f).toContain("default-src 'self'");
      expect(csp, f).toContain("'wasm-unsafe-eval'");
      expect(csp, f).not.toMatch(/'unsafe-eval'/);
      expect(csp, f).not.toMatch(/https?:|\*/);
    }
  });

  it('lets the query engine run under it (no violation, filters apply)', async () => {
    const w = await watchedPage(browser, site);
    pages.push(w);
    const violations: string[] = [];
    await w.page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await w.page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`
        )
      )
    );
    await w.page.goto(new URL('execution/?year=2021', site).href, { waitUntil: 'load' });
    await chartsSettled(w.page);
    await expect.poll(() => w.page.locator('.engine').innerText()).toContain('就绪');
    expect(violations).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});

describe('headers of scripts/serve.js', () => {
  it('give every page its own <meta> policy as a header, with frame-ancestors', async () => {
    const html = listFiles('build').filter((f) => f.endsWith('.html'));
    for (const f of html) {
      const meta = metaCsp(readFileSync(f, 'utf8'));
      const rel = path.relative('build', f).replace(/(^|\/)index\.html$/, '$1');
      const r = await fetch(new URL(rel, site));
      expect(r.status, rel).toBe(200);
      expect(r.headers.get('content-security-policy'), rel).toBe(`${meta}; frame-ancestors 'none'`);
      expect(r.headers.get('x-content-type-options'), rel).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), rel).toBe('no-referrer');
      expect(r.headers.get('cache-control'), rel).toBe('no-cache');
      await r.arrayBuffer();
    }
  });

  it('give DuckDB’s workers and the import worker the worker policy, cached for a year', async () => {
    const workers = listFiles('build/_app/immutable').filter(
      (f) => /duckdb-browser-\w+\.worker\.[\w-]+\.js$/.test(f) || /\/workers\/[^/]+\.js$/.test(f)
    );
    expect(workers.map((f) => path.basename(f).replace(/[.-][\w-]{8}\.js$/, ''))).toEqual(
      expect.arrayContaining(['duckdb-browser-eh.worker', 'duckdb-browser-mvp.worker', 'import.worker'])
    );
    for (const f of workers) {
      const r = await fetch(new URL(path.relative('build', f), site));
      expect(r.headers.get('content-security-policy'), f).toBe(WORKER_CSP);
      expect(r.headers.get('cache-control'), f).toBe('public, max-age=31536000, immutable');
      await r.arrayBuffer();
    }
  });

  it('serve a part of a Parquet file (206), and the whole file precompressed', async () => {
    const file = readFileSync('build/data/indicators.parquet');
    const tail = await fetch(new URL('data/indicators.parquet', site), { headers: { range: 'bytes=-8' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${file.length - 8}-${file.length - 1}/${file.length}`
    );
    // A Parquet file ends with its footer's length and the magic number.
    expect(Buffer.from(await tail.arrayBuffer()).equals(file.subarray(file.length - 8))).toBe(true);
    expect(file.subarray(file.length - 4).toString()).toBe('PAR1');
    const whole = await fetch(new URL('data/indicators.parquet', site), {
      headers: { 'accept-encoding': 'br' }
    });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-encoding')).toBe('br');
    expect(Buffer.from(await whole.arrayBuffer()).equals(file)).toBe(true);
  });

  it('keep the site out of frames', async () => {
    const w = await watchedPage(browser, site);
    pages.push(w);
    await w.page.setContent(`<iframe src="${site}"></iframe>`);
    await expect.poll(() => w.page.frames().map((f) => f.url())).toContain('chrome-error://chromewebdata/');
    await expect
      .poll(() => w.errors.join('\n'))
      .toContain(`violates the following Content Security Policy directive: "frame-ancestors 'none'"`);
  });

  it('let the workers fetch from the site only, whatever runs in them', async () => {
    const w = await watchedPage(browser, site);
    pages.push(w);
    // Another origin that answers (the hostile build's server, on another port).
    const elsewhere = new URL('data/report.json', hostileSite).href;
    const own = new URL('data/report.json', site).href;
    const tryFetching = (worker: Worker) =>
      worker.evaluate(
        async ([elsewhere, own]) => {
          const violations: string[] = [];
          self.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
          const attempt = (url: string) =>
            fetch(url, { mode: 'no-cors' }).then(
              () => 'fetched',
              () => 'blocked'
            );
          const result = { own: await attempt(own), elsewhere: await attempt(elsewhere) };
          // The violation is reported in a task of its own.
          for (let i = 0; i < 100 && !violations.length; i++) await new Promise((r) => setTimeout(r, 20));
          return { ...result, violations };
        },
        [elsewhere, own] as const
      );
    const expected = { own: 'fetched', elsewhere: 'blocked', violations: ['connect-src'] };
    // The import worker starts with the first file.
    await w.page.goto(new URL('import/', site).href, { waitUntil: 'load' });
    await chartsSettled(w.page);
    await w.page.setInputFiles('#import-files', 'data/raw/004_604980d765fad65f.txt');
    await expect
      .poll(() => w.page.locator('article[data-file] [data-count="projects"]').textContent())
      .toBe('7');
    const importWorker = w.page.workers().find((x) => /\/workers\/import\.worker/.test(x.url()));
    if (!importWorker) throw new Error('the import worker did not start');
    expect(await tryFetching(importWorker)).toEqual(expected);
    // DuckDB's, on the SQL page.
    await w.page.goto(new URL('sql/', site).href, { waitUntil: 'load' });
    await chartsSettled(w.page);
    await expect.poll(() => w.page.locator('.engine-line').getAttribute('data-phase')).toBe('ready');
    const duckdbWorker = w.page.workers().find((x) => x.url().includes('duckdb-browser'));
    if (!duckdbWorker) throw new Error('DuckDB’s worker did not start');
    expect(await tryFetching(duckdbWorker)).toEqual(expected);
  });
});

describe('hostile source documents', () => {
  it('the project page shows every payload as text', async () => {
    const w = await openHostile('execution/');
    await w.page.getByRole('link', { name: PAYLOAD }).first().click();
    await w.page.waitForURL(/\/project\//);
    await chartsSettled(w.page);
    expect(await w.page.locator('h1').innerText()).toContain(PAYLOAD);
    const text = await w.page.locator('main').innerText();
    for (const t of [
      "'); DROP TABLE projects; --",
      '<script>alert(2)</script>',
      '<iframe src="javascript:alert(5)"></iframe>',
      '<svg onload=alert(6)></svg>',
      '=HYPERLINK("http://evil.example","点我")',
      "@SUM(1+1)*cmd|' /C calc'!A0"
    ])
      expect(text).toContain(t);
    await expectNothingRan(w);
    await screenshot(w.page, 'hostile-project');
  });

  it.each(['', 'funding/', 'execution/', 'indicators/', 'compare/', 'audit/', 'data/'])(
    '%s shows payloads as text and runs nothing',
    async (p) => {
      const w = await openHostile(p);
      // Pages that list projects or indicators by name show the payloads; the others show figures only.
      if (['funding/', 'execution/', 'indicators/', 'compare/'].includes(p))
        expect(await w.page.locator('main').innerText()).toMatch(
          /<img src=x onerror=alert\(1\)>|<script>alert\(2\)<\/script>|DROP TABLE/
        );
      await expectNothingRan(w);
    }
  );

  it('chart tooltips show a hostile name as text', async () => {
    const w = await openHostile('execution/');
    const plot = w.page.locator('.chart .plot').first();
    await w.page.waitForFunction(() => document.querySelector('.chart .live svg'));
    const box = await plot.boundingBox();
    if (!box) throw new Error('no chart');
    const seen = new Set<string>();
    for (let y = box.y + 10; y < box.y + box.height - 10; y += 12) {
      await w.page.mouse.move(box.x + box.width * 0.5, y);
      const tip = await w.page.evaluate(() =>
        [...document.querySelectorAll('div')]
          .filter(
            (d) =>
              d.style.position === 'absolute' && d.style.zIndex === '9999999' && d.style.display !== 'none'
          )
          .map((d) => d.innerText)
          .join('\n')
      );
      if (tip) seen.add(tip);
    }
    const all = [...seen].join('\n');
    expect(all).toContain(PAYLOAD);
    await expectNothingRan(w);
    await screenshot(w.page, 'hostile-tooltip');
  });

  it('CSV exports defuse cells a spreadsheet would run as formulas', async () => {
    const w = await openHostile('indicators/');
    const [download] = await Promise.all([
      w.page.waitForEvent('download'),
      w.page.getByRole('button', { name: '导出 CSV' }).click()
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8').slice(1);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    const names = rows.map((r) => r['三级指标']);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(names).toContain('<script>alert(2)</script>');
    expect(rows.map((r) => r['偏差原因分析及改进措施'])).toContain(`'@SUM(1+1)*cmd|' /C calc'!A0`);
    const res = await fetch(new URL('downloads/indicators.csv', hostileSite));
    const published = await res.text();
    expect(published).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(published).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('a SQL fragment typed in the search box is a value, not SQL', async () => {
    const w = await openHostile(`audit/?q=${encodeURIComponent("'); DROP TABLE projects; --")}`);
    await expect
      .poll(() => w.page.locator('.datatable').first().innerText())
      .toContain('当前筛选条件下没有审计发现');
    await w.page.getByPlaceholder('搜索项目名称或主管部门').fill('onerror');
    await chartsSettled(w.page);
    await expect.poll(() => w.page.locator('.datatable tbody').first().innerText()).toContain(PAYLOAD);
    await expectNothingRan(w);
  });
});

describe('personal data', () => {
  const SECRETS = [
    '瞿文佳',
    '54135092',
    '15618532550',
    '汤帅',
    '54135061',
    '潘晓鸣',
    '骆俊怡',
    '64120013',
    '54135064',
    '陈晓蕾',
    '54135067',
    '陈红蕾',
    '54135097',
    '武狄',
    '54135093',
    '张志权'
  ];

  it('appears in no file of the published site: pages, data, Parquet, CSV, report', () => {
    for (const dir of ['build', 'build-hostile'])
      for (const f of listFiles(dir)) {
        if (/\.(wasm|br|gz|png)$/.test(f)) continue;
        const text = readFileSync(f).toString('utf8');
        for (const s of SECRETS) expect(text.includes(s), `${f} contains ${s}`).toBe(false);
      }
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
