/**
 * Reads the indicator table of a form (一级指标 / 二级指标 / 三级指标 / 指标值 [/ 实际完成值 / 分值 /
 * 得分 / 偏差原因]) into drafts, in two modes:
 * - tables (Markdown, tab-separated): each row is one indicator; cells are recognised by their
 *   words (headings from the closed vocabulary, values by their shape), never by column, because
 *   exports shift cells left and right;
 * - PDF text: rows are rebuilt from the text, anchored on the values of each indicator.
 * A heading that a page break pushed below the rows it belongs to is put back over them.
 */
import type { Form } from '../schema/records';
import type { Row } from './layout';
import { readTotalScore } from './funds';
import { compact, displayWidth, joinWrapped, squeeze, tidyText } from './text';
import { parseMeasure } from './values';
import {
  isCostLevel2,
  isTableLabel,
  isTableLabelStart,
  looksLikeBasis,
  looksLikeActualValue,
  looksLikeTargetValue,
  recogniseHeading,
  recogniseLabel,
  type Heading,
  type VocabularyOptions
} from './vocabulary';

/** One indicator as read from the table, before its values are parsed. */
export interface IndicatorDraft {
  line: number;
  level1: string | null;
  level2: string | null;
  level1_raw: string | null;
  level2_raw: string | null;
  name: string;
  target: string | null;
  actual: string | null;
  weight: string | null;
  score: string | null;
  deviation: string | null;
  basis: string | null;
  /** The row named its own level-2 heading (tables only). */
  explicitLevel2: boolean;
  explicitLevel1: boolean;
}

/** A problem found while reading the table (the caller adds the file name). */
export interface TableWarning {
  line: number;
  code: string;
  message: string;
}

/** What the table holds: indicators, the 总分 row if any, and what was odd. */
export interface IndicatorTable {
  drafts: IndicatorDraft[];
  total: { weight: string | null; score: string | null; line: number } | null;
  warnings: TableWarning[];
}

/** How to read a table. */
export interface IndicatorTableOptions extends VocabularyOptions {
  form: Form;
  /** 2020 template: the last column is 备注 (the basis of the target). */
  hasBasisColumn: boolean;
}

/** The level-1 / level-2 headings in force while reading down a table. */
class HeadingState {
  level1: string | null = null;
  level1Raw: string | null = null;
  level2: string | null = null;
  level2Raw: string | null = null;

  apply(h: Heading): void {
    if (h.level === 1) {
      if (h.level1 !== this.level1 || (this.level1Raw !== null && h.raw !== this.level1Raw)) {
        this.level2 = null;
        this.level2Raw = null;
      }
      this.level1 = h.level1;
      this.level1Raw = h.raw;
      return;
    }
    this.level2 = h.level2;
    this.level2Raw = h.raw;
    if (h.level1 !== this.level1) {
      // A level 2 of another level 1: the 2020 template does this on purpose (满意度 under
      // 影响力目标; 成本指标 under 产出指标) and the source's level-1 words still apply; anywhere
      // else it is a page break that lost the level-1 cell, which the source therefore does not name.
      const deliberate = /目标$/.test(this.level1Raw ?? '') || h.raw === '成本指标' || h.raw === '成本';
      this.level1 = h.level1;
      if (!deliberate) this.level1Raw = null;
    }
  }
}

const COST_WORDS = /成本|节约|费用|支出|经费|价格|预算|合理/;
/** Words an indicator's name usually carries under each level 2: used only to place a displaced heading. */
const LEVEL2_PROFILE: Record<string, RegExp> = {
  数量指标: /数|量|次|个|场|份|件|覆盖|完成/,
  质量指标: /率|准确|合格|达标|质量|规范|正确|差错|通过|故障|投诉|精准|认可/,
  时效指标: /及时|时效|时间|按时|时限|期限|进度|周期|时长|日内|天内|到位/,
  经济效益指标: /经济|资金|费用|节约|收益|效益|增长|成本/,
  社会效益指标: /社会|群众|参保|公众|提升|改善|知晓|影响|情况|水平|覆盖|负担/,
  生态效益指标: /生态|环境|绿色|节能|排放/,
  可持续影响指标: /长效|持续|机制|制度|长期/,
  服务对象满意度指标: /满意/,
  经济成本指标: COST_WORDS,
  社会成本指标: COST_WORDS,
  生态环境成本指标: COST_WORDS
};

