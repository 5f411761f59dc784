/**
 * Record types of the data contract, shared by the ingest (which produces them) and the site
 * (which reads them back). Field names and order match `TABLES` in ./tables.ts; a unit test keeps
 * them in step.
 */

/** Yuan as an exact decimal string with two places, e.g. `'11143200.00'`; never a float. */
export type Money = string;
/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;
/** The two kinds of form. */
export type Form = 'target' | 'self_eval';
/** Comparison operators a target can carry. */
export type TargetOp = '>=' | '<=' | '=' | '>' | '<';
/** Severity of an audit finding or an ingest warning. */
export type Severity = 'error' | 'warning' | 'info';
/**
 * How a source was laid out: text exports (Markdown pipe tables, tab-separated, PDF text), or a
 * published PDF or workbook read from its pages.
 */
export type Layout = 'markdown' | 'tsv' | 'text' | 'pdf' | 'xlsx' | 'xls';

/** projects.parquet: one row per project per form. */
export interface ProjectRecord {
  project_id: string;
  source_file: string;
  source_line: number;
  form: Form;
  year: number;
  district: string;
  department: string | null;
  implementing_unit: string | null;
  name: string;
  nature: string | null;
  category: string | null;
  series_id: string;
  topic: string;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  goal: string | null;
  long_term_goal: string | null;
  outcome: string | null;
  project_total: Money | null;
  annual_amount: Money | null;
  fiscal_amount: Money | null;
  carryover_amount: Money | null;
  other_amount: Money | null;
  fiscal_superior: Money | null;
  fiscal_local: Money | null;
  fiscal_subordinate: Money | null;
  budget_initial: Money | null;
  budget_adjusted: Money | null;
  executed_amount: Money | null;
  execution_rate: number | null;
  execution_weight: number | null;
  execution_score: number | null;
  total_score: number | null;
  province: string | null;
  city: string | null;
  county: string | null;
  /** PDF page or worksheet number; null for text sources (then source_line is the file's line). */
  source_page: number | null;
}

/** indicators.parquet: one row per 三级指标. */
export interface IndicatorRecord {
  indicator_id: string;
  project_id: string;
  seq: number;
  level1: string | null;
  level2: string | null;
  level1_raw: string | null;
  level2_raw: string | null;
  name: string;
  target_text: string | null;
  target_op: TargetOp | null;
  target_value: number | null;
  target_unit: string | null;
  actual_text: string | null;
  actual_value: number | null;
  actual_unit: string | null;
  weight: number | null;
  score: number | null;
  deviation: string | null;
  basis: string | null;
  achieved: boolean | null;
  source_line: number;
  source_page: number | null;
}

/** budget_lines.parquet: 项目构成分解 of the 2020 form. */
export interface BudgetLineRecord {
  project_id: string;
  seq: number;
  content: string | null;
  detail: string | null;
  amount: Money;
  unit_price: Money | null;
  quantity: number | null;
  note: string | null;
  source_file: string;
  source_line: number;
  source_page: number | null;
}

/** safeguards.parquet: 制度保障 of the 2020 form. */
export interface SafeguardRecord {
  project_id: string;
  seq: number;
  kind: string | null;
  document: string | null;
  measures: string | null;
  at_planning: boolean | null;
  at_implementation: boolean | null;
  at_completion: boolean | null;
  source_file: string;
  source_line: number;
  source_page: number | null;
}

/** sources.parquet: one row per source file. */
export interface SourceRecord {
  source_file: string;
  sha256: string;
  layout: Layout;
  form: Form;
  year: number;
  district: string;
  department: string | null;
  projects: number;
  indicators: number;
  warnings: number;
  pages: number | null;
  title: string | null;
  url: string | null;
}

/** checks.parquet: one audit finding. */
export interface CheckRecord {
  rule: string;
  severity: Severity;
  project_id: string;
  indicator_id: string | null;
  message: string;
  expected: number | null;
  actual: number | null;
}

/** Something odd but recoverable the ingest met in a source: where it was and what was wrong. */
export interface IngestWarning {
  file: string;
  /** The line in a text source; in a PDF or workbook, the line on `page`. */
  line: number;
  /** PDF page or worksheet number, for sources read from pages. */
  page?: number;
  code: string;
  message: string;
}

/** Rows of every table, as the ingest produces them for one or more sources. */
export interface Dataset {
  projects: ProjectRecord[];
  indicators: IndicatorRecord[];
  budget_lines: BudgetLineRecord[];
  safeguards: SafeguardRecord[];
  sources: SourceRecord[];
  checks: CheckRecord[];
}
