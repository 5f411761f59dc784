/**
 * Local records join the published data exactly: the seeds without 004, plus 004 imported in the
 * browser's way (analyseFile, then localLayer), give the same records and the same findings as
 * the ingest of all five seeds.
 */
import { describe, expect, it } from 'vitest';
import { SERIES_RULES, ingestAudit } from '../../../src/lib/audit';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { analyseFile } from '../../../src/lib/local/analyse';
import {
  combineImports,
  importConflicts,
  localLayer,
  localSeriesIds,
  type LocalImport
} from '../../../src/lib/local/merge';
import type { CheckRecord } from '../../../src/lib/schema/records';
import { SEEDS, manifest, rawSources } from '../../helpers/seeds';

const HELD_BACK = SEEDS['004'];
const full = (await ingestSources(rawSources(), manifest(), { audit: ingestAudit })).dataset;
const m = manifest();
const published = (
  await ingestSources(
    rawSources().filter((f) => f.file !== HELD_BACK),
    { entries: m.entries.filter((e) => e.file !== HELD_BACK), problems: m.problems },
    { audit: ingestAudit }
  )
).dataset;

async function importOf(file: string): Promise<LocalImport> {
  const source = rawSources().find((f) => f.file === file);
  if (!source) throw new Error(file);
  const a = await analyseFile(source);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  return {
    file,
    sha256: a.sha256,
    kind: a.kind,
    addedAt: '2026-01-01T00:00:00Z',
    dataset: a.dataset,
    warnings: a.warnings
  };
}

const key = (c: CheckRecord) => JSON.stringify(c);
const sorted = (cs: readonly CheckRecord[]) => cs.map(key).sort();

const imp = await importOf(HELD_BACK);
const imp000 = await importOf(SEEDS['000']);

describe('localLayer', () => {
  const series = new Set(localSeriesIds([imp]));
  const layer = localLayer(
    [imp],
    published.projects.filter((p) => series.has(p.series_id))
  );

  it('holds the held-back file’s records as the ingest of all seeds does', () => {
    const fromFull = (t: 'projects' | 'indicators') =>
      full[t].filter((r) => !published[t].some((q) => JSON.stringify(q) === JSON.stringify(r)));
    expect(layer.tables.projects).toEqual(fromFull('projects'));
    expect(layer.tables.indicators).toHaveLength(83);
    expect(layer.tables.indicators).toEqual(fromFull('indicators'));
    const rescue = layer.tables.projects.find((p) => p.name.includes('社会救助'));
    expect(rescue?.executed_amount).toBe('16687069.74');
    expect(rescue?.execution_rate).toBeCloseTo(1.1595, 6);
  });

  it('gives the published findings minus the replaced ones plus its own = the full ingest’s findings', () => {
    const replaced = new Set(layer.replacedSeriesProjects);
    const seriesRules = new Set<string>(SERIES_RULES);
    const kept = published.checks.filter((c) => !(seriesRules.has(c.rule) && replaced.has(c.project_id)));
    expect(sorted([...kept, ...layer.tables.checks])).toEqual(sorted(full.checks));
    // Some findings of the held-back projects are there, e.g. over-execution of 社会救助.
    expect(layer.tables.checks.some((c) => c.rule === 'over-execution')).toBe(true);
  });

  it('links a local project into a published series (宣传与推广: 2021 self-evaluation, 2026 target)', () => {
    expect(layer.replacedSeriesProjects.length).toBeGreaterThan(0);
    const seriesFinding = layer.tables.checks.filter((c) => c.rule === 'series-change');
    expect(seriesFinding.some((c) => published.projects.some((p) => p.project_id === c.project_id))).toBe(
      true
    );
  });

  it('combines several imports and counts each table', () => {
    const both = combineImports([imp, imp000]);
    expect(both.projects).toHaveLength(7 + 6);
    expect(both.sources.map((s) => s.source_file)).toEqual([HELD_BACK, SEEDS['000']]);
  });
});

describe('importConflicts', () => {
  it('accepts the held-back file over the published set', () => {
    expect(importConflicts(imp, [], new Set(published.projects.map((p) => p.project_id)))).toEqual([]);
  });
  it('refuses a file that is already published', () => {
    const problems = importConflicts(imp, [], new Set(full.projects.map((p) => p.project_id)));
    expect(problems).toHaveLength(7);
    expect(problems[0]).toContain('已在发布的数据中');
  });
  it('refuses the same file imported twice', () => {
    const problems = importConflicts(imp, [imp], new Set());
    expect(problems[0]).toContain(`已由 ${HELD_BACK} 导入`);
  });
  it('refuses indicators of a project that is not imported', () => {
    const orphan: LocalImport = {
      ...imp,
      file: 'orphans.csv',
      dataset: { ...imp.dataset, projects: [], indicators: imp.dataset.indicators.slice(0, 1) }
    };
    const problems = importConflicts(orphan, [], new Set());
    expect(problems).toEqual([
      `orphans.csv 第 ${imp.dataset.indicators[0]?.source_line} 行：所属项目 ${imp.dataset.indicators[0]?.project_id} 不在导入的数据中`
    ]);
  });
});
