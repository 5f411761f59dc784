/**
 * The page's URL as the views read it. Prerendered pages have no query string at build time, so
 * the parameters are only read in the browser.
 */
import { browser } from '$app/environment';
import { filtersFromParams, filtersToParams, NO_FILTERS, type Filters } from './queries/filters';

/** The search parameters of a URL, or none while prerendering. */
export function paramsOf(url: URL): URLSearchParams {
  return browser ? url.searchParams : new URLSearchParams();
}

/** The global filters of a URL. */
export function filtersOf(url: URL): Filters {
  return browser ? filtersFromParams(url.searchParams) : NO_FILTERS;
}

/** `?…` carrying only the global filters, for links between pages. */
export function filterQuery(url: URL): string {
  const params = filtersToParams(filtersOf(url));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The URL (path and query) with some parameters set, replaced or removed (`null` or `[]`). */
export function withParams(url: URL, changes: Record<string, string | string[] | null>): string {
  const params = new URLSearchParams(paramsOf(url));
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  const q = params.toString();
  return q ? `?${q}` : url.pathname;
}

/**
 * How the site shows a project: 'static' when the build prerendered a page per project, 'query'
 * when it has too many projects for that and one page queries the project in the browser.
 */
export type ProjectPages = 'static' | 'query';

/** The path of a project's page, under the site's base path. */
export function projectPath(base: string, id: unknown, mode: ProjectPages = 'static'): string {
  const key = encodeURIComponent(String(id));
  return mode === 'query' ? `${base}/project/?id=${key}` : `${base}/project/${key}/`;
}