function fitsLevel2(name: string, level2: string | null): boolean {
  const profile = level2 ? LEVEL2_PROFILE[level2] : undefined;
  return profile ? profile.test(name) : false;
}

/**
 * Decides what `成本指标` is in this row: a level 1 (2023 template) or a level 2 under 产出指标
 * (older forms), from the row, the rest of the table and the heading in force.
 */
function resolveRowHeadings(
  raw: readonly Heading[],
  state: HeadingState,
  tableHasCostLevel2: boolean
): Heading[] {
  const out: Heading[] = [];
  raw.forEach((h, i) => {
    const prev = out[out.length - 1];
    if (prev && prev.level === h.level && prev.raw === h.raw) return; // `数量 指标 | 数量指标`
    if (h.level === 1 && h.level1 === '成本指标') {
      const withCostLevel2 = raw.slice(i + 1).some((o) => isCostLevel2(o.level2));
      const afterLevel1 = out.some((o) => o.level === 1);
      const older = !withCostLevel2 && (afterLevel1 || (!tableHasCostLevel2 && state.level1 === '产出指标'));
      if (older) {
        out.push({ level: 2, raw: h.raw, level1: '成本指标', level2: null });
        return;
      }
    }
    out.push(h);
  });
  return out;
}

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

const WEIGHT = /^\d+(?:\.\d+)?$/;
const VALUE_SHAPE = /^(?:[<>=≥≤＜＞≧≦]|[\d０-９])/;

/**
 * Finds the 分值 / 得分 pair in the cells of a self-evaluation row: the first two plain numbers
 * with at least a target and an actual before them and no number right after.
 */
export function findScorePair(cells: readonly string[]): number | null {
  for (let i = 2; i + 1 < cells.length; i++) {
    if (!WEIGHT.test(cells[i] ?? '') || !WEIGHT.test(cells[i + 1] ?? '')) continue;
    const after = cells[i + 2];
    if (after !== undefined && WEIGHT.test(after)) continue;
    return i;
  }
  return null;
}

const UNIT_TOKEN =
  /^(?:[(（][^()（）]{1,6}[)）]|次|人|人次|个|件|%|元|万元|天|分|场|份|期|位|户|家|台|张|项|篇|条|小时|日|周|月|年)$/;
const NUMBERISH = /^[<>=≥≤＜＞≧≦]*=?[\d０-９.,，]+[万亿]?$/;

/** Rejoins a unit that an export separated from its number (`<10` `次` → `<10 次`). */
export function mergeUnitTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev !== undefined && UNIT_TOKEN.test(t) && NUMBERISH.test(prev))
      out[out.length - 1] = `${prev} ${t}`;
    else out.push(t);
  }
  return out;
}

function newDraft(state: HeadingState, line: number, name: string): IndicatorDraft {
  return {
    line,
    level1: state.level1,
    level2: state.level2,
    level1_raw: state.level1Raw,
    level2_raw: state.level2Raw,
    name,
    target: null,
    actual: null,
    weight: null,
    score: null,
    deviation: null,
    basis: null,
    explicitLevel2: false,
    explicitLevel1: false
  };
}

function looksLikeValue(text: string): boolean {
  return VALUE_SHAPE.test(text.trim()) && parseMeasure(text).value !== null;
}

// ---------------------------------------------------------------------------------------------
// Tables

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
    if (ended) {
      if (c.plain.length || c.headings.length) warnUnread(warnings, row, '总分之后的内容未读取');
      continue;
    }
    if (c.row.cells.some((cell) => recogniseLabel(cell.text)?.key === 'personal')) continue;
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

// ---------------------------------------------------------------------------------------------
// PDF text

interface TextLine {
  line: number;
  tokens: string[];
  trailing: boolean;
}

