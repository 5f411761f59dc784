/**
 * The whole ingest, as a pure function: source files and the manifest in, the contract's tables
 * and the report out. The command-line script only reads files and writes Parquet around it;
 * the browser's import page runs the same function.
 */
import type { CheckRecord, Dataset, IngestWarning, Layout, Form, SourceRecord } from '../schema/records';
import { CONTRACT_VERSION } from '../schema/tables';
import { decodeSource, type SourceEncoding } from './decode';
import { IngestError, parseDocument, type ManifestEntry, type ParsedSource } from './document';
import type { ManifestProblem } from './manifest';
import { compact } from './text';

/** A source file as read from disk or dropped in the browser. */
export interface SourceFile {
  file: string;
  bytes: Uint8Array;
  sha256: string;
}

/** What the last ingest did, per source file. Written as report.json. */
export interface IngestReport {
  contract_version: number;
  sources: SourceReport[];
  /** Warnings not tied to one source (the manifest, duplicates). */
  warnings: IngestWarning[];
  totals: {
    sources: number;
    projects: number;
    indicators: number;
    budget_lines: number;
    safeguards: number;
    warnings: number;
    checks: number;
  };
}

/** One source file in the report. */
export interface SourceReport {
  file: string;
  sha256: string;
  encoding: SourceEncoding;
  layout: Layout;
  form: Form;
  year: number;
  district: string;
  department: string | null;
  projects: number;
  indicators: number;
  budget_lines: number;
  safeguards: number;
  warnings: IngestWarning[];
  /** Names and phone numbers removed from its records and warnings (“N 处个人信息已删除”). */
  redactions: number;
}

/** Fatal problems of a whole run; the message lists each as `file:line: reason`. */
export class IngestFailure extends Error {
  constructor(readonly errors: readonly IngestError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'IngestFailure';
  }
}

/** Options of a run. */
export interface IngestOptions {
  /** Name of the manifest file, for messages. */
  manifestName?: string;
  /** Audit rules run over the records (they fill checks). */
  audit?: (dataset: Omit<Dataset, 'checks'>) => CheckRecord[];
}

/** One source to parse, with its manifest row. Plain data: it can be posted to a worker. */
export interface SourceJob {
  file: SourceFile;
  entry: ManifestEntry | null;
}

/** What parsing one source gave: its records, or the reason it cannot be ingested. Plain data. */
export type ParseOutcome =
  | { ok: true; source: ParsedSource; encoding: SourceEncoding }
  | { ok: false; error: { file: string; line: number; reason: string } };

/** The sources to parse, and what is already wrong or odd before any is parsed. */
export interface IngestPlan {
  jobs: SourceJob[];
  errors: IngestError[];
  warnings: IngestWarning[];
}

/**
 * Matches the files with the manifest: a manifest row whose file is missing is an error, a file
 * without a row or with the same content as another (SHA-256) a warning. Files are taken in
 * name order, so ids and output do not depend on the order they were read in.
 */
export function planIngest(
  files: readonly SourceFile[],
  manifest: { entries: readonly ManifestEntry[]; problems: readonly ManifestProblem[] },
  manifestName = 'data/sources.csv'
): IngestPlan {
  const errors: IngestError[] = [];
  const warnings: IngestWarning[] = [];
  for (const p of manifest.problems) errors.push(new IngestError(manifestName, p.line, p.message));

  const byName = new Set(files.map((f) => f.file));
  const entries = new Map<string, ManifestEntry>();
  manifest.entries.forEach((entry, i) => {
    if (!entries.has(entry.file)) entries.set(entry.file, entry);
    if (!byName.has(entry.file))
      errors.push(new IngestError(manifestName, i + 2, `登记的文件 ${entry.file} 不存在`));
  });

  const jobs: SourceJob[] = [];
  const seenHash = new Map<string, string>();
  const ordered = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const file of ordered) {
    const earlier = seenHash.get(file.sha256);
    if (earlier) {
      warnings.push({
        file: file.file,
        line: 1,
        code: 'duplicate-source',
        message: `与 ${earlier} 内容完全相同（SHA-256 一致），未重复导入`
      });
      continue;
    }
    seenHash.set(file.sha256, file.file);
    const entry = entries.get(file.file) ?? null;
    if (!entry)
      warnings.push({
        file: file.file,
        line: 1,
        code: 'not-in-manifest',
        message: `未在 ${manifestName} 中登记，按文件内容导入`
      });
    jobs.push({ file, entry });
  }
  return { jobs, errors, warnings };
}

