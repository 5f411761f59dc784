/**
 * The whole ingest, one orchestration for every caller: plan the sources against the manifest,
 * read and parse each (`ingestSource`: any format, audited project by project), then finish the
 * run (`finishIngest`: the findings across projects, the report, what was refused). The command
 * line parses in worker threads and writes Parquet; the tests and the browser's import page keep
 * the records in memory (`ingestSources`). One refused document never blocks the rest, unless
 * the run is strict.
 */
import type {
  CheckRecord,
  Dataset,
  Form,
  IngestWarning,
  Layout,
  ProjectRecord,
  Severity,
  SourceRecord
} from '../schema/records';
import { CONTRACT_VERSION } from '../schema/tables';
import { IngestError, parseRows, placeOf, type ManifestEntry, type ParsedSource } from './document';
import { readSource, type FormatEnv, type SourceEncoding } from './formats/index';
import type { ManifestProblem } from './manifest';
import { compact } from './text';

/** A source file as read from disk or dropped in the browser. */
export interface SourceFile {
  file: string;
  bytes: Uint8Array;
  sha256: string;
}

/** A document, a project in one, or a manifest row that was not ingested, and why. */
export interface Refusal {
  file: string;
  /** The line in a text file or the manifest; in a PDF or workbook, the line on `page`. */
  line: number;
  page: number | null;
  reason: string;
}

/** What the last ingest did, per source file. Written as report.json. */
export interface IngestReport {
  contract_version: number;
  sources: SourceReport[];
  /** Warnings not tied to one source (the manifest, duplicates). */
  warnings: IngestWarning[];
  /** Everything not ingested: documents, projects in them, manifest rows; each `file:line: reason`. */
  refused: Refusal[];
  totals: {
    sources: number;
    projects: number;
    indicators: number;
    budget_lines: number;
    safeguards: number;
    warnings: number;
    checks: number;
    refused: number;
    /** Names and phone numbers left out, over every source. */
    redactions: number;
  };
}

/** One source file in the report. */
export interface SourceReport {
  file: string;
  sha256: string;
  /** The text encoding; null for a PDF or a workbook. */
  encoding: SourceEncoding | null;
  layout: Layout;
  form: Form;
  year: number;
  district: string;
  department: string | null;
  /** PDF pages or worksheets; null for text. */
  pages: number | null;
  /** Pages that hold no form (a budget book's narrative and tables), skipped. */
  skipped_pages: number[];
  projects: number;
  indicators: number;
  budget_lines: number;
  safeguards: number;
  warnings: IngestWarning[];
  /** Names and phone numbers removed from its records and warnings (“N 处个人信息已删除”). */
  redactions: number;
}

/** A strict run that met refusals: nothing is written; the message lists each as `file:line: reason`. */
export class IngestFailure extends Error {
  constructor(readonly refused: readonly Refusal[]) {
    super(refused.map(describeRefusal).join('\n'));
    this.name = 'IngestFailure';
  }
}

/** `file:line: reason`, or `file 第 3 页第 12 行：reason` for a place on a page. */
export function describeRefusal(r: Refusal): string {
  return `${placeOf(r.file, r.line, r.page)}${r.page === null ? ': ' : '：'}${r.reason}`;
}

/** The rules a run applies to what it reads (injected: the ingest does not depend on the audit). */
export interface IngestAudit {
  /** Rules over one project with its own indicators and budget lines. */
  project: (
    p: ProjectRecord,
    indicators: Dataset['indicators'],
    lines: Dataset['budget_lines']
  ) => CheckRecord[];
  /** Rules across projects (a project followed over the years). */
  series: (projects: readonly ProjectRecord[]) => CheckRecord[];
}

/** Options of a run. */
export interface IngestOptions {
  /** Name of the manifest file, for messages. */
  manifestName?: string;
  /** Audit rules run over the records (they fill checks); none when absent. */
  audit?: IngestAudit;
  /** All or nothing: any refusal fails the whole run (`--strict`). */
  strict?: boolean;
  /** Where the PDF reader finds its character maps and fonts. */
  formats?: FormatEnv;
}

/** One source to parse, with its manifest row. Plain data: it can be posted to a worker. */
export interface SourceJob {
  file: SourceFile;
  entry: ManifestEntry | null;
}

/** What reading one source gave, as the whole run needs it (records stay with the caller). */
export type SourceSummary =
  | {
      ok: true;
      report: SourceReport;
      record: SourceRecord;
      projects: ProjectRecord[];
      refused: Refusal[];
      severities: Severity[];
    }
  | { ok: false; refusal: Refusal };

/** What reading one source gave: its records and findings, or why it was refused. */
export type SourceOutcome =
  | (Extract<SourceSummary, { ok: true }> & { source: ParsedSource; checks: CheckRecord[] })
  | Extract<SourceSummary, { ok: false }>;

