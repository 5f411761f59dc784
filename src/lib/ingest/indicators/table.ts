/**
 * Reads an indicator table laid out as rows of cells (Markdown, tab-separated, a PDF's or a
 * workbook's grid): each row is one indicator; cells are recognised by their words (headings
 * from the closed vocabulary, values by their shape), never by column, because exports shift
 * cells left and right. A heading that a page break pushed below the rows it belongs to is put
 * back over them.
 */
import type { Row } from '../layout';
import { readTotalScore } from '../funds';
import { squeeze, tidyText } from '../text';
import {
  isCostLevel2,
  isFooterLine,
  isTableLabel,
  looksLikeBasis,
  recogniseHeading,
  recogniseLabel,
  type Heading,
  type VocabularyOptions
} from '../vocabulary';
import {
  HeadingState,
  findScorePair,
  fitsLevel2,
  looksLikeValue,
  newDraft,
  resolveRowHeadings,
  type IndicatorDraft,
  type IndicatorTable,
  type IndicatorTableOptions,
  type TableWarning
} from './shared';

interface ClassifiedRow {
  row: Row;
  headings: Heading[];
  plain: string[];
}

function classifyCells(row: Row, opts: VocabularyOptions): { headings: Heading[]; plain: string[] } {
  const headings: Heading[] = [];
  const plain: string[] = [];
  for (const cell of row.cells) {
    if (isTableLabel(cell.text)) continue;
    const h = recogniseHeading(cell.text, opts);
    if (h && plain.length === 0) headings.push(h);
    else plain.push(cell.text);
  }
  return { headings, plain };
}

/** Reads an indicator table laid out as rows of cells (Markdown or tab-separated). */
export function readIndicatorTable(rows: readonly Row[], opts: IndicatorTableOptions): IndicatorTable {
  const drafts: IndicatorDraft[] = [];
  const warnings: TableWarning[] = [];
  let total: IndicatorTable['total'] = null;
  const state = new HeadingState();
  const classified: ClassifiedRow[] = [];
  for (const row of rows) {
    if (row.kind === 'blank' || row.kind === 'separator') continue;
    const { headings, plain } = classifyCells(row, opts);
    // `长效管理 | 长效管理 | | 行业标准`: an indicator may be named like its heading; the second
    // of two equal headings is then the name (otherwise it is a word split by a page break).
    const a = headings[headings.length - 2];
    const b = headings[headings.length - 1];
    const nameless =
      plain.length === 0 ||
      looksLikeValue(plain[0] as string) ||
      (opts.hasBasisColumn && plain.length === 1 && looksLikeBasis(plain[0] as string));
    if (a && b && a.raw === b.raw && a.level === b.level && nameless) {
      headings.pop();
      plain.unshift(b.raw);
    }
    classified.push({ row, headings, plain });
  }
  const tableHasCostLevel2 = classified.some((c) => c.headings.some((h) => isCostLevel2(h.level2)));
  let pending: { headings: Heading[]; line: number } | null = null;
  let ended = false;

  const applyAll = (hs: readonly Heading[]) => hs.forEach((h) => state.apply(h));

  for (const c of classified) {
    const { row } = c;
    const totalRow = readTotalScore(row);
    if (totalRow) {
      total = { ...totalRow, line: row.line };
      ended = true;
      continue;
    }
    // A footer (填报人 / 联系电话 / 填报日期) is not an indicator, and is never quoted.
    if (isFooterLine(c.row.cells.map((cell) => cell.text))) continue;
    if (ended) {
      if (c.plain.length || c.headings.length) warnUnread(warnings, row, '总分之后的内容未读取');
      continue;
    }
    const headings = resolveRowHeadings(c.headings, state, tableHasCostLevel2);
    if (c.plain.length === 0) {
      if (headings.length === 0) continue;
      if (pending) applyAll(pending.headings);
      pending = { headings, line: row.line };
      continue;
    }
    if (pending) {
      const last = pending.headings[pending.headings.length - 1] as Heading;
      const repeated = headings.some((h) => h.level === last.level && h.raw === last.raw);
      if (repeated) refile(drafts, last, pending.line, warnings);
      else applyAll(pending.headings);
      pending = null;
    }
    applyAll(headings);
    const draft = newDraft(state, row.line, tidyText(c.plain[0] as string));
    draft.explicitLevel2 = headings.some((h) => h.level === 2);
    draft.explicitLevel1 = headings.some((h) => h.level === 1);
    fillTableValues(draft, c.plain.slice(1), opts, row, warnings);
    if (looksLikeValue(draft.name) && c.plain.length === 1) {
      warnings.push({
        line: row.line,
        code: 'value-without-name',
        message: `指标值“${draft.name}”所在行没有三级指标名称，未读取`
      });
      continue;
    }
    drafts.push(draft);
  }
  if (pending) {
    const last = pending.headings[pending.headings.length - 1] as Heading;
    refile(drafts, last, pending.line, warnings);
  }
  return { drafts, total, warnings };
}

