/**
 * `npm run ingest`: reads data/sources.csv and data/raw/, parses every form, runs the audit
 * rules and writes the Parquet files and report.json of the data contract to static/data/.
 *
 * Options: --raw <dir> --manifest <csv> --out <dir> --quiet
 *          --stats <file>  also write the run's figures (time, bytes, peak memory) as JSON
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditSeries } from '../src/lib/audit/index';
import { IngestError } from '../src/lib/ingest/document';
import { parseManifest } from '../src/lib/ingest/manifest';
import {
  IngestFailure,
  planIngest,
  reportOf,
  type IngestReport,
  type SourceFile
} from '../src/lib/ingest/pipeline';
import type { ProjectRecord, Severity } from '../src/lib/schema/records';
import type { BatchOutcome } from './lib/ingest-batch';
import { ingestAll } from './lib/parallel';
import { PartWriter } from './lib/parts';
import { TABLE_NAMES } from '../src/lib/schema/tables';
import { writeParquetFromParts } from './lib/parquet';
import { replaceFolder } from './lib/output';
import { formatSummary } from './lib/summary';

const { values } = parseArgs({
  options: {
    raw: { type: 'string', default: 'data/raw' },
    manifest: { type: 'string', default: 'data/sources.csv' },
    out: { type: 'string', default: 'static/data' },
    quiet: { type: 'boolean', default: false },
    stats: { type: 'string' }
  }
});
const rawDir = values.raw as string;
const manifestPath = values.manifest as string;
const outDir = values.out as string;

function readSources(dir: string): SourceFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(path.join(dir, name)).isFile())
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      return { file: name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(): Promise<number> {
  const started = performance.now();
  const manifestText = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '';
  const manifest = manifestText
    ? parseManifest(manifestText)
    : { entries: [], problems: [{ line: 1, message: '清单文件不存在' }] };
  const files = readSources(rawDir);
  const plan = planIngest(files, manifest, manifestPath);
  let report: IngestReport | null = null;
  const timings = { parse: 0, write: 0 };
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  try {
    await replaceFolder(outDir, async (dir) => {
      // Worker threads parse, audit each project and write their rows as part files; the main
      // thread adds the cross-year findings, and DuckDB writes Parquet.
      const parts = path.join(dir, '.parts');
      const parseStarted = performance.now();
      const outcomes = await ingestAll(plan.jobs, parts);
      timings.parse = performance.now() - parseStarted;
      const errors = [...plan.errors];
      const done: Extract<BatchOutcome, { ok: true }>[] = [];
      for (const o of outcomes) {
        if (o.ok) done.push(o);
        else errors.push(new IngestError(o.error.file, o.error.line, o.error.reason));
      }
      if (errors.length) throw new IngestFailure(errors);
      const projects: ProjectRecord[] = [];
      for (const o of done) for (const p of o.projects) projects.push(p);
      const series = auditSeries(projects);
      const writer = new PartWriter(parts, 'run');
      try {
        writer.append('checks', series);
      } finally {
        writer.close();
      }
      const writeStarted = performance.now();
      await writeParquetFromParts(parts, dir);
      timings.write = performance.now() - writeStarted;
      rmSync(parts, { recursive: true, force: true });
      for (const o of done) for (const sev of o.checks) severities[sev]++;
      for (const c of series) severities[c.severity]++;
      const sum = (key: 'budget_lines' | 'safeguards') => done.reduce((n, o) => n + o.report[key], 0);
      report = reportOf(
        plan.warnings,
        done.map((o) => o.report),
        {
          budget_lines: sum('budget_lines'),
          safeguards: sum('safeguards'),
          checks: severities.error + severities.warning + severities.info
        }
      );
      writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    });
  } catch (e) {
    if (e instanceof IngestFailure) {
      console.error(`导入失败（${e.errors.length} 个错误），${outDir}/ 保持不变：`);
      for (const err of e.errors) console.error(`  ${err.message}`);
      return 1;
    }
    throw e;
  }
  if (values.stats && report) writeStats(values.stats, report, files, started, timings);
  if (!values.quiet && report) {
    console.log(formatSummary(report, severities));
    console.log(
      `输出：${outDir}/{${TABLE_NAMES.join(',')}}.parquet 与 report.json（${seconds(performance.now() - started)} 秒：解析 ${seconds(timings.parse)}，写入 Parquet ${seconds(timings.write)}）`
    );
  }
  return 0;
}

/** The figures `npm run bench` reads: what was ingested, how long it took, the peak memory. */
function writeStats(
  file: string,
  report: IngestReport,
  files: SourceFile[],
  started: number,
  timings: { parse: number; write: number }
): void {
  const stats = {
    documents: report.sources.length,
    bytes: files.reduce((n, f) => n + f.bytes.length, 0),
    rows: report.totals,
    seconds: {
      total: (performance.now() - started) / 1000,
      parse: timings.parse / 1000,
      write: timings.write / 1000
    },
    // maxRSS is in kilobytes and covers the worker threads, which share the process.
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024
  };
  writeFileSync(file, `${JSON.stringify(stats, null, 2)}\n`);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(2);
  }
);

export type { IngestReport };
