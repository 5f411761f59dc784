/**
 * The SQL page cannot hurt the rest: its statements run in a DuckDB of their own (its own worker),
 * cut at 5,000 rows inside the query, stopped at a time limit or by 取消; one at a time; and the
 * other pages' filters answer while a statement runs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chartsSettled, launch, screenshot, watchedPage, type WatchedPage } from './browser';

const site = inject('siteUrl');
/** Never ends, and no LIMIT around it can end it: the count needs every row. */
const ENDLESS = 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t';
let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await Promise.all(opened.map((w) => w.context.close()));
  await browser?.close();
});

async function openSql(search = ''): Promise<WatchedPage> {
  const w = await watchedPage(browser, site);
  opened.push(w);
  await w.page.goto(new URL(`sql/${search}`, site).href, { waitUntil: 'load' });
  await chartsSettled(w.page);
  return w;
}

const runs = (page: Page) =>
  page.evaluate(() => Number(document.querySelector('[data-runs]')?.getAttribute('data-runs')));

/** Waits until more statements than `n` have been answered. */
async function answered(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-runs]')?.getAttribute('data-runs')) > n,
    n,
    { timeout: 90_000 }
  );
}

/** Types a statement and runs it with the button; resolves when it is answered. */
async function runSql(page: Page, sql: string): Promise<void> {
  const n = await runs(page);
  await page.locator('#sql-editor').fill(sql);
  await page.getByRole('button', { name: '执行', exact: true }).click();
  await answered(page, n);
}

/** Types a statement and starts it; resolves once it runs in the SQL page's engine. */
async function startSql(page: Page, sql: string): Promise<number> {
  const n = await runs(page);
  await page.locator('#sql-editor').fill(sql);
  await page.getByRole('button', { name: '执行', exact: true }).click();
  await page.waitForSelector('[data-running="statement"]');
  await page.waitForSelector('.engine-line[data-phase="ready"]', { timeout: 60_000 });
  return n;
}

const cells = (page: Page) =>
  page.$$eval('.datatable tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()))
  );
const status = (page: Page) => page.locator('p[role="status"]', { hasText: '用时' }).innerText();

