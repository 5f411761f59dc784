/**
 * The records imported in this browser, inside an engine: the tables the pages query are views of
 * the published rows (`published_<table>`) and the imported ones (`local_<table>`), and
 * `project_summary` is derived from both. Every engine (the pages', the SQL page's) is set up and
 * fed the same way.
 */
import { SERIES_RULES } from '../audit/series';
import { localLayer, localSeriesIds, type LocalImport, type LocalLayer } from '../local/merge';
import { buildPublishedSeriesQuery } from '../queries/local';
import { projectSummarySql } from '../queries/summary';
import type { ProjectRecord } from '../schema/records';
import { TABLE_NAMES } from '../schema/tables';
import { recordsToArrow } from './columns';
import { insertArrow, rowsOf, type Connection } from './engine';

/**
 * The tables the pages query, as views: the published rows and the rows imported in this browser
 * (`local_<table>`, empty until an import). Published findings of the series rules
 * (`series-change`, `duplicate-in-series`) of a series a local project joins are replaced by the
 * recomputed ones in `local_checks` (`_local_replaced` lists their projects).
 */
export function localLayerSql(): string {
  const statements = [`CREATE TABLE _local_replaced (project_id VARCHAR)`];
  for (const t of TABLE_NAMES) {
    statements.push(`CREATE TABLE "local_${t}" AS SELECT * FROM "published_${t}" LIMIT 0`);
    statements.push(
      t === 'checks'
        ? `CREATE VIEW checks AS SELECT * FROM published_checks
  WHERE NOT (rule IN (${SERIES_RULES.map((r) => `'${r}'`).join(', ')}) AND project_id IN (SELECT project_id FROM _local_replaced))
  UNION ALL SELECT * FROM local_checks`
        : `CREATE VIEW "${t}" AS SELECT * FROM "published_${t}" UNION ALL SELECT * FROM "local_${t}"`
    );
  }
  return statements.join(';\n');
}

/** Creates the (empty) local tables, the views over both, and `project_summary`. */
export async function createLocalLayer(conn: Connection): Promise<void> {
  await conn.query(localLayerSql());
  await conn.query(projectSummarySql());
}

/** Replaces the local tables with `layer` (an empty layer removes them) and derives `project_summary` again. */
export async function replaceLocalLayer(conn: Connection, layer: LocalLayer): Promise<void> {
  for (const t of TABLE_NAMES) {
    const rows = layer.tables[t] as readonly object[];
    if (rows.length) await insertArrow(conn, t, `local_${t}`, recordsToArrow(t, rows));
    else await conn.query(`DELETE FROM "local_${t}"`);
  }
  await conn.query(`DELETE FROM _local_replaced`);
  if (layer.replacedSeriesProjects.length) {
    const ids = layer.replacedSeriesProjects;
    const stmt = await conn.prepare(`INSERT INTO _local_replaced VALUES ${ids.map(() => '(?)').join(', ')}`);
    try {
      await stmt.query(...ids);
    } finally {
      await stmt.close();
    }
  }
  // Counts per project, again over the tables as they now are.
  await conn.query(projectSummarySql());
}

/**
 * Loads the session's imports into an engine: audits them with the published projects of their
 * series (queried there), then replaces the local tables. Returns the layer loaded.
 */
export async function loadImports(conn: Connection, imports: readonly LocalImport[]): Promise<LocalLayer> {
  const q = buildPublishedSeriesQuery(localSeriesIds(imports));
  const stmt = await conn.prepare(q.sql);
  let published: ProjectRecord[];
  try {
    published = rowsOf(await stmt.query(...q.params)) as unknown as ProjectRecord[];
  } finally {
    await stmt.close();
  }
  const layer = localLayer(imports, published);
  await replaceLocalLayer(conn, layer);
  return layer;
}
