/**
 * The auditor's workbench in Chromium: a seed held back from a build (004) imported on the 导入
 * page reproduces the figures the full build publishes for it, without a request leaving the
 * page; a CSV template adds records that the audit sees; the SQL page answers read-only queries
 * and refuses writes with a Chinese message, the data unchanged.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TABLES } from '../../src/lib/schema/tables';
import { buildForms, projectRecords } from '../../scripts/lib/forms/grid';
import { formsHtml } from '../../scripts/lib/forms/html';
import { formsWorkbook } from '../../scripts/lib/forms/xlsx';
import { queryParquet } from '../helpers/ingest';
import { printPdf } from '../helpers/print';
import { parseSeed } from '../helpers/seeds';
import { chartsSettled, holdBackScripts, launch, screenshot, watchedPage } from './browser';

const site = inject('siteUrl');
const heldBackSite = inject('heldBackSiteUrl');
const HELD_BACK_FILE = '004_604980d765fad65f.txt';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The text of the page's figures: KPIs and tables, without the marks of local records. */
async function figures(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')?.cloneNode(true) as HTMLElement;
    main
      .querySelectorAll('.local-note, .badge.local, .chart .plot, [role="status"]')
      .forEach((e) => e.remove());
    return (main.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

async function open(page: Page, base: string, pathname: string): Promise<void> {
  await page.goto(new URL(pathname, base).href, { waitUntil: 'load' });
  await chartsSettled(page);
}

/** Runs a statement on the SQL page; returns the result table's rows as text cells. */
async function runSql(page: Page, sql: string): Promise<string[][]> {
  const runs = Number(await page.locator('[data-runs]').getAttribute('data-runs'));
  await page.locator('#sql-editor').fill(sql);
  await page.getByRole('button', { name: '执行', exact: true }).click();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-runs]')?.getAttribute('data-runs')) > n,
    runs,
    { timeout: 60_000 }
  );
  return page.$$eval('.datatable tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()))
  );
}