/** Removes column titles that a PDF split into fragments (`年度`/`指标值`, `绩`/`效`/`指`/`标`). */
function dropLabelFragments(lines: TextLine[]): TextLine[] {
  const flat: { li: number; ti: number; text: string }[] = [];
  lines.forEach((l, li) => l.tokens.forEach((text, ti) => flat.push({ li, ti, text })));
  const drop = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const first = flat[i] as (typeof flat)[number];
    // Only the beginning of a column title can start one (most cells are passed over here).
    if (!isTableLabelStart(first.text)) continue;
    // Up to six short fragments joined, while they still spell the beginning of a title; the
    // longest title they spell wins.
    const joined = [first.text];
    for (let k = 2; k <= 6 && i + k - 1 < flat.length; k++) {
      const piece = (flat[i + k - 1] as (typeof flat)[number]).text;
      if (piece.length > 8 || first.text.length > 8) break;
      const next = joined[joined.length - 1] + piece;
      if (!isTableLabelStart(next)) break;
      joined.push(next);
    }
    for (let k = joined.length; k >= 1; k--) {
      if (k === 1 && (lines[first.li]?.tokens.length ?? 0) > 2) continue;
      if (isTableLabel(joined[k - 1] as string)) {
        drop.fill(1, i, i + k);
        i += k - 1;
        break;
      }
    }
  }
  const kept: TextLine[] = lines.map((l) => ({ ...l, tokens: [] }));
  flat.forEach((t, i) => {
    if (!drop[i]) (kept[t.li] as TextLine).tokens.push(t.text);
  });
  return kept.filter((l) => l.tokens.length > 0);
}

/** PDF text that ends a cell with a space: a line without one continues on the next line. */
function mergeWrappedCells(lines: TextLine[], opts: VocabularyOptions): TextLine[] {
  const out: TextLine[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    const single = l.tokens.length === 1 && !recogniseHeading(l.tokens[0] as string, opts);
    if (prev && !prev.trailing && single) {
      const lastIdx = prev.tokens.length - 1;
      prev.tokens[lastIdx] = joinWrapped([prev.tokens[lastIdx] as string, l.tokens[0] as string]);
      prev.trailing = l.trailing;
      continue;
    }
    out.push({ ...l, tokens: [...l.tokens] });
  }
  return out;
}

/** Reads an indicator table from PDF text, where rows and cells have to be rebuilt. */
export function readIndicatorText(rows: readonly Row[], opts: IndicatorTableOptions): IndicatorTable {
  let lines: TextLine[] = rows
    .filter((r) => r.kind !== 'blank' && r.kind !== 'separator')
    .map((r) => ({ line: r.line, tokens: r.cells.map((c) => c.text), trailing: r.trailingSpace }));
  // Headings first: a lone `指标` may end a wrapped heading (`社会效益` / `指标`) or be a fragment
  // of the 绩效指标 label.
  lines = mergeHeadingFragments(lines, opts);
  lines = dropLabelFragments(lines);
  const withContent = lines.length || 1;
  const marksCellEnds = lines.filter((l) => l.trailing).length / withContent >= 0.3;
  if (marksCellEnds) lines = mergeWrappedCells(lines, opts);
  if (opts.form === 'self_eval') return readSelfEvalText(mergeValueCells(lines, opts), opts);
  return readTargetText(lines, opts);
}

/** A heading wrapped over lines (`社会效益` / `指标`) put back together. */
function mergeHeadingFragments(lines: TextLine[], opts: VocabularyOptions): TextLine[] {
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as TextLine;
    let merged: TextLine | null = null;
    if (l.tokens.length === 1) {
      let joined = l.tokens[0] as string;
      for (let k = i + 1; k < Math.min(lines.length, i + 4); k++) {
        const next = lines[k] as TextLine;
        if (next.tokens.length !== 1 || (next.tokens[0] as string).length > 6) break;
        joined += next.tokens[0] as string;
        if (recogniseHeading(joined, opts) && !recogniseHeading(l.tokens[0] as string, opts)) {
          merged = { line: l.line, tokens: [joined], trailing: next.trailing };
          i = k;
          break;
        }
      }
    }
    out.push(merged ?? l);
  }
  return out;
}

/**
 * One cell per line: the target, actual, weight and score of a self-evaluation each on its own
 * line are joined into one values line, as the other layouts print them.
 */
