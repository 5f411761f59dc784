/**
 * CSV files in the data contract's column layout: the templates the 导入 page offers (one per
 * table, its header the contract's column names), and reading a filled-in template back into
 * records, every value checked against its column's type. Money is read as an exact decimal
 * string (never a float). Pure: text in, records and problems with line numbers out.
 */
import Papa from 'papaparse';
import { classifyTopic, seriesIdOf } from '../ingest/classify';
import { parseDate } from '../ingest/values';
import type {
  BudgetLineRecord,
  Dataset,
  IndicatorRecord,
  IngestWarning,
  ProjectRecord,
  SafeguardRecord
} from '../schema/records';
import { BOM } from '../csv';
import { TABLES, type ColumnSpec } from '../schema/tables';

/** The tables a CSV template can fill (sources and findings are derived, never imported). */
export const TEMPLATE_TABLES = ['projects', 'indicators', 'budget_lines', 'safeguards'] as const;
/** A table a CSV template can fill. */
export type TemplateTable = (typeof TEMPLATE_TABLES)[number];

/** Columns a row must fill; the others may stay empty (NULL) or are derived. */
const REQUIRED: Record<TemplateTable, readonly string[]> = {
  projects: ['project_id', 'form', 'year', 'district', 'name'],
  indicators: ['project_id', 'seq', 'name'],
  budget_lines: ['project_id', 'seq', 'amount'],
  safeguards: ['project_id', 'seq']
};

/** The template of a table: its header row, UTF-8 with a BOM so that Excel opens it. */
export function templateCsv(table: TemplateTable): string {
  return `${BOM}${TABLES[table].columns.map((c) => c.name).join(',')}\r\n`;
}

/** What reading a CSV gave: its table and records, or the problems that stop it (with lines). */
export type TemplateOutcome =
  | { ok: true; table: TemplateTable; dataset: Omit<Dataset, 'checks'>; warnings: IngestWarning[] }
  | { ok: false; errors: IngestWarning[] };

/** Which template a header row is: the table whose columns it names, all of them and only them. */
export function templateTableOf(header: readonly string[]): TemplateTable | null {
  const names = new Set(header.map((h) => h.trim()));
  for (const t of TEMPLATE_TABLES) {
    const cols = TABLES[t].columns.map((c) => c.name);
    if (cols.length === names.size && cols.every((c) => names.has(c))) return t;
  }
  return null;
}

const MONEY = /^-?\d{1,16}(?:\.\d{1,2})?$/;
const TRUE = new Set(['true', '1', '是', '✓', '√', 'yes']);
const FALSE = new Set(['false', '0', '否', '×', 'no']);

/**
 * A cell as the column's value: `{ value }`, or `{ problem }` when it does not fit the type. The
 * apostrophe the site's CSV exports put before a formula-like cell (`'=4`, `'-100.00`) is removed.
 */
export function cellValue(col: ColumnSpec, raw: string): { value: unknown } | { problem: string } {
  const text = raw.replace(/^'(?=[=+\-@\t\r])/, '').trim();
  if (text === '') return { value: null };
  switch (col.type) {
    case 'VARCHAR':
      return { value: text };
    case 'DECIMAL(18,2)': {
      // Exact: the digits are kept as text; thousands separators are allowed, nothing else.
      const plain = text.replace(/,/g, '');
      if (!MONEY.test(plain)) return { problem: `${col.name} 应为金额（元，最多两位小数），这里是“${text}”` };
      const [int = '0', frac = ''] = plain.replace('-', '').split('.');
      const digits = `${BigInt(int).toString()}.${(frac + '00').slice(0, 2)}`;
      return { value: plain.startsWith('-') && digits !== '0.00' ? `-${digits}` : digits };
    }
    case 'INTEGER':
    case 'SMALLINT': {
      if (!/^-?\d+$/.test(text)) return { problem: `${col.name} 应为整数，这里是“${text}”` };
      const n = Number(text);
      const max = col.type === 'SMALLINT' ? 32767 : 2147483647;
      if (Math.abs(n) > max) return { problem: `${col.name} 超出范围：${text}` };
      return { value: n };
    }
    case 'DOUBLE': {
      const n = Number(text);
      if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) || !Number.isFinite(n))
        return { problem: `${col.name} 应为数值，这里是“${text}”` };
      return { value: n };
    }
    case 'BOOLEAN': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { problem: `${col.name} 应为 true 或 false，这里是“${text}”` };
    }
    case 'DATE': {
      const d = parseDate(text);
      if (!d) return { problem: `${col.name} 应为日期（YYYY-MM-DD），这里是“${text}”` };
      return { value: d };
    }
  }
}