describe('importing a held-back seed (004 松江区 2021 自评表)', () => {
  it('previews 7 projects / 83 indicators, adds them, and the pages show what the full build publishes', async () => {
    const w = await watchedPage(browser, heldBackSite);
    const { page } = w;
    await open(page, heldBackSite, 'import/');
    // Let the query engine finish loading the published data first: then every request made
    // during the import itself is recorded below.
    await expect.poll(() => page.locator('.engine').innerText()).toContain('就绪');
    const during: { url: string; method: string; body: string | null }[] = [];
    page.on('request', (r) => during.push({ url: r.url(), method: r.method(), body: r.postData() }));

    await page.setInputFiles('#import-files', `data/raw/${HELD_BACK_FILE}`);
    const card = page.locator(`article[data-file="${HELD_BACK_FILE}"]`);
    await expect.poll(() => card.locator('[data-count="projects"]').textContent()).toBe('7');
    expect(await card.locator('[data-count="indicators"]').textContent()).toBe('83');
    expect(await card.innerText()).toContain('松江区 · 2021 年度 · 绩效自评表 · PDF 文本');
    await screenshot(page, 'import-preview');
    await card.getByRole('button', { name: '加入看板' }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('已加入');
    await expect.poll(() => page.locator('table.exports').count()).toBe(1);
    await screenshot(page, 'import');

    // The local tables export as Parquet with the contract's types, money exact.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'projects.parquet' }).click()
    ]);
    const exported = (await download.path()) as string;
    const described = await queryParquet('.', `DESCRIBE SELECT * FROM read_parquet('${exported}')`);
    expect(described.find((r) => r.column_name === 'executed_amount')?.column_type).toBe('DECIMAL(18,2)');
    const rows = await queryParquet(
      '.',
      `SELECT name, executed_amount FROM read_parquet('${exported}') ORDER BY source_line`
    );
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.name === '社会救助')?.executed_amount).toBe('16687069.74');

    // Nothing left the page: only GETs of the site's own static files (the worker script).
    const origin = new URL(heldBackSite).origin;
    expect(during.filter((r) => !r.url.startsWith(`${origin}/`) && !r.url.startsWith('blob:'))).toEqual([]);
    expect(during.filter((r) => r.method !== 'GET' || r.body !== null)).toEqual([]);
    expect(during.map((r) => new URL(r.url).pathname).filter((p) => !p.startsWith('/_app/'))).toEqual([]);
    expect(w.foreign()).toEqual([]);

    // The same filtered views on the full build and on the held-back build with 004 imported.
    const full = await watchedPage(browser, site);
    for (const path of [
      '?year=2021',
      'execution/?year=2021&district=%E6%9D%BE%E6%B1%9F%E5%8C%BA&form=self_eval',
      'indicators/?year=2021',
      'audit/?year=2021'
    ]) {
      await open(full.page, site, path);
      await open(page, heldBackSite, path);
      const published = await figures(full.page);
      const imported = await figures(page);
      expect(imported, path).toBe(published);
      if (path.startsWith('execution/')) {
        expect(imported).toContain('115.95%');
        expect(imported).toContain('16,687,069.74');
      }
    }
    // The overview with every year: the published build's 2021 column, and 松江区's 2021 cell.
    await open(full.page, site, '');
    await open(page, heldBackSite, '');
    expect(await page.locator('[data-cell="松江区 2021"]').textContent()).toBe(
      await full.page.locator('[data-cell="松江区 2021"]').textContent()
    );
    expect(await figures(page)).toBe(await figures(full.page));
    // Local projects carry a badge in tables, and the 数据来源 filter selects them.
    await open(page, heldBackSite, 'execution/?source=local');
    expect(await page.locator('.datatable .badge.local').count()).toBe(7);
    await open(page, heldBackSite, 'execution/?source=published');
    expect(await page.locator('.datatable .badge.local').count()).toBe(0);

    // The local project's page: every figure of 社会救助, total score 90.
    await open(page, heldBackSite, 'execution/?source=local');
    await page.locator('.datatable a', { hasText: '社会救助' }).first().click();
    await page.waitForURL(/\/project\/\?id=/);
    await page.waitForSelector('article.project');
    const localText = await page.locator('article.project').innerText();
    expect(localText).toContain('本地·未发布');
    expect(localText).toContain('16,687,069.74');
    expect(localText).toContain('115.95%');
    expect(localText).toMatch(/总分\s*90/);
    const id = new URL(page.url()).searchParams.get('id');
    await full.page.goto(new URL(`project/${id}/`, site).href);
    await full.page.waitForSelector('article.project');
    const unmarked = (p: Page) =>
      p.evaluate(() => {
        const a = document.querySelector('article.project')?.cloneNode(true) as HTMLElement;
        a.querySelectorAll('.badge.local, .chart .plot').forEach((e) => e.remove());
        return (a.textContent ?? '').replace(/\s+/g, ' ').trim();
      });
    expect(await unmarked(page)).toBe(await unmarked(full.page));

    // A published project of the same series (社会救助 2026 申报表) lists the local 2021 one, as
    // the full build does, with a badge.
    const seriesLink = page.locator('article.project a', { hasText: '2026 年' }).first();
    await seriesLink.click();
    await page.waitForURL(/\/project\/.+-\d+\/$/);
    await expect.poll(() => page.locator('article.project h1').innerText()).not.toContain('本地·未发布');
    await expect.poll(() => page.locator('article.project').innerText()).toContain('2026 年度');
    // The series lists the local 2021 self-evaluation (badged) once the live query answers.
    await expect.poll(() => page.locator('article.project .badge.local').count()).toBe(1);
    expect(await unmarked(page)).toBe(
      await (async () => {
        // The 2021 page's own address matches the pattern too: wait for a different one.
        const from = full.page.url();
        await full.page.locator('article.project a', { hasText: '2026 年' }).first().click();
        await full.page.waitForURL((u) => u.href !== from && /\/project\/.+-\d+\/$/.test(u.pathname));
        await expect.poll(() => full.page.locator('article.project').innerText()).toContain('2026 年度');
        return unmarked(full.page);
      })()
    );

    // SQL over the joined tables: the exact sums of the full build.
    await open(page, heldBackSite, 'sql/');
    await open(full.page, site, 'sql/');
    const q = `SELECT sum(executed_amount)::VARCHAR AS spent, count(*) AS n,
  (SELECT count(*) FROM checks c JOIN projects p USING (project_id) WHERE p.year = 2021) AS findings
FROM projects WHERE district = '松江区' AND year = 2021 AND form = 'self_eval'`;
    const mine = await runSql(page, q);
    expect(mine).toEqual([['40872251.16', '7', expect.stringMatching(/^\d+$/)]]);
    expect(mine).toEqual(await runSql(full.page, q));

    // Removing the import takes the records out again.
    await open(page, heldBackSite, 'import/');
    await page
      .getByRole('row', { name: new RegExp(HELD_BACK_FILE) })
      .getByRole('button', { name: '移除' })
      .click();
    await expect.poll(() => page.locator('table.imports').count()).toBe(0);
    await open(page, heldBackSite, 'sql/');
    expect(await runSql(page, `SELECT count(*) FROM projects WHERE year = 2021`)).toEqual([['0']]);
    expect(w.errors).toEqual([]);
    expect(w.foreign()).toEqual([]);
    await Promise.all([w.context.close(), full.context.close()]);
  });
});

