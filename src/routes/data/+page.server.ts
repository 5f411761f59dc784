// 数据: the dictionary, the downloads and the last ingest's report (read at build time). At scale
// the report lists thousands of sources and warnings: the page carries the first LIST_ROWS of
// each, with the totals; report.json, linked from the page, holds them all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IngestReport } from '$lib/ingest/pipeline';
import { DATA_DIR } from '$lib/server/duckdb';
import { LIST_ROWS } from '$lib/server/prerender';

export function load() {
  const report = JSON.parse(readFileSync(path.join(DATA_DIR, 'report.json'), 'utf8')) as IngestReport;
  const warnings = [...report.warnings, ...report.sources.flatMap((s) => s.warnings)];
  return {
    sources: report.sources
      .slice(0, LIST_ROWS)
      .map(({ warnings: w, sha256: _sha256, ...s }) => ({ ...s, warnings: w.length })),
    warnings: warnings.slice(0, LIST_ROWS),
    totals: report.totals,
    counts: { sources: report.sources.length, warnings: warnings.length }
  };
}