function mergeValueCells(lines: TextLine[], opts: VocabularyOptions): TextLine[] {
  const single = (l: TextLine | undefined) =>
    l !== undefined && l.tokens.length === 1 && !recogniseHeading(l.tokens[0] as string, opts);
  /** Four lines from k, one cell each, that read as target, actual, weight and score. */
  const valuesAt = (k: number): boolean => {
    const run = lines.slice(k, k + 4);
    if (run.length < 4 || !run.every(single)) return false;
    const [target, actual, weight, score] = run.map((l) => l.tokens[0] as string) as [
      string,
      string,
      string,
      string
    ];
    return (
      WEIGHT.test(weight) &&
      WEIGHT.test(score) &&
      looksLikeTargetValue(target) &&
      looksLikeActualValue(actual)
    );
  };
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as TextLine;
    // `总分` with its weight and score on the following lines.
    if (l.tokens.length === 1 && compact(l.tokens[0] as string) === '总分') {
      const nums: string[] = [];
      while (nums.length < 2 && single(lines[i + 1]) && WEIGHT.test(lines[i + 1]?.tokens[0] ?? '')) {
        nums.push(lines[i + 1]?.tokens[0] as string);
        i++;
      }
      out.push({ line: l.line, tokens: ['总分', ...nums], trailing: false });
      continue;
    }
    // A name can read like a target (`有效投诉`): when the run one line later also fits and
    // ends on the number that this run leaves next, this line is the name and that run the values.
    if (valuesAt(i) && !(valuesAt(i + 1) && WEIGHT.test(lines[i + 4]?.tokens[0] ?? ''))) {
      const run = lines.slice(i, i + 4);
      out.push({ line: run[0]?.line ?? 0, tokens: run.map((l) => l.tokens[0] as string), trailing: false });
      i += 3;
      continue;
    }
    out.push(lines[i] as TextLine);
  }
  return out;
}

function splitHeadings(
  tokens: readonly string[],
  opts: VocabularyOptions
): { headings: Heading[]; rest: string[] } {
  const headings: Heading[] = [];
  let i = 0;
  // A row joined with spaces may begin with the table's own label (绩效目标, 绩效指标).
  while (i < tokens.length - 1 && isTableLabel(tokens[i] as string)) i++;
  for (; i < tokens.length; i++) {
    const h = recogniseHeading(tokens[i] as string, opts);
    if (!h) break;
    headings.push(h);
  }
  return { headings, rest: tokens.slice(i) };
}

function readTargetText(lines: readonly TextLine[], opts: IndicatorTableOptions): IndicatorTable {
  const drafts: IndicatorDraft[] = [];
  const warnings: TableWarning[] = [];
  const state = new HeadingState();
  const tableHasCostLevel2 = lines.some((l) =>
    l.tokens.some((t) => isCostLevel2(recogniseHeading(t, opts)?.level2 ?? null))
  );
  let group: { text: string; line: number }[] = [];
  let openHeading: { raw: string; level: 1 | 2; line: number; count: number } | null = null;

  const closeHeading = () => {
    if (openHeading && openHeading.count === 0)
      warnings.push({
        line: openHeading.line,
        code: 'heading-without-rows',
        message: `标题“${openHeading.raw}”下没有指标`
      });
  };
  const add = (name: string, values: string[], line: number) => {
    const draft = newDraft(state, line, tidyText(name));
    if (opts.hasBasisColumn && values.length && looksLikeBasis(values[values.length - 1] as string))
      draft.basis = values.pop() ?? null;
    draft.target = values.length ? tidyValue(values.join(' ')) : null;
    drafts.push(draft);
    if (openHeading) openHeading.count++;
  };
  // Cells one per line: a name, then its value. A cell that does not read like a value, followed
  // by one that does, continues the name (a name wrapped over lines).
  const flushGroup = () => {
    let i = 0;
    while (i < group.length) {
      const first = group[i] as { text: string; line: number };
      const nameParts = [first.text];
      i++;
      while (
        i + 1 < group.length &&
        !looksLikeTargetValue((group[i] as { text: string }).text) &&
        looksLikeTargetValue((group[i + 1] as { text: string }).text)
      ) {
        nameParts.push((group[i] as { text: string }).text);
        i++;
      }
      const value = group[i];
      if (!value) {
        warnings.push({
          line: first.line,
          code: 'name-without-value',
          message: `指标“${tidyText(joinWrapped(nameParts))}”未找到指标值`
        });
        add(joinWrapped(nameParts), [], first.line);
        break;
      }
      const values = [value.text];
      i++;
      const basis = group[i];
      if (opts.hasBasisColumn && basis && looksLikeBasis(basis.text)) {
        values.push(basis.text);
        i++;
      }
      add(joinWrapped(nameParts), values, first.line);
    }
    group = [];
  };

  for (const l of lines) {
    const { headings: rawHeadings, rest } = splitHeadings(l.tokens, opts);
    if (rawHeadings.length) {
      flushGroup();
      const headings = resolveRowHeadings(rawHeadings, state, tableHasCostLevel2);
      for (const h of headings) {
        state.apply(h);
        // A level 1 followed at once by its first level 2 is not an empty heading.
        if (!(openHeading?.level === 1 && openHeading.count === 0 && h.level === 2)) closeHeading();
        openHeading = { raw: h.raw, level: h.level, line: l.line, count: 0 };
      }
    }
    const plain = mergeUnitTokens(rest);
    if (plain.length === 0) continue;
    // A row of cells joined with spaces ends with its value; a line that does not is one cell
    // (a name with a space in it).
    const last = plain[plain.length - 1] as string;
    // 2020 template: a name and its basis (备注) with the target left empty.
    // (A value and its basis after name lines is the end of that indicator, read with them.)
    const nameAndBasis =
      opts.hasBasisColumn &&
      plain.length === 2 &&
      looksLikeBasis(last) &&
      !(group.length && looksLikeTargetValue(plain[0] as string));
    const endsWithValue =
      nameAndBasis ||
      looksLikeTargetValue(last) ||
      (opts.hasBasisColumn && plain.length >= 3 && looksLikeBasis(last)) ||
      plain.length >= 3;
    if (nameAndBasis) {
      flushGroup();
      add(plain[0] as string, [last], l.line);
      continue;
    }
    if (opts.hasBasisColumn && plain.length === 2 && looksLikeBasis(last) && group.length) {
      group.push({ text: plain[0] as string, line: l.line }, { text: last, line: l.line });
      flushGroup();
      continue;
    }
    if (plain.length >= 2 && endsWithValue) {
      flushGroup();
      const values = [plain[plain.length - 1] as string];
      let nameTokens = plain.slice(0, -1);
      if (opts.hasBasisColumn && plain.length >= 3 && looksLikeBasis(values[0] as string)) {
        values.unshift(plain[plain.length - 2] as string);
        nameTokens = plain.slice(0, -2);
      }
      add(nameTokens.join(' '), values, l.line);
      continue;
    }
    group.push({ text: plain.join(' '), line: l.line });
  }
  flushGroup();
  closeHeading();
  return { drafts, total: null, warnings };
}