/** Decodes and parses one source. Never throws: a fatal problem is returned as `{ ok: false }`. */
export function parseSource(job: SourceJob): ParseOutcome {
  const { file, entry } = job;
  try {
    const { text, encoding } = decodeSource(file.bytes, file.file);
    const source = parseDocument({
      file: file.file,
      text,
      sourceId: file.sha256.slice(0, 8),
      manifest: entry
    });
    warnSameNames(source);
    return { ok: true, source, encoding };
  } catch (e) {
    if (e instanceof IngestError)
      return { ok: false, error: { file: e.file, line: e.line, reason: e.reason } };
    const reason = `解析失败：${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: { file: file.file, line: 1, reason } };
  }
}

/**
 * The contract's tables and the report from the parsed sources (in the plan's order). Fatal
 * problems (an unrecognisable document, a project without a name or an amount, a manifest row
 * whose file is missing) are thrown together as an `IngestFailure`.
 */
export function assembleIngest(
  plan: IngestPlan,
  outcomes: readonly ParseOutcome[],
  opts: IngestOptions = {}
): { dataset: Dataset; report: IngestReport } {
  const errors = [...plan.errors];
  const parsed: { source: ParsedSource; file: SourceFile; encoding: SourceEncoding }[] = [];
  outcomes.forEach((o, i) => {
    if (o.ok) parsed.push({ source: o.source, file: (plan.jobs[i] as SourceJob).file, encoding: o.encoding });
    else errors.push(new IngestError(o.error.file, o.error.line, o.error.reason));
  });
  if (errors.length) throw new IngestFailure(errors);

  const base: Omit<Dataset, 'checks'> = {
    projects: concat(parsed.map((p) => p.source.projects)),
    indicators: concat(parsed.map((p) => p.source.indicators)),
    budget_lines: concat(parsed.map((p) => p.source.budget_lines)),
    safeguards: concat(parsed.map((p) => p.source.safeguards)),
    sources: parsed.map(({ source, file }) => toSourceRecord(source, file.sha256))
  };
  const checks = opts.audit ? opts.audit(base) : [];
  const dataset: Dataset = { ...base, checks };
  const report = reportOf(
    plan.warnings,
    parsed.map(({ source, file, encoding }) => sourceReportOf(source, file.sha256, encoding)),
    {
      budget_lines: dataset.budget_lines.length,
      safeguards: dataset.safeguards.length,
      checks: checks.length
    }
  );
  return { dataset, report };
}

/** One source in the report. */
export function sourceReportOf(source: ParsedSource, sha256: string, encoding: SourceEncoding): SourceReport {
  return {
    file: source.file,
    sha256,
    encoding,
    layout: source.layout,
    form: source.form,
    year: source.year,
    district: source.district,
    department: source.department,
    projects: source.projects.length,
    indicators: source.indicators.length,
    budget_lines: source.budget_lines.length,
    safeguards: source.safeguards.length,
    warnings: source.warnings,
    redactions: source.redactions
  };
}

/** The report of a run, from its sources' reports and the counts of what was written. */
export function reportOf(
  warnings: readonly IngestWarning[],
  sources: SourceReport[],
  counts: { budget_lines: number; safeguards: number; checks: number }
): IngestReport {
  return {
    contract_version: CONTRACT_VERSION,
    sources,
    warnings: [...warnings],
    totals: {
      sources: sources.length,
      projects: sources.reduce((n, s) => n + s.projects, 0),
      indicators: sources.reduce((n, s) => n + s.indicators, 0),
      budget_lines: counts.budget_lines,
      safeguards: counts.safeguards,
      warnings: warnings.length + sources.reduce((n, s) => n + s.warnings.length, 0),
      checks: counts.checks
    }
  };
}

/**
 * Ingests every source in this thread: plan, parse, assemble. (The command-line script parses
 * in worker threads instead; the result is the same.)
 */
export function ingestSources(
  files: readonly SourceFile[],
  manifest: { entries: readonly ManifestEntry[]; problems: readonly ManifestProblem[] },
  opts: IngestOptions = {}
): { dataset: Dataset; report: IngestReport } {
  const plan = planIngest(files, manifest, opts.manifestName);
  return assembleIngest(plan, plan.jobs.map(parseSource), opts);
}

/** Concatenates many arrays without spreading them into arguments (safe at millions of rows). */
function concat<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}

/** The row of sources.parquet for a source. */
export function toSourceRecord(source: ParsedSource, sha256: string): SourceRecord {
  return {
    source_file: source.file,
    sha256,
    layout: source.layout,
    form: source.form,
    year: source.year,
    district: source.district,
    department: source.department,
    projects: source.projects.length,
    indicators: source.indicators.length,
    warnings: source.warnings.length
  };
}

/** Two projects with the same name in one file are both kept, with a warning. */
function warnSameNames(source: ParsedSource): void {
  const seen = new Map<string, number>();
  for (const p of source.projects) {
    const key = compact(p.name);
    const first = seen.get(key);
    if (first !== undefined)
      source.warnings.push({
        file: source.file,
        line: p.source_line,
        code: 'duplicate-project-name',
        message: `项目“${p.name}”在本文件中出现两次（另见第 ${first} 行），两者均已导入`
      });
    else seen.set(key, p.source_line);
  }
}
