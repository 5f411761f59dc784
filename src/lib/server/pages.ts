/**
 * How many project pages the build prerenders. A page per project is best for readers (it opens
 * with JavaScript off, and at once); past `PROJECT_PAGES` projects (default 5,000) a build of one
 * page each would take hours and gigabytes, so the site links instead to one page that queries the
 * project in the browser (`project/?id=…`).
 */
import { DATA_PRERENDERED } from '../live.svelte';
import { buildProjectCountQuery } from '../queries/project';
import type { ProjectPages } from '../url';
import { runQuery } from './duckdb';

/** The largest number of projects that get a prerendered page each. */
export const PROJECT_PAGE_LIMIT = Number(process.env.PROJECT_PAGES ?? 5000);

let mode: Promise<ProjectPages> | null = null;

/**
 * 'static' when every project of the data gets its own prerendered page, else 'query' (always in
 * the baseline build, which prerenders no data).
 */
export function projectPagesMode(): Promise<ProjectPages> {
  if (!DATA_PRERENDERED) return Promise.resolve('query');
  mode ??= runQuery(buildProjectCountQuery()).then((rows) =>
    Number(rows[0]?.projects ?? 0) <= PROJECT_PAGE_LIMIT ? 'static' : 'query'
  );
  return mode;
}