/** The sources to read, and what is already wrong or odd before any is read. */
export interface IngestPlan {
  jobs: SourceJob[];
  refused: Refusal[];
  warnings: IngestWarning[];
}

/**
 * Matches the files with the manifest: a manifest row that cannot be used or whose file is
 * missing is refused, a file without a row or with the same content as another (SHA-256) is a
 * warning. Files are taken in name order, so ids and output do not depend on the order they were
 * read in.
 */
export function planIngest(
  files: readonly SourceFile[],
  manifest: {
    entries: readonly ManifestEntry[];
    problems: readonly ManifestProblem[];
    notes?: readonly ManifestProblem[];
  },
  manifestName = 'data/sources.csv'
): IngestPlan {
  const refused: Refusal[] = [];
  const warnings: IngestWarning[] = (manifest.notes ?? []).map((n) => ({
    file: manifestName,
    line: n.line,
    code: 'manifest-note',
    message: n.message
  }));
  const refuse = (line: number, reason: string) =>
    refused.push({ file: manifestName, line, page: null, reason });
  for (const p of manifest.problems) refuse(p.line, p.message);

  const byName = new Set(files.map((f) => f.file));
  const entries = new Map<string, ManifestEntry>();
  manifest.entries.forEach((entry, i) => {
    if (!entries.has(entry.file)) entries.set(entry.file, entry);
    if (!byName.has(entry.file)) refuse(i + 2, `登记的文件 ${entry.file} 不存在`);
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
  return { jobs, refused, warnings };
}

/**
 * Reads, parses and audits one source, whatever its format. Never throws for a bad source: a
 * document that cannot be read is returned refused, with its place and reason.
 */
export async function ingestSource(job: SourceJob, opts: IngestOptions = {}): Promise<SourceOutcome> {
  const { file, entry } = job;
  try {
    const read = await readSource(file, opts.formats ?? {});
    const source = parseRows({
      file: file.file,
      rows: read.rows,
      layout: read.layout,
      sourceId: file.sha256.slice(0, 8),
      manifest: entry,
      places: read.places
    });
    source.warnings.unshift(...read.warnings);
    source.refused.unshift(...read.refused);
    warnSameNames(source);
    const checks = opts.audit ? auditEach(source, opts.audit) : [];
    const report = sourceReportOf(source, file.sha256, read.encoding, read.pages, read.skippedPages);
    return {
      ok: true,
      source,
      checks,
      report,
      record: toSourceRecord(source, file.sha256, read.pages, entry),
      projects: source.projects,
      refused: source.refused.map(refusalOf),
      severities: checks.map((c) => c.severity)
    };
  } catch (e) {
    if (e instanceof IngestError) return { ok: false, refusal: refusalOf(e) };
    const reason = `解析失败：${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, refusal: { file: file.file, line: 1, page: null, reason } };
  }
}

/** The one-project rules over each project of a source, with its own rows. */
function auditEach(source: ParsedSource, audit: IngestAudit): CheckRecord[] {
  const indicators = byProject(source.indicators);
  const lines = byProject(source.budget_lines);
  const out: CheckRecord[] = [];
  for (const p of source.projects)
    for (const c of audit.project(p, indicators.get(p.project_id) ?? [], lines.get(p.project_id) ?? []))
      out.push(c);
  return out;
}

function byProject<T extends { project_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.project_id);
    if (list) list.push(r);
    else map.set(r.project_id, [r]);
  }
  return map;
}

function refusalOf(e: IngestError): Refusal {
  return { file: e.file, line: e.line, page: e.page, reason: e.reason };
}

/** What a finished run gives besides the records: the report and the findings across projects. */
export interface IngestRun {
  report: IngestReport;
  /** Findings across projects (series), to add to the per-project ones. */
  seriesChecks: CheckRecord[];
  /** Findings by severity, per-project and series together. */
  severities: Record<Severity, number>;
}

/**
 * Finishes a run from its sources' summaries (in the plan's order): the findings across projects,
 * the report, and every refusal in one list. A strict run with any refusal throws `IngestFailure`.
 */
export function finishIngest(
  plan: IngestPlan,
  summaries: readonly SourceSummary[],
  counts: { budget_lines: number; safeguards: number },
  opts: IngestOptions = {}
): IngestRun {
  const refused = [...plan.refused];
  const done: Extract<SourceSummary, { ok: true }>[] = [];
  for (const s of summaries) {
    if (s.ok) {
      done.push(s);
      refused.push(...s.refused);
    } else refused.push(s.refusal);
  }
  if (opts.strict && refused.length) throw new IngestFailure(refused);
  const projects: ProjectRecord[] = [];
  for (const s of done) for (const p of s.projects) projects.push(p);
  const seriesChecks = opts.audit ? opts.audit.series(projects) : [];
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const s of done) for (const sev of s.severities) severities[sev]++;
  for (const c of seriesChecks) severities[c.severity]++;
  const report = reportOf(
    plan.warnings,
    done.map((s) => s.report),
    refused,
    { ...counts, checks: severities.error + severities.warning + severities.info }
  );
  return { report, seriesChecks, severities };
}

/**
 * Ingests every source in this thread and keeps the records in memory: plan, read, finish. (The
 * command-line script reads in worker threads and writes Parquet instead; the result is the same.)
 */
export async function ingestSources(
  files: readonly SourceFile[],
  manifest: { entries: readonly ManifestEntry[]; problems: readonly ManifestProblem[] },
  opts: IngestOptions = {}
): Promise<{ dataset: Dataset; report: IngestReport }> {
  const plan = planIngest(files, manifest, opts.manifestName);
  const outcomes: SourceOutcome[] = [];
  for (const job of plan.jobs) outcomes.push(await ingestSource(job, opts));
  const ok = outcomes.filter((o): o is Extract<SourceOutcome, { ok: true }> => o.ok);
  const dataset: Dataset = {
    projects: concat(ok.map((o) => o.source.projects)),
    indicators: concat(ok.map((o) => o.source.indicators)),
    budget_lines: concat(ok.map((o) => o.source.budget_lines)),
    safeguards: concat(ok.map((o) => o.source.safeguards)),
    sources: ok.map((o) => o.record),
    checks: concat(ok.map((o) => o.checks))
  };
  const run = finishIngest(
    plan,
    outcomes,
    { budget_lines: dataset.budget_lines.length, safeguards: dataset.safeguards.length },
    opts
  );
  for (const c of run.seriesChecks) dataset.checks.push(c);
  return { dataset, report: run.report };
}

/** One source in the report. */
export function sourceReportOf(
  source: ParsedSource,
  sha256: string,
  encoding: SourceEncoding | null,
  pages: number | null = null,
  skippedPages: number[] = []
): SourceReport {
  return {
    file: source.file,
    sha256,
    encoding,
    layout: source.layout,
    form: source.form,
    year: source.year,
    district: source.district,
    department: source.department,
    pages,
    skipped_pages: skippedPages,
    projects: source.projects.length,
    indicators: source.indicators.length,
    budget_lines: source.budget_lines.length,
    safeguards: source.safeguards.length,
    warnings: source.warnings,
    redactions: source.redactions
  };
}

/** The report of a run, from its sources' reports, its refusals and the counts of what was written. */
export function reportOf(
  warnings: readonly IngestWarning[],
  sources: SourceReport[],
  refused: readonly Refusal[],
  counts: { budget_lines: number; safeguards: number; checks: number }
): IngestReport {
  return {
    contract_version: CONTRACT_VERSION,
    sources,
    warnings: [...warnings],
    refused: [...refused],
    totals: {
      sources: sources.length,
      projects: sources.reduce((n, s) => n + s.projects, 0),
      indicators: sources.reduce((n, s) => n + s.indicators, 0),
      budget_lines: counts.budget_lines,
      safeguards: counts.safeguards,
      warnings: warnings.length + sources.reduce((n, s) => n + s.warnings.length, 0),
      checks: counts.checks,
      refused: refused.length,
      redactions: sources.reduce((n, s) => n + s.redactions, 0)
    }
  };
}

/** Concatenates many arrays without spreading them into arguments (safe at millions of rows). */
function concat<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}

/** The row of sources.parquet for a source. */
export function toSourceRecord(
  source: ParsedSource,
  sha256: string,
  pages: number | null = null,
  entry: ManifestEntry | null = null
): SourceRecord {
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
    warnings: source.warnings.length,
    pages,
    title: entry?.title ?? null,
    url: entry?.url ?? null
  };
}

/** Two projects with the same name in one file are both kept, with a warning. */
function warnSameNames(source: ParsedSource): void {
  const seen = new Map<string, { line: number; page: number | null }>();
  for (const p of source.projects) {
    const key = compact(p.name);
    const first = seen.get(key);
    if (first !== undefined)
      source.warnings.push({
        file: source.file,
        line: p.source_line,
        ...(p.source_page === null ? {} : { page: p.source_page }),
        code: 'duplicate-project-name',
        message: `项目“${p.name}”在本文件中出现两次（另见${first.page === null ? '' : `第 ${first.page} 页`}第 ${first.line} 行），两者均已导入`
      });
    else seen.set(key, { line: p.source_line, page: p.source_page });
  }
}
