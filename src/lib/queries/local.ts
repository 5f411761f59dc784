/** Queries the import needs of the published data: which ids exist, and the projects of some series. */
import { plainColumns } from './columns';
import { placeholders } from './filters';
import type { Query } from './types';

const PUBLISHED = `p.project_id NOT IN (SELECT project_id FROM local_projects)`;

/** Which of these project ids are already published. */
export function buildPublishedIdsQuery(ids: readonly string[]): Query {
  if (!ids.length) return { sql: `SELECT NULL::VARCHAR AS project_id WHERE false`, params: [] };
  return {
    sql: `SELECT p.project_id FROM projects p WHERE ${PUBLISHED} AND p.project_id IN (${placeholders(ids.length)})`,
    params: [...ids]
  };
}

/** The published projects of these series, every column as plain values (money and dates as text). */
export function buildPublishedSeriesQuery(seriesIds: readonly string[]): Query {
  if (!seriesIds.length)
    return { sql: `SELECT ${plainColumns('projects', 'p')} FROM projects p WHERE false`, params: [] };
  return {
    sql: `SELECT ${plainColumns('projects', 'p')} FROM projects p
WHERE ${PUBLISHED} AND p.series_id IN (${placeholders(seriesIds.length)})
ORDER BY p.project_id`,
    params: [...seriesIds]
  };
}