function fillTableValues(
  draft: IndicatorDraft,
  cells: readonly string[],
  opts: IndicatorTableOptions,
  row: Row,
  warnings: TableWarning[]
): void {
  if (opts.form === 'self_eval') {
    const all = [draft.name, ...cells];
    const i = findScorePair(all);
    if (i === null) {
      draft.target = cells[0] ?? null;
      draft.actual = cells[1] ?? null;
      if (cells.length > 2) draft.deviation = squeeze(cells.slice(2).join(' '));
      warnings.push({ line: row.line, code: 'no-scores', message: `指标“${draft.name}”未找到分值和得分` });
      return;
    }
    draft.name = tidyText(all.slice(0, i - 2).join(' ')) || draft.name;
    draft.target = all[i - 2] ?? null;
    draft.actual = all[i - 1] ?? null;
    draft.weight = all[i] ?? null;
    draft.score = all[i + 1] ?? null;
    const rest = all.slice(i + 2);
    if (rest.length) draft.deviation = squeeze(rest.join(' '));
    return;
  }
  const values = [...cells];
  if (opts.hasBasisColumn) {
    if (values.length >= 2) draft.basis = values.pop() ?? null;
    else if (values.length === 1 && looksLikeBasis(values[0] as string)) draft.basis = values.pop() ?? null;
  }
  draft.target = values.shift() ?? null;
  if (values.length) {
    warnings.push({
      line: row.line,
      code: 'extra-cells',
      message: `指标“${draft.name}”有多余的单元格：${values.join(' | ')}`
    });
  }
}

/**
 * A heading alone on a row, repeated on the next row after a page break: it belongs to the rows
 * just above it that did not name their own heading and do not read like the heading they fell
 * under. Those are re-filed under it.
 */
function refile(drafts: IndicatorDraft[], heading: Heading, line: number, warnings: TableWarning[]): void {
  const candidates: IndicatorDraft[] = [];
  for (let i = drafts.length - 1; i >= 0; i--) {
    const d = drafts[i] as IndicatorDraft;
    const explicit = heading.level === 2 ? d.explicitLevel2 : d.explicitLevel1;
    if (explicit) break;
    if (
      heading.level === 2
        ? d.level2 === heading.level2 && d.level2_raw === heading.raw
        : d.level1 === heading.level1
    )
      break;
    if (fitsLevel2(d.name, d.level2)) break;
    candidates.unshift(d);
  }
  if (candidates.length === 0) {
    warnings.push({
      line,
      code: 'heading-without-rows',
      message: `标题“${heading.raw}”单独成行，其下没有指标`
    });
    return;
  }
  for (const d of candidates) {
    if (heading.level === 2) {
      d.level2 = heading.level2;
      d.level2_raw = heading.raw;
      if (d.level1 !== heading.level1) {
        d.level1 = heading.level1;
        d.level1_raw = null;
      }
    } else {
      d.level1 = heading.level1;
      d.level1_raw = heading.raw;
      d.level2 = null;
      d.level2_raw = null;
    }
  }
  const first = candidates[0] as IndicatorDraft;
  const lastLine = (candidates[candidates.length - 1] as IndicatorDraft).line;
  warnings.push({
    line,
    code: 'heading-after-page-break',
    message: `分页处的标题“${heading.raw}”移至其所属的第 ${first.line}–${lastLine} 行（${candidates.length} 个指标）`
  });
}

function warnUnread(warnings: TableWarning[], row: Row, why: string): void {
  const personal = row.cells.some((cell) => recogniseLabel(cell.text)?.key === 'personal');
  const text = personal
    ? '（含个人信息，不予引用）'
    : `“${squeeze(row.cells.map((c) => c.text).join(' ')).slice(0, 60)}”`;
  warnings.push({ line: row.line, code: 'unread-row', message: `${why}：${text}` });
}
