/**
 * `npm run ingest`: reads data/sources.csv and data/raw/, parses every form, runs the audit
 * rules and writes the Parquet files and report.json of the data contract to static/data/.
 *
 * Options: --raw <dir> --manifest <csv> --out <dir>
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditDataset } from '../src/lib/audit/index';
import { parseManifest } from '../src/lib/ingest/manifest';
import { IngestFailure, ingestSources, type IngestReport, type SourceFile } from '../src/lib/ingest/pipeline';
import { TABLE_NAMES } from '../src/lib/schema/tables';
import { writeParquetTables } from './lib/parquet';
import { replaceFolder } from './lib/output';
import { formatSummary } from './lib/summary';

const { values } = parseArgs({
  options: {
    raw: { type: 'string', default: 'data/raw' },
    manifest: { type: 'string', default: 'data/sources.csv' },
    out: { type: 'string', default: 'static/data' },
    quiet: { type: 'boolean', default: false }
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

async function main(): Promise<number> {
  const started = performance.now();
  const manifestText = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '';
  const manifest = manifestText
    ? parseManifest(manifestText)
    : { entries: [], problems: [{ line: 1, message: '清单文件不存在' }] };
  const files = readSources(rawDir);
  let result: ReturnType<typeof ingestSources>;
  try {
    result = ingestSources(files, manifest, { manifestName: manifestPath, audit: auditDataset });
  } catch (e) {
    if (e instanceof IngestFailure) {
      console.error(`导入失败（${e.errors.length} 个错误），${outDir}/ 保持不变：`);
      for (const err of e.errors) console.error(`  ${err.message}`);
      return 1;
    }
    throw e;
  }
  const { dataset, report } = result;
  await replaceFolder(outDir, async (dir) => {
    await writeParquetTables(dataset, dir);
    writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  });
  if (!values.quiet) {
    console.log(formatSummary(report, dataset.checks));
    console.log(
      `输出：${outDir}/{${TABLE_NAMES.join(',')}}.parquet 与 report.json（${((performance.now() - started) / 1000).toFixed(1)} 秒）`
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(2);
  }
);

export type { IngestReport };
