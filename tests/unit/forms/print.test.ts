/** Forms printed to PDF with Chromium, read back with pdf.js: pages, a text layer, a scan without one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForms, projectRecords } from '../../../scripts/lib/forms/grid';
import { formsHtml } from '../../../scripts/lib/forms/html';
import { PdfPrinter } from '../../../scripts/lib/forms/print';
import { pdfPages } from '../../helpers/forms';
import { parseSeed } from '../../helpers/seeds';

let printer: PdfPrinter;
beforeAll(async () => {
  printer = await PdfPrinter.start();
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

const text = (page: string[] | undefined) => (page ?? []).join('');

describe('PdfPrinter', () => {
  const seed = parseSeed('000');
  const forms = buildForms(seed);
  const book = { department: seed.department as string, year: seed.year, projects: projectRecords(seed) };

  it('prints a budget book: 7 pages before the forms, one page a form, text on every page', async () => {
    const pages = await pdfPages(await printer.print(formsHtml(forms, { book }), { pageNumbers: true }));
    expect(pages).toHaveLength(13);
    expect(text(pages[0])).toContain('上海市松江区医疗保障局2026年度部门预算');
    expect(text(pages[1])).toContain('目录');
    expect(text(pages[2])).toContain('一、部门主要职能');
    expect(text(pages[5])).toContain('36,962,866.00');
    const form = text(pages[7]);
    expect(form).toContain('财政项目支出绩效目标申报表');
    expect(form).toContain('项目名称社会救助');
    expect(form).toContain('11,143,200.00');
    expect(form).toContain('≥3340.00(人)');
    expect(text(pages[12])).toContain('编外人员工作经费');
    expect(text(pages[2])).toContain('- 3 -');
  });

  it('breaks each form’s indicator table over two pages when asked', async () => {
    const pages = await pdfPages(await printer.print(formsHtml(forms, { book, breakInIndicators: true })));
    expect(pages).toHaveLength(19);
    // The first form: its indicators up to 应补尽补率 on one page, the rest on the next.
    expect(text(pages[7])).toContain('应补尽补率');
    expect(text(pages[7])).not.toContain('补助金额发放准确率');
    expect(text(pages[8])).toMatch(/^补助金额发放准确率=100\(%\)时效指标/);
  });

  it('repeats the first row on the pages a long form runs onto when asked', async () => {
    const long = buildForms(parseSeed('003'), { footer: false }).slice(0, 1);
    expect(long[0]?.name).toBe('规财法工作经费');
    const plain = await pdfPages(await printer.print(formsHtml(long)));
    const repeated = await pdfPages(await printer.print(formsHtml(long, { repeatHeader: true })));
    expect(plain.length).toBeGreaterThan(1);
    expect(repeated).toHaveLength(plain.length);
    expect(text(plain[1])).not.toContain('规财法工作经费');
    expect(text(repeated[1])).toMatch(/^项目名称规财法工作经费项目性质/);
  });

  it('prints a scanned form as one page with no text layer', async () => {
    const html = formsHtml(buildForms(parseSeed('004')));
    const png = await printer.scan(html);
    expect([...png.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    // 150 dpi A4: 1241 × 1755 pixels (IHDR width and height, big-endian).
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1241, 1755]);
    const pages = await pdfPages(await printer.printScanned(html));
    expect(pages).toEqual([[]]);
  });
});
