/**
 * Bodies of several cities, and what the ingest refused, in Chromium against build-hostile/, whose
 * data hold the seeds (上海市's districts and 市级), 临江县水利局's self-evaluation in the national
 * template (no city known), 成都市医疗保障局's target declaration (another 市级) and minutes of a
 * meeting, which the ingest refuses (tests/helpers/elsewhere.ts); and the seeds-only build, whose
 * one city keeps its district labels.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chartsSettled, launch, screenshot, watchedPage, type WatchedPage } from './browser';

const seedsSite = inject('siteUrl');
const citiesSite = inject('hostileSiteUrl');
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  // Across every test: no request to another origin, no console error.
  const foreign = pages.flatMap((p) => p.foreign());
  const errors = pages.flatMap((p) => p.errors);
  await browser?.close();
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

async function open(site: string, path: string): Promise<Page> {
  const w = await watchedPage(browser, site);
  pages.push(w);
  await w.page.goto(new URL(path, site).href, { waitUntil: 'load' });
  await chartsSettled(w.page);
  return w.page;
}

/** The filter bar's district choices, as labelled. */
const districtChoices = (page: Page) =>
  page
    .locator('form.filters fieldset', { has: page.locator('legend', { hasText: /^区$/ }) })
    .locator('label')
    .allInnerTexts();

/** A chart by its title. */
const chart = (page: Page, title: string) =>
  page.locator('figure.chart', { has: page.locator('h3', { hasText: title }) });

/** The texts a chart draws (legend, axes), live or prerendered. */
const chartTexts = (page: Page, title: string) =>
  chart(page, title)
    .locator('.plot svg text')
    .evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));

/** The rows of a chart's table view, each as its cells' texts. */
const chartRows = (page: Page, title: string) =>
  chart(page, title)
    .locator('.table-wrap tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))
    );

const SHANGHAI = '上海市·市级';
const CHENGDU = '成都市·市级';

describe('what the ingest refused', () => {
  it('数据 lists it with its reason, above the report of what was published', async () => {
    const page = await open(citiesSite, 'data/');
    const refused = page.locator('section.refused');
    const text = await refused.innerText();
    expect(text).toContain('未能导入（1 项）');
    expect(text).toContain(
      'zz_meeting_minutes.md:4: 无法识别表格类型：未找到“绩效目标申报表”或“绩效自评表”的标题'
    );
    expect(text).toContain('其余文件均已导入并发布');
    expect(text).toContain('未能导入的原文件仍保留在 data/raw/ 中');
    const report = page.locator('table.report');
    const [refusedBox, reportBox] = [await refused.boundingBox(), await report.boundingBox()];
    expect(refusedBox && reportBox && refusedBox.y + refusedBox.height < reportBox.y).toBe(true);
    // The rest is published: the documents from elsewhere are in the report, the minutes are not.
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows.find((r) => r.includes('zz_chengdu_target_2024.md'))).toMatch(
      /utf-8\tMarkdown 表格\t—\t绩效目标申报表\t2024\t市级\t成都市医疗保障局\t2\t10\t0/
    );
    expect(rows.find((r) => r.includes('zz_linjiang_selfeval_2024.md'))).toMatch(
      /绩效自评表\t2024\t临江县\t临江县水利局\t1\t6\t/
    );
    expect(rows.some((r) => r.includes('zz_meeting_minutes.md'))).toBe(false);
    await screenshot(page, 'cities-data');
  });

  it('says nothing when nothing was refused (the seeds)', async () => {
    const page = await open(seedsSite, 'data/');
    expect(await page.locator('section.refused').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('未能导入（');
  });
});