/**
 * Reads a filled-in template (`file` names it in messages and becomes the records' `source_file`
 * where the row leaves it empty; `source_line` defaults to the row's line in the CSV). Any cell
 * that does not fit its column stops the file, with its line: nothing half-read is added.
 */
export function parseTemplateCsv(file: string, text: string): TemplateOutcome {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const rows = parsed.data;
  const header = rows[0];
  const fail = (line: number, message: string): TemplateOutcome => ({
    ok: false,
    errors: [{ file, line, code: 'csv-template', message }]
  });
  if (!header) return fail(1, '文件是空的：第一行应为数据契约的列名');
  const table = templateTableOf(header);
  if (!table)
    return fail(
      1,
      `第一行不是任何模板的列名。请使用 ${TEMPLATE_TABLES.map((t) => `${t}.csv`).join('、')} 模板（列名须与数据契约一致）`
    );
  const errors: IngestWarning[] = [];
  const warnings: IngestWarning[] = [];
  for (const e of parsed.errors)
    errors.push({ file, line: (e.row ?? 0) + 1, code: 'csv-syntax', message: `CSV 格式错误：${e.message}` });
  const cols = TABLES[table].columns;
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const records: Record<string, unknown>[] = [];
  rows.slice(1).forEach((cells, k) => {
    // The row's line in the file (a cell with a line break inside quotes shifts later lines).
    const line = k + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length !== header.length) {
      errors.push({
        file,
        line,
        code: 'csv-columns',
        message: `第 ${line} 行有 ${cells.length} 列，表头有 ${header.length} 列`
      });
      return;
    }
    const record: Record<string, unknown> = {};
    for (const col of cols) {
      const got = cellValue(col, cells[index.get(col.name) as number] ?? '');
      if ('problem' in got) errors.push({ file, line, code: 'csv-value', message: got.problem });
      else record[col.name] = got.value;
    }
    for (const name of REQUIRED[table])
      if (record[name] === null)
        errors.push({ file, line, code: 'csv-required', message: `${name} 不能为空` });
    if (record.source_file === null) record.source_file = file;
    if (record.source_line === null) record.source_line = line;
    if (table === 'projects') completeProject(record, file, line, errors, warnings);
    if (table === 'indicators' && record.indicator_id === null)
      record.indicator_id = `${String(record.project_id)}-${String(record.seq).padStart(2, '0')}`;
    records.push(record);
  });
  if (errors.length) return { ok: false, errors };
  const dataset: Omit<Dataset, 'checks'> = {
    projects: [],
    indicators: [],
    budget_lines: [],
    safeguards: [],
    sources: []
  };
  if (table === 'projects') dataset.projects = records as unknown as ProjectRecord[];
  if (table === 'indicators') dataset.indicators = records as unknown as IndicatorRecord[];
  if (table === 'budget_lines') dataset.budget_lines = records as unknown as BudgetLineRecord[];
  if (table === 'safeguards') dataset.safeguards = records as unknown as SafeguardRecord[];
  return { ok: true, table, dataset, warnings };
}

/** A project row's checks and the values the ingest derives (series, topic) when left empty. */
function completeProject(
  record: Record<string, unknown>,
  file: string,
  line: number,
  errors: IngestWarning[],
  warnings: IngestWarning[]
): void {
  if (record.form !== null && record.form !== 'target' && record.form !== 'self_eval')
    errors.push({
      file,
      line,
      code: 'csv-value',
      message: `form 应为 target（申报表）或 self_eval（自评表），这里是“${String(record.form)}”`
    });
  const name = String(record.name ?? '');
  if (record.series_id === null) {
    record.series_id = seriesIdOf(String(record.department ?? record.district ?? ''), name);
    warnings.push({
      file,
      line,
      code: 'csv-derived',
      message: `series_id 未填，按主管部门与项目名称推定为 ${String(record.series_id)}`
    });
  }
  if (record.topic === null) {
    record.topic = classifyTopic(name);
    warnings.push({
      file,
      line,
      code: 'csv-derived',
      message: `topic 未填，按项目名称归为“${String(record.topic)}”`
    });
  }
}
