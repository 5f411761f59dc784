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

/**
 * Ingests every source. Fatal problems (an unrecognisable document, a project without a name or
 * an amount, a manifest row whose file is missing) are collected and thrown together as an
 * `IngestFailure`; everything else becomes a warning in the report.
 */
export function ingestSources(
  files: readonly SourceFile[],
  manifest: { entries: readonly ManifestEntry[]; problems: readonly ManifestProblem[] },
  opts: IngestOptions = {}
): { dataset: Dataset; report: IngestReport } {
  const manifestName = opts.manifestName ?? 'data/sources.csv';
  const errors: IngestError[] = [];
  const globalWarnings: IngestWarning[] = [];
  for (const p of manifest.problems) errors.push(new IngestError(manifestName, p.line, p.message));

  const byName = new Map(files.map((f) => [f.file, f]));
  manifest.entries.forEach((entry, i) => {
    if (!byName.has(entry.file))
      errors.push(new IngestError(manifestName, i + 2, `登记的文件 ${entry.file} 不存在`));
  });

  const parsed: { source: ParsedSource; file: SourceFile; encoding: SourceEncoding }[] = [];
  const seenHash = new Map<string, string>();
  const ordered = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const file of ordered) {
    const earlier = seenHash.get(file.sha256);
    if (earlier) {
      globalWarnings.push({
        file: file.file,
        line: 1,
        code: 'duplicate-source',
        message: `与 ${earlier} 内容完全相同（SHA-256 一致），未重复导入`
      });
      continue;
    }
    seenHash.set(file.sha256, file.file);
    const entry = manifest.entries.find((e) => e.file === file.file) ?? null;
    if (!entry)
      globalWarnings.push({
        file: file.file,
        line: 1,
        code: 'not-in-manifest',
        message: `未在 ${manifestName} 中登记，按文件内容导入`
      });
    try {
      const { text, encoding } = decodeSource(file.bytes, file.file);
      const source = parseDocument({
        file: file.file,
        text,
        sourceId: file.sha256.slice(0, 8),
        manifest: entry
      });
      warnSameNames(source);
      parsed.push({ source, file, encoding });
    } catch (e) {
      if (e instanceof IngestError) errors.push(e);
      else
        errors.push(new IngestError(file.file, 1, `解析失败：${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (errors.length) throw new IngestFailure(errors);

  const base: Omit<Dataset, 'checks'> = {
    projects: parsed.flatMap((p) => p.source.projects),
    indicators: parsed.flatMap((p) => p.source.indicators),
    budget_lines: parsed.flatMap((p) => p.source.budget_lines),
    safeguards: parsed.flatMap((p) => p.source.safeguards),
    sources: parsed.map(({ source, file }) => toSourceRecord(source, file.sha256))
  };
  const checks = opts.audit ? opts.audit(base) : [];
  const dataset: Dataset = { ...base, checks };
  const sources: SourceReport[] = parsed.map(({ source, file, encoding }) => ({
    file: source.file,
    sha256: file.sha256,
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
    warnings: source.warnings
  }));
  const report: IngestReport = {
    contract_version: CONTRACT_VERSION,
    sources,
    warnings: globalWarnings,
    totals: {
      sources: sources.length,
      projects: dataset.projects.length,
      indicators: dataset.indicators.length,
      budget_lines: dataset.budget_lines.length,
      safeguards: dataset.safeguards.length,
      warnings: globalWarnings.length + sources.reduce((n, s) => n + s.warnings.length, 0),
      checks: checks.length
    }
  };
  return { dataset, report };
}

function toSourceRecord(source: ParsedSource, sha256: string): SourceRecord {
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
