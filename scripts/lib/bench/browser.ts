/**
 * Browser figures for `npm run bench`: one cold visit of a built site in headless Chromium, timed
 * inside the page (performance.now(), from navigation start).
 *
 * - first chart: the first animation frame whose page holds a drawn chart (a prerendered SVG, or
 *   ECharts' live SVG once the query engine has answered), or the first contentful paint if that
 *   comes later: a chart is not seen before the page is first painted;
 * - DuckDB ready: the `duckdb-ready` mark src/lib/db sets when queries can first run (the site
 *   starts the engine when the browser is idle, or on the first filter);
 * - redraw: from a click on a district filter to the first frame in which every chart shows the
 *   new figures (nothing busy, every chart drawn);
 * - bytes: the encoded (compressed) bytes of every response, by kind.
 */
import type { Browser, Page } from 'playwright-core';

export interface Bytes {
  html: number;
  js: number;
  wasm: number;
  data: number;
  other: number;
}

export interface VisitFigures {
  firstChartMs: number;
  fcpMs: number | null;
  duckdbReadyMs: number;
  /** One per filter change, after the engine is ready. */
  redraws: Redraw[];
  bytes: Bytes;
  /** Bytes received before the first chart was drawn. */
  bytesBeforeChart: Bytes;
}

/** Runs in the page before anything else: notes the first frame that shows a drawn chart. */
const WATCH_FIRST_CHART = `(() => {
  const w = window;
  w.__bench = { firstChart: null };
  const tick = () => {
    const drawn = document.querySelector('.chart .plot .ssr svg, .chart .plot .live svg');
    if (drawn) w.__bench.firstChart = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

function kindOf(url: string): keyof Bytes {
  const path = new URL(url).pathname;
  if (/\.(js|mjs)$/.test(path)) return 'js';
  if (path.endsWith('.wasm')) return 'wasm';
  if (/\.(parquet|json)$/.test(path)) return 'data';
  if (path.endsWith('/') || path.endsWith('.html')) return 'html';
  return 'other';
}

const noBytes = (): Bytes => ({ html: 0, js: 0, wasm: 0, data: 0, other: 0 });

/** One filter change: ms until every chart has redrawn, and whether it ran a query. */
export interface Redraw {
  ms: number;
  /** False when the page answered from the answers it keeps (a view seen before). */
  queried: boolean;
}

/**
 * Clicks the i-th district checkbox; resolves with the ms until every chart has redrawn: the URL
 * has changed, the page shows the views for it (`<html data-views-for>`, src/lib/live.svelte.ts),
 * nothing is busy, and every chart is drawn. A string, not a function: tsx would wrap a
 * function's inner arrows in a helper the page does not have.
 */
const FILTER_CHANGE = `(i) => new Promise((resolve, reject) => {
  const group = [...document.querySelectorAll('fieldset')].find(
    (f) => f.querySelector('legend')?.textContent?.trim() === '区'
  );
  const box = group?.querySelectorAll('input[type="checkbox"]')[i];
  if (!box) return reject(new Error('no district checkbox ' + i));
  const before = location.search;
  const queries = () => performance.getEntriesByName('duckdb-query').length;
  const asked = queries();
  const settled = () =>
    location.search !== before &&
    document.documentElement.dataset.viewsFor === location.search &&
    !document.documentElement.classList.contains('has-query') &&
    !document.querySelector('[aria-busy="true"]') &&
    [...document.querySelectorAll('.chart .plot')].every((p) => p.querySelector('.ssr svg, .live svg'));
  const started = performance.now();
  const giveUp = setTimeout(() => reject(new Error('charts did not redraw within 60 s')), 60000);
  const tick = () => {
    if (settled()) {
      clearTimeout(giveUp);
      // The frame after the DOM settled is the one that paints it.
      requestAnimationFrame(() => resolve({ ms: performance.now() - started, queried: queries() > asked }));
    } else requestAnimationFrame(tick);
  };
  box.click();
  requestAnimationFrame(tick);
})`;

async function timedFilterChange(page: Page, index: number): Promise<Redraw> {
  return (await page.evaluate(`(${FILTER_CHANGE})(${index})`)) as Redraw;
}

/**
 * One cold visit (a new browser context: empty cache) of `url`: waits for the first chart and the
 * engine, then makes `changes` filter changes (district checkboxes, never all unchecked).
 */
export async function visit(browser: Browser, url: string, changes: number): Promise<VisitFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript(WATCH_FIRST_CHART);
  const bytes = noBytes();
  let bytesBeforeChart: Bytes | null = null;
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then(
        (s) => {
          bytes[kindOf(request.url())] += s.responseBodySize + s.responseHeadersSize;
        },
        () => {}
      )
    );
  });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __bench: { firstChart: number | null } }).__bench.firstChart !== null,
      null,
      {
        timeout: 120_000,
        polling: 50
      }
    );
    await Promise.all(pending);
    bytesBeforeChart = { ...bytes };
    const firstChartMs = await page.evaluate(
      () => (window as unknown as { __bench: { firstChart: number } }).__bench.firstChart
    );
    await page.waitForFunction(() => performance.getEntriesByName('duckdb-ready').length > 0, null, {
      timeout: 180_000,
      polling: 100
    });
    const duckdbReadyMs = await page.evaluate(
      () => performance.getEntriesByName('duckdb-ready')[0]?.startTime ?? NaN
    );
    const fcpMs = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
    );
    // Check district 0, then walk: check i+1, uncheck i, … so that one or two stay checked.
    const redraws: Redraw[] = [];
    const districts = await page.locator('fieldset:has(legend:text-is("区")) input[type="checkbox"]').count();
    if (districts < 3) throw new Error(`the site offers ${districts} districts; the benchmark needs 3`);
    await timedFilterChange(page, 0); // the first change of a visit also renders charts out of view
    let on = 0;
    while (redraws.length < changes) {
      const next = (on + 1) % districts;
      redraws.push(await timedFilterChange(page, next));
      if (redraws.length < changes) redraws.push(await timedFilterChange(page, on));
      on = next;
    }
    await Promise.all(pending);
    return {
      firstChartMs: Math.max(firstChartMs, fcpMs ?? 0),
      fcpMs,
      duckdbReadyMs,
      redraws,
      bytes,
      bytesBeforeChart
    };
  } finally {
    await context.close();
  }
}
