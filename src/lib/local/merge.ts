/**
 * Records an auditor imports in the browser, and how they join the published data: the local
 * layer of every table, audited by the same rules as the ingest (`auditProjects` on the local
 * projects, `auditSeries` over every series a local project belongs to, published projects
 * included), and the published findings those series findings replace. Pure: plain data in and out.
 */
import { auditProjects, auditSeries } from '../audit';
import type { CheckRecord, Dataset, IngestWarning, ProjectRecord } from '../schema/records';

/** Where local records came from: a form document parsed by the ingest, or a CSV template. */
export type ImportKind = 'document' | 'csv';

/** One imported file, as kept for the session. */
export interface LocalImport {
  /** The file's name as the auditor chose it. */
  file: string;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  kind: ImportKind;
  /** When it was added (ISO time). */
  addedAt: string;
  /** Its records (no findings: those are computed with the published data, see `localLayer`). */
  dataset: Omit<Dataset, 'checks'>;
  /** What the parser found odd, with line numbers. */
  warnings: IngestWarning[];
}

/** Tables of the local layer, and the published findings it replaces. */
export interface LocalLayer {
  tables: Dataset;
  /**
   * Published projects whose series findings (`SERIES_RULES`) are recomputed in `tables.checks`
   * (their series now includes a local project), so their published ones are left out.
   */
  replacedSeriesProjects: string[];
}

/** The local records of all imports together. */
export function combineImports(imports: readonly LocalImport[]): Omit<Dataset, 'checks'> {
  const out: Omit<Dataset, 'checks'> = {
    projects: [],
    indicators: [],
    budget_lines: [],
    safeguards: [],
    sources: []
  };
  for (const imp of imports)
    for (const t of ['projects', 'indicators', 'budget_lines', 'safeguards', 'sources'] as const)
      for (const r of imp.dataset[t]) (out[t] as object[]).push(r);
  return out;
}

/** Ids of the projects of these imports. */
export function projectIdsOf(imports: readonly Pick<LocalImport, 'dataset'>[]): Set<string> {
  return new Set(imports.flatMap((i) => i.dataset.projects.map((p) => p.project_id)));
}

/** Imports other than `gone` whose rows point at one of `gone`'s projects. */
export function dependantsOf(gone: LocalImport, imports: readonly LocalImport[]): LocalImport[] {
  const ids = projectIdsOf([gone]);
  return imports.filter(
    (i) =>
      i !== gone &&
      [...i.dataset.indicators, ...i.dataset.budget_lines, ...i.dataset.safeguards].some((r) =>
        ids.has(r.project_id)
      )
  );
}

/** Series ids of local projects: the series whose findings must be recomputed. */
export function localSeriesIds(imports: readonly LocalImport[]): string[] {
  return [...new Set(imports.flatMap((i) => i.dataset.projects.map((p) => p.series_id)))].sort();
}

/**
 * The local layer: local records with their findings. `publishedInSeries` are the published
 * projects whose `series_id` is one of `localSeriesIds(imports)` (the site queries them).
 */
export function localLayer(
  imports: readonly LocalImport[],
  publishedInSeries: readonly ProjectRecord[]
): LocalLayer {
  const local = combineImports(imports);
  const checks: CheckRecord[] = auditProjects(local);
  const series = new Set(local.projects.map((p) => p.series_id));
  const published = publishedInSeries.filter((p) => series.has(p.series_id));
  for (const c of auditSeries([...published, ...local.projects])) checks.push(c);
  return {
    tables: { ...local, checks },
    replacedSeriesProjects: [...new Set(published.map((p) => p.project_id))].sort()
  };
}

/**
 * Why an import cannot be added: a project id that is already published or already imported
 * (the same document twice), or records that point at a project the import does not have.
 * Returns Chinese sentences; none means it can be added.
 */
export function importConflicts(
  candidate: Pick<LocalImport, 'file' | 'dataset'>,
  existing: readonly LocalImport[],
  published: Iterable<string>
): string[] {
  const publishedIds = new Set(published);
  const problems: string[] = [];
  const localIds = new Map<string, string>();
  for (const imp of existing) for (const p of imp.dataset.projects) localIds.set(p.project_id, imp.file);
  const own = new Set<string>();
  for (const p of candidate.dataset.projects) {
    if (publishedIds.has(p.project_id))
      problems.push(`项目“${p.name}”（编号 ${p.project_id}）已在发布的数据中，无需导入`);
    else if (localIds.has(p.project_id))
      problems.push(`项目“${p.name}”（编号 ${p.project_id}）已由 ${localIds.get(p.project_id)} 导入`);
    else if (own.has(p.project_id)) problems.push(`项目编号 ${p.project_id} 在本文件中出现两次`);
    own.add(p.project_id);
  }
  const known = (id: string) => own.has(id) || localIds.has(id);
  for (const t of ['indicators', 'budget_lines', 'safeguards'] as const)
    for (const r of candidate.dataset[t])
      if (!known(r.project_id))
        problems.push(`${candidate.file} 第 ${r.source_line} 行：所属项目 ${r.project_id} 不在导入的数据中`);
  return problems;
}