describe('bodies of several cities', () => {
  it('the seeds (one city) keep their district labels', async () => {
    const page = await open(seedsSite, '');
    expect(await districtChoices(page)).toEqual(['宝山区', '市级', '松江区', '闵行区']);
  });

  it('the filter offers each 市级 with its city, and each filters to its own projects', async () => {
    const page = await open(citiesSite, '');
    expect(await districtChoices(page)).toEqual([
      '上海市·宝山区',
      SHANGHAI,
      '上海市·松江区',
      '上海市·闵行区',
      '临江县',
      CHENGDU
    ]);
    const funding = () => page.locator('.kpi .value').first().innerText();
    const projects = () => page.locator('.kpi .value').nth(1).innerText();

    await page.getByRole('checkbox', { name: CHENGDU, exact: true }).check();
    await page.waitForURL((u) => u.searchParams.getAll('district').join() === CHENGDU);
    await chartsSettled(page);
    await expect.poll(funding).toBe('993.00万元');
    expect(await projects()).toBe('2个');
    expect(await page.locator('[data-cell]').allInnerTexts()).toEqual(['993.00']);
    await screenshot(page, 'cities-overview-chengdu');

    await page.getByRole('checkbox', { name: CHENGDU, exact: true }).uncheck();
    await page.getByRole('checkbox', { name: SHANGHAI, exact: true }).check();
    await page.waitForURL((u) => u.searchParams.getAll('district').join() === SHANGHAI);
    await chartsSettled(page);
    await expect.poll(funding).toBe('1,827.01万元');
    expect(await projects()).toBe('12个');
    expect(await page.locator('[data-cell]').allInnerTexts()).toEqual(['1,827.01']);

    // The link reopens the same view; the project list on 资金 holds only 成都市's projects.
    const chengdu = await open(citiesSite, `funding/?district=${encodeURIComponent(CHENGDU)}`);
    expect(await chengdu.getByRole('checkbox', { name: CHENGDU, exact: true }).isChecked()).toBe(true);
    const text = await chengdu.locator('main').innerText();
    expect(text).toContain('城乡居民医疗救助资金');
    expect(text).toContain('医疗保障信息系统运维');
    expect(text).not.toContain('少儿学生基本医疗保障工作专项');
  });

  it('总览 charts the two 市级 apart', async () => {
    const page = await open(citiesSite, '');
    const title = '年度资金（万元），按区、年度';
    const texts = await chartTexts(page, title);
    for (const place of [SHANGHAI, CHENGDU, '临江县', '上海市·松江区']) expect(texts).toContain(place);
    const rows = await chartRows(page, title);
    expect(rows).toContainEqual(['2024', SHANGHAI, '12', '1,827.01']);
    expect(rows).toContainEqual(['2024', CHENGDU, '2', '993.00']);
    expect(rows).toContainEqual(['2024', '临江县', '1', '118.50']);
    expect(await page.locator(`[data-cell="${SHANGHAI} 2024"]`).innerText()).toBe('1,827.01');
    expect(await page.locator(`[data-cell="${CHENGDU} 2024"]`).innerText()).toBe('993.00');
    // Bars, not an empty frame.
    expect(await chart(page, title).locator('.plot svg path').count()).toBeGreaterThan(10);
    await screenshot(page, 'cities-overview');
  });

  it('资金 charts them apart, by topic and by source of funds', async () => {
    const page = await open(citiesSite, 'funding/?year=2024');
    const byTopic = '年度资金（万元），按主题';
    const texts = await chartTexts(page, byTopic);
    for (const place of [SHANGHAI, CHENGDU, '临江县']) expect(texts).toContain(place);
    expect(await chartRows(page, byTopic)).toContainEqual(['医疗救助', CHENGDU, '1', '865.00']);
    const bySource = '资金来源（万元）：当年财政拨款、上年结转、其他资金';
    const labels = await chartTexts(page, bySource);
    expect(labels).toContain(`${SHANGHAI} 2024`);
    expect(labels).toContain(`${CHENGDU} 2024`);
    expect(await chart(page, byTopic).locator('.plot svg path').count()).toBeGreaterThan(5);
    await screenshot(page, 'cities-funding');
  });

  it('执行 shows 临江县’s self-evaluation: 94.77% of its budget spent', async () => {
    const page = await open(citiesSite, 'execution/');
    const row = page.locator('.datatable tbody tr', { hasText: '农村饮水安全工程维修养护' });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells).toContain('临江县');
    expect(cells).toContain('94.77%');
    expect(cells).toContain('1,185,000.00');
    expect(cells).toContain('1,123,000.00');
    // The per-project chart has its bar.
    const texts = await page
      .locator('.chart .plot svg text')
      .evaluateAll((ts) => ts.map((t) => t.textContent));
    expect(texts.some((t) => t?.includes('农村饮水安全工程维修养护'))).toBe(true);
    await screenshot(page, 'cities-execution');
  });

  it('对比 sets the two 市级 side by side', async () => {
    const page = await open(
      citiesSite,
      `compare/?cmp=${encodeURIComponent(SHANGHAI)}&cmp=${encodeURIComponent(CHENGDU)}`
    );
    await expect.poll(() => page.locator('section.side h2').allInnerTexts()).toEqual([SHANGHAI, CHENGDU]);
    const sides = await page.locator('section.side article').allInnerTexts();
    expect(sides[0]).toContain('1,827.01 万元');
    expect(sides[1]).toContain('993.00 万元');
    await screenshot(page, 'cities-compare');
  });
});