function tidyValue(text: string): string {
  return squeeze(text);
}

interface PendingText {
  text: string;
  line: number;
  width: number;
}

function readSelfEvalText(lines: readonly TextLine[], opts: IndicatorTableOptions): IndicatorTable {
  const drafts: IndicatorDraft[] = [];
  const warnings: TableWarning[] = [];
  const state = new HeadingState();
  let total: IndicatorTable['total'] = null;
  const tableHasCostLevel2 = lines.some((l) =>
    l.tokens.some((t) => isCostLevel2(recogniseHeading(t, opts)?.level2 ?? null))
  );
  const deviationWidth = estimateDeviationWidth(lines, opts);
  let pending: PendingText[] = [];
  let last: IndicatorDraft | null = null;

  const expectsDeviation = (d: IndicatorDraft | null) => {
    if (!d) return false;
    const w = Number(d.weight);
    const s = Number(d.score);
    return d.weight !== null && d.score !== null && Number.isFinite(w) && Number.isFinite(s) && s < w;
  };
  const appendDeviation = (d: IndicatorDraft, parts: readonly PendingText[]) => {
    if (!parts.length) return;
    // Two lines that are bare numbers read like a weight and a score: an indicator row may be
    // hidden in this text. It is kept as the reason, but never silently.
    const numbers = parts.filter((p) => WEIGHT.test(p.text));
    if (numbers.length >= 2)
      warnings.push({
        line: (numbers[0] as PendingText).line,
        code: 'values-in-reason',
        message: `第 ${parts[0]?.line} 行起并入“${d.name}”偏差原因的文字中有分值样的数字，可能含有未识别的指标，请核对原文`
      });
    const text = joinWrapped([d.deviation ?? '', ...parts.map((p) => p.text)]);
    d.deviation = tidyText(text) || null;
  };
  const flushToDeviation = () => {
    if (!pending.length) return;
    if (last) appendDeviation(last, pending);
    else
      for (const p of pending)
        warnings.push({
          line: p.line,
          code: 'stray-text',
          message: `指标表中无法归属的文字：“${p.text.slice(0, 40)}”`
        });
    pending = [];
  };

  for (const l of lines) {
    const totalRow = readTotalScore({
      line: l.line,
      kind: 'text',
      cells: l.tokens.map((text, col) => ({ text, line: l.line, col })),
      text: '',
      trailingSpace: false
    });
    if (totalRow) {
      flushToDeviation();
      total = { ...totalRow, line: l.line };
      continue;
    }
    const { headings: rawHeadings, rest } = splitHeadings(l.tokens, opts);
    if (rawHeadings.length) {
      flushToDeviation();
      for (const h of resolveRowHeadings(rawHeadings, state, tableHasCostLevel2)) state.apply(h);
    }
    const plain = mergeUnitTokens(rest);
    if (plain.length === 0) continue;
    const at = findScorePair(plain);
    if (at === null) {
      pending.push({ text: plain.join(' '), line: l.line, width: displayWidth(plain.join('')) });
      continue;
    }
    const inlineName = plain.slice(0, at - 2);
    const [devPart, namePart] = splitDeviationFromName(
      pending,
      expectsDeviation(last),
      inlineName.length === 0,
      deviationWidth
    );
    if (last) appendDeviation(last, devPart);
    else if (devPart.length) namePart.unshift(...devPart);
    pending = [];
    const name = tidyText(joinWrapped([...namePart.map((p) => p.text), inlineName.join(' ')]));
    if (!name) {
      warnings.push({
        line: l.line,
        code: 'value-without-name',
        message: `第 ${l.line} 行的指标值没有三级指标名称，未读取：“${plain.join(' ')}”`
      });
      continue;
    }
    const draft = newDraft(state, namePart[0]?.line ?? l.line, name);
    draft.target = plain[at - 2] ?? null;
    draft.actual = plain[at - 1] ?? null;
    draft.weight = plain[at] ?? null;
    draft.score = plain[at + 1] ?? null;
    const trailingText = plain.slice(at + 2);
    if (trailingText.length) draft.deviation = tidyText(trailingText.join(' '));
    drafts.push(draft);
    last = draft;
  }
  flushToDeviation();
  return { drafts, total, warnings };
}