describe('importing the published PDF of 004 (松江区 2021 自评表, printed as publishers do)', () => {
  it('is read in the browser, with pdf.js’s data from the site itself, and adds what its text adds', async () => {
    // The form as a publisher posts it: the seed's records laid out as the real form, printed by
    // Chromium to PDF (a cover page and narrative first, as in a budget book).
    const seed = parseSeed('004');
    const html = formsHtml(buildForms(seed), {
      book: { department: seed.department as string, year: seed.year, projects: projectRecords(seed) }
    });
    const pdf = await printPdf(browser, html);

    const w = await watchedPage(browser, heldBackSite);
    const { page } = w;
    await open(page, heldBackSite, 'import/');
    await expect.poll(() => page.locator('.engine').innerText()).toContain('就绪');
    const during: { url: string; method: string }[] = [];
    page.on('request', (r) => during.push({ url: r.url(), method: r.method() }));
    await page.setInputFiles('#import-files', {
      name: '松江区医保局2021年项目支出绩效自评表.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf)
    });
    const card = page.locator('article[data-file="松江区医保局2021年项目支出绩效自评表.pdf"]');
    await expect
      .poll(() => card.locator('[data-count="projects"]').textContent(), { timeout: 60_000 })
      .toBe('7');
    expect(await card.locator('[data-count="indicators"]').textContent()).toBe('83');
    expect(await card.innerText()).toContain('松江区 · 2021 年度 · 绩效自评表 · PDF 原件');
    await screenshot(page, 'import-pdf-preview');
    await card.getByRole('button', { name: '加入看板' }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('已加入');

    // Only GETs of the site's own files: the worker's code and pdf.js's character maps and fonts.
    const origin = new URL(heldBackSite).origin;
    expect(during.filter((r) => !r.url.startsWith(`${origin}/`) && !r.url.startsWith('blob:'))).toEqual([]);
    expect(during.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(during.map((r) => new URL(r.url).pathname).filter((p) => !/^\/(?:_app|pdfjs)\//.test(p))).toEqual(
      []
    );

    // The 执行 page shows the self-evaluation's figures exactly as the published text gives them.
    await open(
      page,
      heldBackSite,
      'execution/?year=2021&district=%E6%9D%BE%E6%B1%9F%E5%8C%BA&form=self_eval'
    );
    const shown = await figures(page);
    expect(shown).toContain('115.95%');
    expect(shown).toContain('16,687,069.74');
    expect(w.errors).toEqual([]);
    expect(w.foreign()).toEqual([]);
    await w.context.close();
  });
});

describe('importing a workbook (004 as .xlsx, a sheet per form)', () => {
  it('is read in the browser: the same 7 projects and 83 indicators', async () => {
    const bytes = formsWorkbook(buildForms(parseSeed('004')), { bookType: 'xlsx' });
    const w = await watchedPage(browser, heldBackSite);
    const { page } = w;
    await open(page, heldBackSite, 'import/');
    await page.setInputFiles('#import-files', {
      name: '松江区医保局2021年自评表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bytes)
    });
    const card = page.locator('article[data-file="松江区医保局2021年自评表.xlsx"]');
    await expect
      .poll(() => card.locator('[data-count="projects"]').textContent(), { timeout: 60_000 })
      .toBe('7');
    expect(await card.locator('[data-count="indicators"]').textContent()).toBe('83');
    expect(await card.innerText()).toContain('松江区 · 2021 年度 · 绩效自评表 · Excel 工作簿');
    expect(w.errors).toEqual([]);
    expect(w.foreign()).toEqual([]);
    await w.context.close();
  });
});

/** A one-project CSV in the projects template, as an auditor would fill it in. */
function projectsCsv(row: Record<string, string>): string {
  const cols = TABLES.projects.columns.map((c) => c.name);
  return `\uFEFF${cols.join(',')}\r\n${cols.map((c) => row[c] ?? '').join(',')}\r\n`;
}

describe('importing a CSV template', () => {
  it('adds its records, marks them local, and audits them', async () => {
    const w = await watchedPage(browser, heldBackSite);
    const { page } = w;
    await open(page, heldBackSite, 'import/');
    const row: Record<string, string> = {
      project_id: 'csv-baoshan-2027-01',
      form: 'self_eval',
      year: '2027',
      district: '宝山区',
      department: '上海市宝山区医疗保障局',
      name: '医疗救助资金（导入测试）',
      annual_amount: '100000.00',
      budget_adjusted: '100000.00',
      executed_amount: '123456.78',
      execution_rate: '1.2345678',
      execution_weight: '10',
      execution_score: '10',
      total_score: '88'
    };
    await page.setInputFiles('#import-files', {
      name: '宝山区2027自评.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(projectsCsv(row), 'utf8')
    });
    const card = page.locator('article[data-file="宝山区2027自评.csv"]');
    await expect.poll(() => card.locator('[data-count="projects"]').textContent()).toBe('1');
    expect(await card.innerText()).toContain('CSV 模板：项目（projects）');
    await card.getByRole('button', { name: '加入看板' }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('已加入');

    await open(page, heldBackSite, 'sql/');
    expect(
      await runSql(
        page,
        `SELECT name, executed_amount::VARCHAR, year FROM projects WHERE project_id IN (SELECT project_id FROM local_projects)`
      )
    ).toEqual([['医疗救助资金（导入测试）', '123456.78', '2027']]);
    // The audit ran on it: over-execution (123,456.78 of 100,000.00).
    const findings = await runSql(
      page,
      `SELECT rule FROM checks WHERE project_id = 'csv-baoshan-2027-01' ORDER BY rule`
    );
    expect(findings.flat()).toContain('over-execution');
    await open(page, heldBackSite, 'audit/?source=local');
    expect(await page.locator('main').innerText()).toContain('医疗救助资金（导入测试）');
    expect(w.foreign()).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('reads a file picked before the page’s script has started', async () => {
    const w = await watchedPage(browser, heldBackSite);
    const { page } = w;
    const release = await holdBackScripts(page);
    await page.goto(new URL('import/', heldBackSite).href, { waitUntil: 'domcontentloaded' });
    await page.setInputFiles('#import-files', {
      name: '早选.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        projectsCsv({
          project_id: 'csv-early-01',
          form: 'target',
          year: '2027',
          district: '宝山区',
          name: '早选项目',
          annual_amount: '1.00'
        }),
        'utf8'
      )
    });
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-hydrated'))).toBe(false);
    release();
    await chartsSettled(page);
    const card = page.locator('article[data-file="早选.csv"]');
    await expect.poll(() => card.locator('[data-count="projects"]').textContent()).toBe('1');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('refuses a CSV that is not a template, with its line', async () => {
    const w = await watchedPage(browser, heldBackSite);
    await open(w.page, heldBackSite, 'import/');
    await w.page.setInputFiles('#import-files', {
      name: 'wrong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('项目,金额\n救助,1\n', 'utf8')
    });
    const card = w.page.locator('article[data-file="wrong.csv"]');
    await expect.poll(() => card.locator('.problems').textContent()).toContain('wrong.csv:1');
    expect(await card.getByRole('button', { name: '加入看板' }).isDisabled()).toBe(true);
    await w.context.close();
  });
});

describe('the SQL page', () => {
  it('runs the examples over the published tables and exports the result as CSV', async () => {
    const w = await watchedPage(browser, site);
    const { page } = w;
    await open(page, site, 'sql/');
    await page.getByRole('button', { name: '各区各年度执行率' }).click();
    const rows = await runSql(page, await page.locator('#sql-editor').inputValue());
    expect(await page.locator('[role="status"]', { hasText: 'DECIMAL 列' }).count()).toBe(1);
    expect(rows).toContainEqual([
      '松江区',
      '2021',
      '7',
      expect.any(String),
      '40872251.16',
      expect.any(String)
    ]);
    await page.getByRole('button', { name: '未达成的指标及原因' }).click();
    const missed = await runSql(page, await page.locator('#sql-editor').inputValue());
    expect(missed.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click()
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFF区,年度,项目,指标')).toBe(true);
    // The schema is listed beside the editor.
    expect(await page.locator('aside.schema').innerText()).toContain('executed_amount');
    await screenshot(page, 'sql');
    expect(w.foreign()).toEqual([]);
    await w.context.close();
  });

  it('reads no file and no URL, even where a statement gets past the guard', async () => {
    const w = await watchedPage(browser, site);
    const { page } = w;
    await open(page, site, 'sql/');
    const elsewhere = 'http://127.0.0.1:9/x.csv';
    for (const sql of [
      `SELECT * FROM '${elsewhere}'`,
      `SELECT * FROM "read_csv"('${elsewhere}')`,
      `SELECT * FROM read_text\u00a0('${elsewhere}')`,
      `SELECT 1 --\r FROM read_csv('${elsewhere}')`,
      'SET enable_external_access = true'
    ]) {
      await runSql(page, sql);
      // Refused by the guard, or failing in the engine: never a result.
      expect(await page.locator('.alert').count(), sql).toBe(1);
      expect(await page.locator('.datatable').count(), sql).toBe(0);
    }
    expect(await runSql(page, 'SELECT count(*) FROM projects')).toEqual([['41']]);
    expect(w.foreign()).toEqual([]);
    await w.context.close();
  });

  it('refuses statements that write or attach, with a Chinese message, and the data stay', async () => {
    const w = await watchedPage(browser, site);
    const { page } = w;
    await open(page, site, 'sql/');
    const before = await runSql(page, 'SELECT count(*) FROM projects');
    for (const sql of [
      'DROP TABLE projects',
      "INSERT INTO projects (project_id, name) VALUES ('x', 'y')",
      "ATTACH 'evil.db' AS evil",
      'SELECT 1; DELETE FROM projects',
      "COPY projects TO 'x.csv'",
      'WITH x AS (SELECT 1) DELETE FROM checks'
    ]) {
      await runSql(page, sql);
      const alert = page.locator('.alert[data-kind="refused"]');
      expect(await alert.count(), sql).toBe(1);
      expect(await alert.innerText(), sql).toMatch(/已拒绝执行。(只允许只读查询|一次只能执行一条语句)/);
      expect(await page.locator('.datatable').count(), sql).toBe(0);
    }
    await screenshot(page, 'sql-refused');
    expect(await runSql(page, 'SELECT count(*) FROM projects')).toEqual(before);
    expect(before[0]?.[0]).toBe('41');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
