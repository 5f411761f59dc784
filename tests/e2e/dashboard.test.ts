/**
 * The dashboard in Chromium against the built site: every page shows real figures from the seeds,
 * filters change them and live in the URL, CSV downloads are right, nothing leaves the origin.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chartsSettled, holdBackScripts, launch, screenshot, watchedPage, type WatchedPage } from './browser';

const site = inject('siteUrl');
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

async function open(path: string, viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const w = await watchedPage(browser, site, viewport);
  pages.push(w);
  await w.page.goto(new URL(path, site).href, { waitUntil: 'load' });
  return w;
}

describe('every page renders charts with real figures from the seeds', () => {
  it.each([
    ['overview', '', ['3,370.61', '18,710.91', '12,710.52', '4.05']],
    ['funding', 'funding/', ['158,952,064.00', '市民社区医疗互助帮困经费', '互助帮困']],
    ['execution', 'execution/', ['115.95%', '50.00%', '16,687,069.74']],
    ['indicators', 'indicators/', ['购置数量', '由于实行电子医保卡等原困', '未达成']],
    ['compare', 'compare/', ['7,288.28 万元', '18,710.91 万元', '社会救助']],
    ['audit', 'audit/', ['网络信息系统运行与维护', '资金来源合计', '475,000.00']],
    ['data', 'data/', ['projects.parquet', '000_5da2509ae1f89920.txt', 'DECIMAL(18,2)']]
  ])('%s', async (name, path, figures) => {
    const { page } = await open(path);
    await chartsSettled(page);
    const text = await page.locator('main').innerText();
    for (const f of figures) expect(text).toContain(f);
    if (name !== 'data') {
      const charts = await page.locator('.chart .plot').count();
      expect(charts).toBeGreaterThan(0);
      // Every chart draws bars: the prerendered SVG or the live one has data in it.
      const paths = await page.locator('.chart .plot svg path').count();
      expect(paths).toBeGreaterThan(charts * 3);
    }
    await screenshot(page, `page-${name}`);
  });

  it('a project page: every field, indicators target vs actual, findings, the same project in 2026', async () => {
    const { page } = await open('execution/');
    await page.getByRole('link', { name: '社会救助' }).first().click();
    await page.waitForURL(/\/project\/[^/]+\/$/);
    await chartsSettled(page);
    const text = await page.locator('main').innerText();
    for (const f of [
      '14,392,367.39',
      '16,687,069.74',
      '115.95%',
      '救助人数',
      '>=12万',
      '12.25万',
      '超预算执行',
      '004_604980d765fad65f.txt',
      '2026 年'
    ])
      expect(text).toContain(f);
    await screenshot(page, 'page-project');
    await page.getByRole('link', { name: /2026 年 绩效目标申报表/ }).click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('社会救助');
    expect(await page.locator('main').innerText()).toContain('11,143,200.00');
  });

  it('a 2020 project page shows its budget lines and safeguards', async () => {
    const { page } = await open('funding/');
    await page.getByRole('link', { name: '医疗救助', exact: true }).first().click();
    await page.waitForURL(/\/project\//);
    const text = await page.locator('main').innerText();
    expect(text).toContain('项目构成分解（34 项）');
    expect(text).toContain('23,940,000.00');
    expect(text).toContain('《关于进一步调整完善本市医疗救助政策的通知》');
  });
});

describe('transfer', () => {
  it('the DuckDB wasm and the scripts arrive compressed with brotli', async () => {
    const { page } = await open('');
    const encodings = new Map<string, string>();
    const rawSizes: number[] = [];
    page.on('response', (r) => {
      if (!/\.(wasm|js)$/.test(new URL(r.url()).pathname)) return;
      const encoding = r.headers()['content-encoding'] ?? 'identity';
      encodings.set(new URL(r.url()).pathname, encoding);
      if (encoding === 'identity') rawSizes.push(Number(r.headers()['content-length']));
    });
    await chartsSettled(page);
    await page.getByRole('checkbox', { name: '松江区' }).check();
    await expect.poll(() => page.locator('.engine').innerText()).toContain('就绪');
    const wasm = [...encodings].filter(([p]) => p.endsWith('.wasm')).map(([, e]) => e);
    expect(wasm).toEqual(['br']);
    // A file is sent raw only when compressing it saves next to nothing (a few bytes of re-exports).
    expect([...encodings].filter(([, e]) => e === 'gzip')).toEqual([]);
    expect(
      rawSizes.every((n) => n < 1024),
      `raw sizes ${rawSizes.join(', ')}`
    ).toBe(true);
    expect(encodings.size).toBeGreaterThan(rawSizes.length);
  });
});

describe('filters', () => {
  it('change the figures, through the browser’s query engine', async () => {
    const { page } = await open('');
    // Hydrated first: a tick before the script runs is another test's case (and Playwright's
    // check() would see the box reset by hydration on a busy machine).
    await chartsSettled(page);
    await page.getByRole('checkbox', { name: '松江区' }).check();
    await page.waitForURL(/district=/);
    await chartsSettled(page);
    await expect.poll(() => page.locator('.kpi .value').first().innerText()).toContain('7,288.28');
    expect(await page.locator('[data-cell]').allInnerTexts()).toEqual(['3,917.67', '3,370.61']);
    await expect.poll(() => page.locator('.engine').innerText()).toContain('就绪');
    await screenshot(page, 'filter-songjiang');
  });

  it('filters set before the page’s script has started still filter', async () => {
    const w = await watchedPage(browser, site);
    pages.push(w);
    const { page } = w;
    const release = await holdBackScripts(page);
    await page.goto(new URL('?year=2026', site).href, { waitUntil: 'domcontentloaded' });
    await page.getByRole('checkbox', { name: '松江区' }).check();
    await page.getByRole('searchbox').fill('信息');
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-hydrated'))).toBe(false);
    release();
    // The early tick and search join the URL's year, and the figures follow.
    await page.waitForURL(/district=/);
    const params = new URL(page.url()).searchParams;
    expect([params.getAll('year'), params.getAll('district'), params.get('q')]).toEqual([
      ['2026'],
      ['松江区'],
      '信息'
    ]);
    await chartsSettled(page);
    expect(await page.getByRole('checkbox', { name: '松江区' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '2026' }).isChecked()).toBe(true);
    expect(await page.getByRole('searchbox').inputValue()).toBe('信息');
    // The same figures as the same view opened from its link.
    const direct = await open(new URL(page.url()).search);
    await chartsSettled(direct.page);
    const figures = (p: typeof page) => p.locator('.kpis').innerText();
    await expect.poll(() => figures(page)).toBe(await figures(direct.page));
    const yearOnly = await open('?year=2026');
    await chartsSettled(yearOnly.page);
    expect(await figures(page)).not.toBe(await figures(yearOnly.page));
  });

  it('round-trip through the URL: a copied link reopens the same view', async () => {
    const { page } = await open('?year=2026&district=%E6%9D%BE%E6%B1%9F%E5%8C%BA');
    await chartsSettled(page);
    await expect.poll(() => page.locator('.kpi .value').first().innerText()).toContain('3,370.61');
    expect(await page.getByRole('checkbox', { name: '松江区' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '2026' }).isChecked()).toBe(true);
    // Moving to another page keeps the filters.
    await page.getByRole('link', { name: '资金', exact: true }).click();
    await page.waitForURL(/\/funding\/\?year=2026&district=/);
    await chartsSettled(page);
    expect(await page.locator('main').innerText()).toContain('编外人员工作经费');
    expect(await page.locator('main').innerText()).not.toContain('市民社区医疗互助帮困经费');
  });

  it('back and forward restore the view', async () => {
    const { page } = await open('execution/');
    await chartsSettled(page);
    await page.getByPlaceholder('搜索项目名称或主管部门').fill('宣传');
    await page.waitForURL(/q=%E5%AE%A3%E4%BC%A0/);
    await chartsSettled(page);
    await expect.poll(() => page.locator('.datatable tbody tr').count()).toBe(1);
    await page.getByRole('checkbox', { name: '2021' }).check();
    await page.waitForURL(/year=2021/);
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('year='));
    await page.goBack();
    await page.waitForURL((u) => u.search === '');
    await chartsSettled(page);
    await expect.poll(() => page.locator('.datatable tbody tr').count()).toBe(7);
    // Queries that started from now on (those of the 2021 view may still be finishing).
    const since = await page.evaluate(() => performance.now());
    await page.goForward();
    await chartsSettled(page);
    await expect.poll(() => page.locator('.datatable tbody tr').count()).toBe(1);
    // A view seen before is answered from the answers kept, not queried again.
    const started = await page.evaluate(
      (t) => performance.getEntriesByName('duckdb-query').filter((e) => e.startTime >= t).length,
      since
    );
    expect(started).toBe(0);
  });

  it('show an empty state rather than a blank chart when nothing matches', async () => {
    const { page } = await open('funding/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E9%A1%B9%E7%9B%AE');
    await expect.poll(() => page.locator('.chart .empty').count()).toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).toContain('当前筛选条件下没有数据');
  });
});

describe('tables and charts', () => {
  it('“导出 CSV” downloads exactly the rows shown, UTF-8 with a BOM', async () => {
    const { page } = await open('indicators/');
    await chartsSettled(page);
    await page.getByPlaceholder('在表中查找…').fill('宣传与推广');
    await expect.poll(() => page.locator('.datatable tbody tr').count()).toBe(3);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click()
    ]);
    expect(download.suggestedFilename()).toBe('未达成的指标.csv');
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true }).data;
    expect(rows.map((r) => r['三级指标'])).toEqual(['宣传内容更新率', '宣传地区覆盖率', '宣传人群覆盖率']);
    expect(rows[1]?.['偏差原因分析及改进措施']).toBe('由于宣传模式单一，覆盖率不及预期');
  });

  it('sort on a column header', async () => {
    const { page } = await open('execution/');
    await page.getByRole('button', { name: /所报执行率/ }).click();
    await page.getByRole('button', { name: /所报执行率/ }).click();
    expect(await page.locator('.datatable tbody tr td:first-child').first().innerText()).toBe('社会救助');
  });

  it('every chart has a table view', async () => {
    const { page } = await open('');
    await page.getByRole('button', { name: '看表格' }).first().click();
    const table = page.locator('.chart .table-wrap table');
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.innerText()).toContain('3,370.61');
  });

  it('charts resize with the window', async () => {
    const { page } = await open('', { width: 1280, height: 900 });
    await page.waitForFunction(() => document.querySelector('.chart .live svg'));
    const wide = await page
      .locator('.chart .live svg')
      .first()
      .evaluate((svg) => svg.getBoundingClientRect().width);
    await page.setViewportSize({ width: 700, height: 900 });
    await expect
      .poll(() =>
        page
          .locator('.chart .live svg')
          .first()
          .evaluate((svg) => svg.getBoundingClientRect().width)
      )
      .toBeLessThan(wide - 200);
  });

  it('the downloadable CSV of a table has every row and a BOM', async () => {
    const res = await fetch(new URL('downloads/projects.csv', site));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes.subarray(3)), {
      header: true,
      skipEmptyLines: true
    }).data;
    expect(rows).toHaveLength(41);
    expect(rows.find((r) => r.name === '医疗补助' && r.year === '2026')?.annual_amount).toBe('18730000.00');
  });
});

describe('published under a sub-path', () => {
  it('works from /budget/ with filters and the query engine', async () => {
    const based = inject('baseSiteUrl');
    const w = await watchedPage(browser, based);
    pages.push(w);
    await w.page.goto(`${based}funding/?district=%E5%AE%9D%E5%B1%B1%E5%8C%BA`, { waitUntil: 'load' });
    await chartsSettled(w.page);
    expect(await w.page.locator('main').innerText()).toContain('市民社区医疗互助帮困计划资金');
    expect(await w.page.locator('main').innerText()).not.toContain('市民社区医疗互助帮困经费');
    expect(w.requests.every((u) => u.startsWith(`${new URL(based).origin}/budget/`))).toBe(true);
  });

  it('a long list prerendered in part lists all of it on request', async () => {
    // This build keeps LIST_ROWS=20 rows of a list in a page: the seeds have 115 findings.
    const based = inject('baseSiteUrl');
    const off = await browser.newContext({ javaScriptEnabled: false });
    const plain = await off.newPage();
    await plain.goto(`${based}audit/`, { waitUntil: 'load' });
    const findings = plain.locator('.datatable');
    expect(await findings.locator('.count').innerText()).toContain('共 115 行，预先生成的页面列出前 20 行');
    expect(await findings.getByRole('button', { name: '导出 CSV' }).isDisabled()).toBe(true);
    expect(await findings.getByPlaceholder('在表中查找…').isDisabled()).toBe(true);
    // Without the script there is nothing to query the rest with: no button.
    expect(await findings.getByRole('button', { name: /列出全部/ }).count()).toBe(0);
    await off.close();

    const w = await watchedPage(browser, based);
    pages.push(w);
    await w.page.goto(`${based}audit/`, { waitUntil: 'load' });
    // At the reader's request, the whole list, queried in the browser.
    const table = w.page.locator('.datatable');
    expect(await table.getByRole('button', { name: '导出 CSV' }).isDisabled()).toBe(true);
    await table.getByRole('button', { name: '列出全部 115 行' }).click();
    await expect.poll(() => table.locator('.count').innerText(), { timeout: 60_000 }).toBe('115 行');
    expect(await table.getByRole('button', { name: '导出 CSV' }).isDisabled()).toBe(false);
    await table.getByPlaceholder('在表中查找…').fill('宣传');
    await expect.poll(() => table.locator('.count').innerText()).toMatch(/^\d+ 行（共 115 行）$/);
  });

  it('with more projects than PROJECT_PAGES, a project opens on the page that queries it', async () => {
    // This build was made with PROJECT_PAGES=10 (41 projects): no page per project.
    const based = inject('baseSiteUrl');
    const w = await watchedPage(browser, based);
    pages.push(w);
    await w.page.goto(`${based}execution/`, { waitUntil: 'load' });
    await w.page.getByRole('link', { name: '社会救助' }).first().click();
    await w.page.waitForURL(/\/budget\/project\/\?id=/);
    await expect.poll(() => w.page.locator('h1').innerText()).toContain('社会救助');
    await chartsSettled(w.page);
    const text = await w.page.locator('main').innerText();
    for (const f of ['14,392,367.39', '16,687,069.74', '115.95%', '救助人数', '004_604980d765fad65f.txt'])
      expect(text).toContain(f);
    await w.page.getByRole('link', { name: /2026 年 绩效目标申报表/ }).click();
    await expect.poll(() => w.page.locator('main').innerText()).toContain('11,143,200.00');
    // The series chart is drawn live (no prerendered SVG here): its two years' bars.
    await chartsSettled(w.page);
    await expect.poll(() => w.page.locator('.chart .live svg path').count()).toBeGreaterThan(3);
    await screenshot(w.page, 'page-project-queried');
    await w.page.goto(`${based}project/?id=nope`, { waitUntil: 'load' });
    await expect.poll(() => w.page.locator('main').innerText()).toContain('没有编号为 nope 的项目');
  });
});

describe('when WebAssembly cannot start', () => {
  it('keeps the prerendered charts and says in Chinese what is unavailable', async () => {
    const w = await watchedPage(browser, site);
    await w.page.route('**/*.wasm', (route) => route.abort());
    await w.page.goto(new URL('funding/', site).href, { waitUntil: 'load' });
    await w.page.getByRole('checkbox', { name: '宝山区' }).check();
    const alert = w.page.getByRole('alert').first();
    await expect.poll(() => alert.innerText()).toContain('查询引擎无法启动');
    expect(await alert.innerText()).toContain('预先生成的图表仍可查看');
    // The prerendered figures are still there.
    expect(await w.page.locator('main').innerText()).toContain('158,952,064.00');
    await screenshot(w.page, 'wasm-blocked');
    await w.context.close();
  });

  it('or when the browser has no WebAssembly at all', async () => {
    const w = await watchedPage(browser, site);
    await w.page.addInitScript(() => {
      // As in browsers where WebAssembly is switched off by policy.
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    });
    await w.page.goto(new URL('execution/', site).href, { waitUntil: 'load' });
    await w.page.getByRole('checkbox', { name: '宝山区' }).check();
    const alert = w.page.getByRole('alert').first();
    await expect.poll(() => alert.innerText()).toContain('本浏览器不能运行 WebAssembly');
    expect(await alert.innerText()).toContain('预先生成的图表与表格仍可查看');
    expect(await w.page.locator('main svg').count()).toBeGreaterThan(0);
    await w.context.close();
  });

  /** A page opened in a browser that has no WebAssembly at all (its scripts run). */
  async function withoutWebAssembly(pathname: string) {
    const w = await watchedPage(browser, site);
    pages.push(w);
    await w.page.addInitScript(() => {
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    });
    await w.page.goto(new URL(pathname, site).href, { waitUntil: 'load' });
    await chartsSettled(w.page);
    expect(await w.page.evaluate(() => typeof (globalThis as { WebAssembly?: unknown }).WebAssembly)).toBe(
      'undefined'
    );
    return w;
  }

  /** What the page says (alerts, statuses), in English anywhere: an error passed through as the browser said it. */
  const saysInEnglish = (w: WatchedPage) =>
    w.page.$$eval('[role="alert"], [role="status"], .alert, .problems', (els) =>
      els.map((e) => (e as HTMLElement).innerText).filter((t) => /[A-Za-z]{3,} [A-Za-z]{2,}/.test(t))
    );

  it('the SQL page says in Chinese that it cannot run statements here, and what still works', async () => {
    const w = await withoutWebAssembly('sql/');
    const alert = w.page.locator('.alert[data-kind="no-engine"]');
    await expect.poll(() => alert.count()).toBe(1);
    const text = await alert.innerText();
    expect(text).toContain('本浏览器不能运行 WebAssembly，无法启动查询引擎，本页不能执行 SQL');
    expect(text).toContain('仍可使用');
    expect(text).toContain('下载全部 Parquet 与 CSV 文件');
    expect(await w.page.getByRole('button', { name: '执行', exact: true }).isDisabled()).toBe(true);
    // Ctrl+Enter runs nothing either; the schema is still there to read.
    await w.page.locator('#sql-editor').press('Control+Enter');
    expect(await w.page.locator('[data-runs]').getAttribute('data-runs')).toBe('0');
    expect(await w.page.locator('aside.schema').innerText()).toContain('executed_amount');
    expect(await w.page.locator('.engine').innerText()).toContain('查询引擎不可用');
    expect(await saysInEnglish(w)).toEqual([]);
    expect(w.page.workers()).toEqual([]);
    await screenshot(w.page, 'sql-no-wasm');
  });

  it('the 导入 page still reads files, and says in Chinese that it cannot add them', async () => {
    const w = await withoutWebAssembly('import/');
    const alert = w.page.locator('.alert[data-kind="no-engine"]');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toContain(
      '本浏览器不能运行 WebAssembly，无法启动查询引擎：读取的记录不能加入看板'
    );
    expect(await alert.innerText()).toContain('文件照常在本机读取并预览');
    await w.page.setInputFiles('#import-files', 'data/raw/004_604980d765fad65f.txt');
    const card = w.page.locator('article[data-file="004_604980d765fad65f.txt"]');
    await expect.poll(() => card.locator('[data-count="projects"]').textContent()).toBe('7');
    expect(await card.locator('[data-count="indicators"]').textContent()).toBe('83');
    expect(await card.getByRole('button', { name: '加入看板' }).isDisabled()).toBe(true);
    expect(await saysInEnglish(w)).toEqual([]);
    await screenshot(w.page, 'import-no-wasm');
  });
});
