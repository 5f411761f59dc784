/** The printable HTML of the forms, as plain text: tables with spans, page breaks, the budget book. */
import { describe, expect, it } from 'vitest';
import { bookFrontMatter } from '../../../scripts/lib/forms/book';
import { buildForms, projectRecords } from '../../../scripts/lib/forms/grid';
import { formsHtml } from '../../../scripts/lib/forms/html';
import { gridTexts } from '../../../scripts/lib/forms/layout';
import { parseSeed } from '../../helpers/seeds';

const count = (text: string, part: string) => text.split(part).length - 1;

describe('formsHtml', () => {
  const seed = parseSeed('000');
  const forms = buildForms(seed);

  it('prints each form part on a page of its own, merged cells as spans', () => {
    const html = formsHtml(forms);
    expect(count(html, '<section class="page form">')).toBe(6);
    expect(html).toContain('<td rowspan="9">绩效指标</td>');
    expect(html).toContain('<td colspan="2">11,143,200.00</td>');
    expect(html).toContain("font-family: 'Noto Serif CJK SC', serif");
    expect(html).toContain('tr { break-inside: avoid; }');
    expect(html).not.toContain('<thead>');
    expect(html).not.toContain('forced-break"');
    // Every box of the grid is drawn: 6 columns on each row of the first table.
    const first = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(count(first, '<tr')).toBe(gridTexts(forms[0]!.parts[0]!.table).length);
  });

  it('writes long texts left-aligned and escapes what is not markup', () => {
    const html = formsHtml(forms);
    expect(html).toMatch(/<td colspan="3" class="long">坚持城乡统筹推进/);
    const named = buildForms({ ...seed, projects: [{ ...seed.projects[0]!, name: '<b>A&B</b>' }] });
    expect(formsHtml(named)).toContain('&lt;b&gt;A&amp;B&lt;/b&gt;');
  });

  it('forces a break in the middle of each indicator table, the cut headings kept on top', () => {
    const html = formsHtml(forms, { breakInIndicators: true, avoidRowBreaks: false, font: 'sans' });
    expect(count(html, '<tr class="forced-break">')).toBe(6);
    // Seed 000's first form: 8 indicators from grid row 10, so the break is before row 14.
    const table = html.slice(0, html.indexOf('</table>'));
    const rows = table.split('<tr').slice(1);
    expect(rows[14]).toMatch(/^ class="forced-break">/);
    expect(table).toContain('<td rowspan="6" class="split">产出指标</td>');
    expect(html).not.toContain('tr { break-inside: avoid; }');
    expect(html).toContain("html { font-family: 'Noto Sans CJK SC', sans-serif");
  });

  it('repeats a table’s first row on every page when asked', () => {
    const html = formsHtml(forms, { repeatHeader: true });
    expect(count(html, '<thead><tr><td>项目名称</td><td>社会救助</td>')).toBe(1);
    expect(count(html, '<thead>')).toBe(6);
  });

  it('puts a budget book before the forms: cover, 目录, prose, two budget tables', () => {
    const projects = projectRecords(seed);
    const html = formsHtml(forms, { book: { department: '上海市松江区医疗保障局', year: 2026, projects } });
    expect(count(html, '<section class="page')).toBe(1 + 1 + 3 + 2 + 6);
    expect(html).toContain(
      '<section class="page cover"><p>上海市松江区医疗保障局</p><p>2026年度部门预算</p>'
    );
    const front = bookFrontMatter('上海市松江区医疗保障局', 2026, projects);
    expect(front.sections.map((s) => s.paragraphs.length)).toEqual([3, 2, 4]);
    // The budget tables add up the projects' own amounts.
    const totals = gridTexts(front.tables[0]!.table);
    expect(totals[5]).toEqual(['收入总计', '36,962,866.00', '支出总计', '36,962,866.00']);
    expect(totals[3]).toEqual(['二、上年结转', '0.00', '二、项目支出', '33,706,066.00']);
    expect(gridTexts(front.tables[1]!.table)[1]).toEqual(['1', '社会救助', '其他运转类', '11,143,200.00']);
  });
});
