/**
 * `npm run ingest`: reads data/sources.csv and data/raw/, reads every document (text exports, PDF
 * books, workbooks), runs the audit rules and writes the Parquet files and report.json of the
 * data contract to static/data/. A document that cannot be read is refused and listed; the rest
 * are published. `--strict`: any refusal fails the run and nothing is written.
 *
 * Options: --raw <dir> --manifest <csv> --out <dir> --quiet --strict
 *          --stats <file>  also write the run's figures (time, bytes, peak memory) as JSON
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestAudit } from '../src/lib/audit/index';
import type { FormatEnv } from '../src/lib/ingest/formats/index';
import { parseManifest } from '../src/lib/ingest/manifest';
import {
  IngestFailure,
  describeRefusal,
  finishIngest,
  planIngest,
  type IngestReport,
  type SourceFile
} from '../src/lib/ingest/pipeline';
import type { Severity } from '../src/lib/schema/records';
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
    strict: { type: 'boolean', default: false },
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

/** pdf.js's character maps and standard fonts, from its package: nothing is fetched. */
function formatEnv(): FormatEnv {
  const pkg = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    pdf: {
      cMapUrl: `${path.join(pkg, 'cmaps')}${path.sep}`,
      standardFontDataUrl: `${path.join(pkg, 'standard_fonts')}${path.sep}`
    }
  };
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
  const options = { audit: ingestAudit, strict: values.strict as boolean, formats: formatEnv() };
  let report: IngestReport | null = null;
  let severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const timings = { parse: 0, write: 0 };
  try {
    await replaceFolder(outDir, async (dir) => {
      // Worker threads read, parse, audit each project and write their rows as part files; the
      // main thread adds the findings across projects, and DuckDB writes Parquet.
      const parts = path.join(dir, '.parts');
      const parseStarted = performance.now();
      const summaries = await ingestAll(plan.jobs, parts, options.formats);
      timings.parse = performance.now() - parseStarted;
      const count = (key: 'budget_lines' | 'safeguards') =>
        summaries.reduce((n, s) => n + (s.ok ? s.report[key] : 0), 0);
      const run = finishIngest(
        plan,
        summaries,
        { budget_lines: count('budget_lines'), safeguards: count('safeguards') },
        options
      );
      const writer = new PartWriter(parts, 'run');
      try {
        writer.append('checks', run.seriesChecks);
      } finally {
        writer.close();
      }
      const writeStarted = performance.now();
      await writeParquetFromParts(parts, dir);
      timings.write = performance.now() - writeStarted;
      rmSync(parts, { recursive: true, force: true });
      report = run.report;
      severities = run.severities;
      writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    });
  } catch (e) {
    if (e instanceof IngestFailure) {
      console.error(`导入失败（--strict：${e.refused.length} 项未能导入），${outDir}/ 保持不变：`);
      for (const r of e.refused) console.error(`  ${describeRefusal(r)}`);
      return 1;
    }
    throw e;
  }
  const done = report as IngestReport | null;
  if (values.stats && done) writeStats(values.stats, done, files, started, timings);
  if (!values.quiet && done) {
    console.log(formatSummary(done, severities));
    console.log(
      `输出：${outDir}/{${TABLE_NAMES.join(',')}}.parquet 与 report.json（${seconds(performance.now() - started)} 秒：解析 ${seconds(timings.parse)}，写入 Parquet ${seconds(timings.write)}）`
    );
  }
  // Refusals come last on the screen, where they are seen, and also with --quiet.
  if (done && done.refused.length) {
    console.error(
      `未能导入 ${done.refused.length} 项（其余已发布；原文件仍在 ${rawDir}/；--strict 则全部不发布）：`
    );
    for (const r of done.refused) console.error(`  ${describeRefusal(r)}`);
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