describe('the SQL page', () => {
  it('cuts a result inside the query: range(10000000000) and an endless WITH RECURSIVE give their first 5,000 rows', async () => {
    const { page, errors } = await openSql();
    const started = Date.now();
    await runSql(page, 'SELECT * FROM range(10000000000)');
    expect(await status(page)).toContain('结果超过 5,000 行，只取出并显示前 5,000 行');
    expect((await cells(page)).slice(0, 2)).toEqual([['0'], ['1']]);
    await runSql(page, 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t');
    expect(await status(page)).toContain('结果超过 5,000 行');
    expect((await cells(page))[0]).toEqual(['1']);
    // Neither was materialised (ten billion rows; rows without end): both answered well within
    // the time limit, engine start included.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await page.locator('.alert').count()).toBe(0);
    // The count is asked for, not taken: it runs the whole statement.
    await runSql(page, 'SELECT * FROM range(7000)');
    expect(await status(page)).toContain('结果超过 5,000 行');
    await page.getByRole('button', { name: '统计总行数' }).click();
    await expect.poll(() => status(page)).toContain('共 7,000 行，显示前 5,000 行');
    await screenshot(page, 'sql-cut');
    expect(errors).toEqual([]);
  });

  it('stops a statement at the time limit, says so in Chinese, and starts the engine again for the next', async () => {
    const { page, errors } = await openSql('?timeout=3');
    expect(await page.locator('#sql-hint').innerText()).toContain('每条语句最长 3 秒');
    const n = await startSql(page, ENDLESS);
    const running = Date.now();
    await answered(page, n);
    const took = Date.now() - running;
    const alert = page.locator('.alert[data-kind="stopped"]');
    expect(await alert.innerText()).toContain('已停止：语句执行超过 3 秒的时限');
    expect(await alert.innerText()).toContain('查询引擎已停止，下次执行时重新启动');
    expect(await page.locator('.engine-line').innerText()).toContain('已停止');
    expect(took).toBeGreaterThanOrEqual(2_500);
    expect(took).toBeLessThan(25_000);
    expect(await page.locator('.datatable').count()).toBe(0);
    await runSql(page, 'SELECT count(*) FROM projects');
    expect(await cells(page)).toEqual([['41']]);
    await screenshot(page, 'sql-time-limit');
    expect(errors).toEqual([]);
  });

  it('cancels a running statement with 取消; Ctrl+Enter while one runs starts no other', async () => {
    const { page, errors } = await openSql('?timeout=300');
    const n = await runs(page);
    await page.locator('#sql-editor').fill(ENDLESS);
    await page.locator('#sql-editor').press('Control+Enter');
    await page.waitForSelector('[data-running="statement"]');
    const button = page.locator('.run button.primary');
    expect(await button.innerText()).toBe('执行中…');
    expect(await button.isDisabled()).toBe(true);
    await page.locator('#sql-editor').press('Control+Enter');
    await page.waitForSelector('.engine-line[data-phase="ready"]', { timeout: 60_000 });
    await page.locator('#sql-editor').press('Control+Enter');
    // Still the one statement: nothing answered, nothing refused.
    expect(await runs(page)).toBe(n);
    await screenshot(page, 'sql-running');
    await page.getByRole('button', { name: '取消' }).click();
    await answered(page, n);
    expect(await runs(page)).toBe(n + 1);
    expect(await page.locator('.alert').count()).toBe(1);
    expect(await page.locator('.alert[data-kind="stopped"]').innerText()).toContain('已取消。查询引擎已停止');
    expect(await page.getByRole('button', { name: '取消' }).count()).toBe(0);
    expect(await button.innerText()).toBe('执行');
    // The next statement starts the engine again.
    await runSql(page, 'SELECT count(*) FROM projects');
    expect(await cells(page)).toEqual([['41']]);
    expect(await page.locator('.alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('leaves the other pages’ filters answering while a statement runs', async () => {
    const { page, errors, foreign } = await openSql('?timeout=300');
    await startSql(page, ENDLESS);
    // To 总览 in the same tab (the app navigates; the statement keeps running), and filter there.
    await page.getByRole('link', { name: '总览', exact: true }).click();
    await page.waitForURL((u) => u.pathname === new URL(site).pathname);
    await chartsSettled(page);
    await page.getByRole('checkbox', { name: '松江区' }).check();
    await page.waitForURL(/district=/);
    await chartsSettled(page);
    await expect.poll(() => page.locator('.kpi .value').first().innerText()).toContain('7,288.28');
    expect(await page.locator('[data-cell]').allInnerTexts()).toEqual(['3,917.67', '3,370.61']);
    await expect.poll(() => page.locator('.engine').innerText()).toContain('就绪');
    // Back on the SQL page the statement is still running, and 取消 still reaches it.
    await page.getByRole('link', { name: 'SQL', exact: true }).click();
    await page.waitForURL(/\/sql\//);
    expect(await page.locator('.run button.primary').innerText()).toBe('执行中…');
    const n = await runs(page);
    await page.getByRole('button', { name: '取消' }).click();
    await answered(page, n);
    expect(await page.locator('.alert[data-kind="stopped"]').innerText()).toContain('已取消');
    expect(errors).toEqual([]);
    expect(foreign()).toEqual([]);
  });

  it('starts no engine of the pages’ own: the SQL page’s is the only one there', async () => {
    const { page } = await openSql();
    await runSql(page, 'SELECT count(*) FROM projects');
    expect(await cells(page)).toEqual([['41']]);
    expect(page.workers().filter((w) => w.url().includes('duckdb-browser')).length).toBe(1);
    // The header's badge is the pages' engine, not loaded here.
    expect(await page.locator('.engine').getAttribute('data-phase')).toBe('idle');
  });
});