/**
 * The deviation column's width in a PDF self-evaluation: the widest first line of a deviation
 * (a line right after the values of a missed indicator). Lines followed by more text are
 * preferred: a single line before the next values is as likely the next indicator's name (a
 * miss without a reason). Null when no deviation is seen.
 */
function estimateDeviationWidth(lines: readonly TextLine[], opts: VocabularyOptions): number | null {
  const isValues = (l: TextLine | undefined) =>
    l !== undefined && findScorePair(mergeUnitTokens(splitHeadings(l.tokens, opts).rest)) !== null;
  let widest: number | null = null;
  let widestWrapped: number | null = null;
  for (let k = 0; k + 1 < lines.length; k++) {
    const plain = mergeUnitTokens(splitHeadings((lines[k] as TextLine).tokens, opts).rest);
    const at = findScorePair(plain);
    if (at === null) continue;
    const missed = Number(plain[at + 1]) < Number(plain[at]);
    if (!missed || plain.length > at + 2) continue;
    const next = lines[k + 1] as TextLine;
    if (recogniseHeading(next.tokens[0] as string, opts) || isValues(next)) continue;
    const width = displayWidth(mergeUnitTokens(next.tokens).join(''));
    widest = Math.max(widest ?? 0, width);
    const after = lines[k + 2];
    if (after && !isValues(after) && !recogniseHeading(after.tokens[0] as string, opts))
      widestWrapped = Math.max(widestWrapped ?? 0, width);
  }
  return widestWrapped ?? widest;
}

/**
 * Text between the values of one indicator and those of the next is the first one's deviation
 * (only if it missed its target) followed by the second one's name. The deviation column is
 * narrow and its lines are full until the last; a name needs at least one line when the values
 * line does not carry it.
 */
function splitDeviationFromName(
  pending: readonly PendingText[],
  deviationExpected: boolean,
  nameRequired: boolean,
  width: number | null
): [PendingText[], PendingText[]] {
  if (!pending.length || !deviationExpected) return [[], [...pending]];
  const first = pending[0] as PendingText;
  if (width !== null && first.width > width + 1) return [[], [...pending]];
  let k = 1;
  while (k < pending.length) {
    if (nameRequired && k >= pending.length - 1) break;
    const prev = pending[k - 1] as PendingText;
    const cur = pending[k] as PendingText;
    if (width !== null && prev.width < width - 2) break;
    if (width !== null && cur.width > width + 1) break;
    k++;
  }
  if (nameRequired && k >= pending.length) k = pending.length - 1;
  return [pending.slice(0, k), pending.slice(k)];
}
