/**
 * 项目构成分解 of the 2020 form: the itemised budget (项目名称 / 项目内容 / 项目明细 / 明细金额 /
 * 单价 / 数量 / 备注). Columns shift from row to row in the exports, so a row is read by shape:
 * texts, then the amount, the unit price and the quantity, then the note.
 */
import type { Money } from '../schema/records';
import type { Row } from './layout';
import type { TableWarning } from './indicators/index';
import { compact, tidyText } from './text';
import { parseMoney, parseNumber } from './values';

/** One line of the itemised budget, before ids are given. */
export interface BudgetLineDraft {
  line: number;
  content: string | null;
  detail: string | null;
  amount: Money;
  unit_price: Money | null;
  quantity: number | null;
  note: string | null;
}

const AMOUNT_CELL = /^-?\d[\d,]*(?:\.\d+)?$/;

/** True for the header row of the itemised budget. */
export function isBudgetHeaderRow(row: Row): boolean {
  const keys = row.cells.map((c) => compact(c.text));
  return keys.includes('明细金额') && (keys.includes('项目内容') || keys.includes('项目明细'));
}

function isTotalRow(row: Row): boolean {
  return row.cells.some((c) => compact(c.text) === '金额合计' || compact(c.text) === '合计');
}

/** Reads the rows after the header up to 金额合计. `projectName` helps recognise its own column. */
export function readBudgetLines(
  rows: readonly Row[],
  projectName: string
): { lines: BudgetLineDraft[]; warnings: TableWarning[]; consumed: Set<number> } {
  const lines: BudgetLineDraft[] = [];
  const warnings: TableWarning[] = [];
  const consumed = new Set<number>();
  let ended = false;
  for (const row of rows) {
    if (row.kind === 'blank' || row.kind === 'separator') continue;
    if (isBudgetHeaderRow(row)) {
      consumed.add(row.line);
      continue;
    }
    consumed.add(row.line);
    if (isTotalRow(row)) {
      ended = true;
      continue;
    }
    if (ended) {
      const text = row.cells.map((c) => c.text).join(' | ');
      warnings.push({
        line: row.line,
        code: 'after-budget-total',
        message: `金额合计之后的内容未读取：“${text.slice(0, 60)}”`
      });
      continue;
    }
    const cells = row.cells.map((c) => c.text).filter((t) => compact(t) !== '项目构成分解');
    const at = cells.findIndex((t) => AMOUNT_CELL.test(t.replace(/\s/g, '')));
    if (at < 0) {
      if (cells.length)
        warnings.push({
          line: row.line,
          code: 'budget-line-without-amount',
          message: `项目构成分解行没有金额：“${cells.join(' | ').slice(0, 60)}”`
        });
      continue;
    }
    const amount = parseMoney(cells[at]);
    if (!amount) {
      warnings.push({
        line: row.line,
        code: 'budget-line-bad-amount',
        message: `无法识别的明细金额“${cells[at]}”`
      });
      continue;
    }
    const texts = cells.slice(0, at).map(tidyText);
    // Right-aligned: the last text is 项目明细, the one before 项目内容; what precedes is the
    // project's own (truncated) name.
    let detail: string | null = texts.length ? (texts[texts.length - 1] as string) : null;
    let content: string | null = texts.length >= 3 ? (texts[texts.length - 2] as string) : null;
    if (texts.length === 2 && !resemblesName(texts[0] as string, projectName)) {
      content = texts[0] as string;
    }
    if (texts.length === 1) {
      content = null;
      detail = texts[0] as string;
    }
    const after = cells.slice(at + 1);
    const numbers: string[] = [];
    const notes: string[] = [];
    for (const t of after) {
      if (numbers.length < 2 && AMOUNT_CELL.test(t.replace(/\s/g, '')) && notes.length === 0) numbers.push(t);
      else if (!/^-+$/.test(t)) notes.push(t);
    }
    const unitPrice = numbers[0] !== undefined ? (parseMoney(numbers[0]) ?? null) : null;
    for (const [what, value] of [
      ['明细金额', amount],
      ['单价', unitPrice]
    ] as const)
      if (value?.startsWith('-'))
        warnings.push({
          line: row.line,
          code: 'negative-amount',
          message: `${what}为负数（${value} 元），已照原表读入`
        });
    const quantity = numbers[1] !== undefined ? (parseNumber(numbers[1]) ?? null) : null;
    lines.push({
      line: row.line,
      content,
      detail,
      amount,
      unit_price: unitPrice,
      quantity,
      note: notes.length ? tidyText(notes.join(' ')) : null
    });
  }
  return { lines, warnings, consumed };
}

/** True when a cell is the project's name, possibly cut short by the export. */
function resemblesName(cell: string, projectName: string): boolean {
  const a = compact(cell);
  const b = compact(projectName);
  return a.length >= 2 && (b.includes(a) || a.includes(b));
}
