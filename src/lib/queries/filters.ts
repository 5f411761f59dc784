/**
 * The global filters (year, district, form, topic, text search, data source) every page shares,
 * kept in the URL so that a copied link reopens the same view, and turned into SQL with bound
 * parameters.
 */
import type { Form } from '../schema/records';

/**
 * Where records come from: the published data, or records imported in this browser (the
 * `local_projects` table holds the latter; it is empty at build time).
 */
export type DataSource = 'published' | 'local';

/** The filters of a view. Empty lists mean "all"; `source` null means both sources. */
export interface Filters {
  years: number[];
  /** Places as the site names them (`松江区`; `上海市·松江区` once the data hold several cities, ./places.ts). */
  districts: string[];
  forms: Form[];
  topics: string[];
  q: string;
  source: DataSource | null;
}

/** No filter: every project. */
export const NO_FILTERS: Filters = Object.freeze({
  years: [],
  districts: [],
  forms: [],
  topics: [],
  q: '',
  source: null
}) as Filters;

const FORMS: readonly Form[] = ['target', 'self_eval'];
const SOURCES: readonly DataSource[] = ['published', 'local'];

/** Reads the filters from a URL's search parameters (`?year=2021&district=松江区&q=救助`). */
export function filtersFromParams(params: URLSearchParams): Filters {
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  return {
    years: uniq(
      params
        .getAll('year')
        .map(Number)
        .filter((y) => Number.isInteger(y) && y > 1900 && y < 3000)
    ).sort(),
    districts: uniq(params.getAll('district').filter(Boolean)).sort(),
    forms: uniq(params.getAll('form').filter((f): f is Form => FORMS.includes(f as Form))).sort(),
    topics: uniq(params.getAll('topic').filter(Boolean)).sort(),
    q: (params.get('q') ?? '').trim().slice(0, 100),
    source: SOURCES.find((s) => s === params.get('source')) ?? null
  };
}

/** Writes the filters into search parameters, in a stable order; other parameters are kept. */
export function filtersToParams(f: Filters, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const k of ['year', 'district', 'form', 'topic', 'q', 'source']) out.delete(k);
  for (const y of f.years) out.append('year', String(y));
  for (const d of f.districts) out.append('district', d);
  for (const x of f.forms) out.append('form', x);
  for (const t of f.topics) out.append('topic', t);
  if (f.q) out.set('q', f.q);
  if (f.source) out.set('source', f.source);
  return out;
}

/** True when no filter is set (the view the site prerenders). */
export function isUnfiltered(f: Filters): boolean {
  return !f.years.length && !f.districts.length && !f.forms.length && !f.topics.length && !f.q && !f.source;
}

/** `?, ?, ?` for a list of values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * The WHERE conditions selecting the filtered projects, with their parameters. `alias` names a row
 * of `project_summary` (./summary.ts), which holds the place the district filter selects on.
 */
export function projectConditions(f: Filters, alias = 'p'): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.years.length) {
    parts.push(`${alias}.year IN (${placeholders(f.years.length)})`);
    params.push(...f.years);
  }
  if (f.districts.length) {
    parts.push(`${alias}.place IN (${placeholders(f.districts.length)})`);
    params.push(...f.districts);
  }
  if (f.forms.length) {
    parts.push(`${alias}.form IN (${placeholders(f.forms.length)})`);
    params.push(...f.forms);
  }
  if (f.topics.length) {
    parts.push(`${alias}.topic IN (${placeholders(f.topics.length)})`);
    params.push(...f.topics);
  }
  if (f.q) {
    parts.push(
      `(contains(lower(${alias}.name), lower(?)) OR contains(lower(coalesce(${alias}.department, '')), lower(?)))`
    );
    params.push(f.q, f.q);
  }
  if (f.source)
    parts.push(
      `${alias}.project_id ${f.source === 'local' ? 'IN' : 'NOT IN'} (SELECT project_id FROM local_projects)`
    );
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

/**
 * A filter control the user changed before the page's script took over (its prerendered state
 * differs from its state now): the control's `name` (a URL parameter: year, district, form, topic,
 * source, q), its `value`, and whether it is now checked (for the search box, its text is `value`).
 */
export interface ControlChange {
  name: string;
  value: string;
  checked: boolean;
}

/**
 * The filters once the changes made before the page's script started are applied to `f` (the
 * URL's): a ticked box adds its value, an unticked one removes it, a chosen radio sets the data
 * source, the search box's text replaces the search. Values that are not filters are dropped as in
 * `filtersFromParams`.
 */
export function withControlChanges(f: Filters, changes: readonly ControlChange[]): Filters {
  const params = filtersToParams(f);
  for (const c of changes) {
    if (c.name === 'q') {
      params.set('q', c.value);
    } else if (c.name === 'source') {
      if (!c.checked) continue;
      if (c.value) params.set('source', c.value);
      else params.delete('source');
    } else {
      const kept = params.getAll(c.name).filter((v) => v !== c.value);
      params.delete(c.name);
      for (const v of c.checked ? [...kept, c.value] : kept) params.append(c.name, v);
    }
  }
  return filtersFromParams(params);
}
