/** Chromium for the end-to-end tests, with every request and console error recorded. */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { launch } from '../../scripts/lib/chromium';

/** A page that remembers what it requested and what went wrong. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL requested. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests to an origin other than the site's. */
  foreign(): string[];
}

/** Opens a fresh context and page on the site, recording requests and errors. */
export async function watchedPage(
  browser: Browser,
  siteUrl: string,
  viewport = { width: 1280, height: 900 }
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const origin = new URL(siteUrl).origin;
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return {
    page,
    context,
    requests,
    errors,
    foreign: () =>
      requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
  };
}

/** Saves a full-page screenshot under test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** Waits until every chart on the page has drawn (prerendered SVG or live chart) and nothing is querying. */
export async function chartsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      // Hydrated (src/routes/+layout.svelte), and showing the figures the URL asks for (see
      // src/app.html) …
      document.documentElement.hasAttribute('data-hydrated') &&
      !document.documentElement.classList.contains('has-query') &&
      !document.querySelector('[aria-busy="true"]') &&
      [...document.querySelectorAll('.chart .plot')].every((p) => p.querySelector('.ssr svg, .live svg')),
    null,
    { timeout: 60_000 }
  );
}

/**
 * Holds back the app's entry scripts, so that the prerendered page is there and nothing listens to
 * it yet (a slow link); returns the function that lets them load. Call before `goto`.
 */
export async function holdBackScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route('**/_app/immutable/entry/**', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
