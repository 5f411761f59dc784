/**
 * The funds table of a self-evaluation (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分)
 * and its 总分 row.
 */
import type { Row } from './layout';
import { compact, foldFullWidth } from './text';

/** Columns of the funds table. */
export type FundsColumn = 'initial' | 'adjusted' | 'executed' | 'weight' | 'rate' | 'score';
/** Rows of the funds table. */
export type FundsRowKey = 'total' | 'fiscal' | 'carryover' | 'other';

/** One row of the funds table: its cells by column, as text. */
export interface FundsRow {
  key: FundsRowKey;
  line: number;
  values: Partial<Record<FundsColumn, string>>;
  extra: string[];
}

/** The funds table: its rows and the lines it occupies. */
export interface FundsTable {
  headerLine: number;
  rows: FundsRow[];
  lines: Set<number>;
  /** The amounts are 万元: its header says so (`项目资金（万元）`, the national template). */
  wan: boolean;
}

/** A unit note in a header's words: `项目资金（万元）`, `单位：万元`, `金额单位：万元`. */
const WAN_NOTE = /[(（]\s*万元\s*[)）]|单位\s*[:：]\s*万元/;

const COLUMN_WORDS: readonly [RegExp, FundsColumn][] = [
  [/^年初预算/, 'initial'],
  [/^全年预算/, 'adjusted'],
  [/^(?:全年)?执行数/, 'executed'],
  [/^实际支出/, 'executed'],
  [/^分值/, 'weight'],
  [/^执行率/, 'rate'],
  [/^得分/, 'score']
];

const ROW_WORDS: readonly [RegExp, FundsRowKey][] = [
  [/^(?:年度资金总额|资金总额|年度预算资金总额)/, 'total'],
  [/^(?:其中[:：]?)?(?:当年财政拨款|财政拨款|本年财政拨款)/, 'fiscal'],
  [/^(?:其中[:：]?)?上年结转(?:资金)?/, 'carryover'],
  [/^(?:其中[:：]?)?其他资金/, 'other']
];

function columnOf(text: string): FundsColumn | null {
  const key = compact(foldFullWidth(text)).replace(/[(（][^)）]*[)）]/g, '');
  for (const [re, col] of COLUMN_WORDS) if (re.test(key)) return col;
  return null;
}

function rowKeyOf(text: string): FundsRowKey | null {
  const key = compact(foldFullWidth(text));
  for (const [re, k] of ROW_WORDS) if (re.test(key)) return k;
  return null;
}

const FUNDS_VALUE = /^(?:[-—–－/]+|[-+]?[\d,，]+(?:\.\d+)?%?|[-+]?\d+(?:\.\d+)?万)$/;

/**
 * Finds the funds table in the rows of a self-evaluation. In a table layout the cells are mapped
 * by column; in PDF text, where empty cells vanish and cells may stand one per line, the table is
 * read as a stream: the column titles, then each row's label followed by its values, in order.
 */
export function readFundsTable(rows: readonly Row[]): FundsTable | null {
  const tableHeader = rows.findIndex(
    (r) => r.kind === 'table' && r.cells.filter((c) => columnOf(c.text) !== null).length >= 2
  );
  if (tableHeader >= 0) return readAligned(rows, tableHeader);
  return readStream(rows);
}

function readAligned(rows: readonly Row[], headerIndex: number): FundsTable {
  const header = rows[headerIndex] as Row;
  const headerCols = header.cells
    .map((c) => ({ col: columnOf(c.text), at: c.col }))
    .filter((h): h is { col: FundsColumn; at: number } => h.col !== null);
  const table: FundsTable = {
    headerLine: header.line,
    rows: [],
    lines: new Set([header.line]),
    wan: WAN_NOTE.test(header.cells.map((c) => c.text).join(' '))
  };
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] as Row;
    if (row.kind === 'blank' || row.kind === 'separator') continue;
    const first = row.cells[0];
    const key = first ? rowKeyOf(first.text) : null;
    if (!first || !key) break;
    const values: Partial<Record<FundsColumn, string>> = {};
    const extra: string[] = [];
    for (const cell of row.cells.slice(1)) {
      // Tables keep their empty cells, so values sit under their column titles.
      const h = headerCols.find((hc) => hc.at === cell.col);
      if (h) values[h.col] = cell.text;
      else extra.push(cell.text);
    }
    table.rows.push({ key, line: row.line, values, extra });
    table.lines.add(row.line);
  }
  return table;
}

function readStream(rows: readonly Row[]): FundsTable | null {
  const tokens = rows.flatMap((r) => r.cells.map((c) => ({ text: c.text, line: r.line })));
  const start = tokens.findIndex((t) => columnOf(t.text) !== null);
  if (start < 0) return null;
  const columns: FundsColumn[] = [];
  const lines = new Set<number>();
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as { text: string; line: number };
    const col = columnOf(t.text);
    if (!col) break;
    columns.push(col);
    lines.add(t.line);
  }
  if (!columns.includes('adjusted') || !columns.includes('executed')) return null;
  // The unit note stands just before the column titles (`项目资金（万元）`), or among them.
  const near = tokens.slice(Math.max(0, start - 3), i).map((t) => t.text);
  const table: FundsTable = {
    headerLine: (tokens[start] as { line: number }).line,
    rows: [],
    lines,
    wan: WAN_NOTE.test(near.join(' '))
  };
  while (i < tokens.length) {
    const label = tokens[i] as { text: string; line: number };
    const key = rowKeyOf(label.text);
    if (!key) break;
    lines.add(label.line);
    const cells: string[] = [];
    i++;
    while (i < tokens.length && FUNDS_VALUE.test((tokens[i] as { text: string }).text.replace(/\s/g, ''))) {
      const t = tokens[i] as { text: string; line: number };
      cells.push(t.text);
      lines.add(t.line);
      i++;
    }
    const values: Partial<Record<FundsColumn, string>> = {};
    cells.forEach((text, k) => {
      const col = columns[k];
      if (col) values[col] = text;
    });
    table.rows.push({ key, line: label.line, values, extra: cells.slice(columns.length) });
  }
  return table;
}

/** The 总分 row: total weight and total score, as text. */
export function readTotalScore(row: Row): { weight: string | null; score: string | null } | null {
  const first = row.cells[0];
  if (!first || compact(first.text) !== '总分') return null;
  const nums = row.cells.slice(1).map((c) => c.text);
  if (nums.length >= 2) return { weight: nums[0] ?? null, score: nums[1] ?? null };
  return { weight: null, score: nums[0] ?? null };
}
