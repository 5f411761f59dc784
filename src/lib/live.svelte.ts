/**
 * A page's data: the prerendered default view until the URL asks for another one, then live
 * queries in DuckDB-WASM (loaded on first use). Stale answers are dropped when filters change fast.
 */
import { browser } from '$app/environment';
import { base } from '$app/paths';
import { page } from '$app/state';
import type { Row } from './charts/spec';
import type { Query } from './queries/types';
import type { facetsFromRows } from './queries/facets';
import { localVersion, syncLocal } from './local.svelte';

/**
 * False in a build made with `VITE_PRERENDER_DATA=off`: pages are prerendered without their data
 * and query everything in the browser. That is the benchmark's baseline, not a way to publish.
 */
export const DATA_PRERENDERED = import.meta.env.VITE_PRERENDER_DATA !== 'off';

/** Where the data shown comes from. */
export type LiveStatus = 'prerendered' | 'loading' | 'live' | 'error';

/** URL of the Parquet folder, under the site's base path. */
export function dataUrl(): string {
  return `${base}/data`;
}

/**
 * Answers by query text and parameters (and the local records they saw): a view seen again (back,
 * forward, a filter unticked) is shown at once, and the page joins a query the filter bar started
 * at the click instead of running it twice. Small: a view's answers are a few hundred rows.
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, not state the UI shows
const answers = new Map<string, Promise<Record<string, Row[]>>>();
const ANSWERS_KEPT = 32;

/** Runs named queries in the browser's DuckDB. */
export function runLive<K extends string>(queries: Record<K, Query>): Promise<Record<K, Row[]>> {
  const key = `${localVersion()}\n${JSON.stringify(queries)}`;
  let answer = answers.get(key);
  if (answer) {
    // Most recently used last.
    answers.delete(key);
  } else {
    answer = runQueries(queries);
    answer.catch(() => answers.delete(key));
    if (answers.size >= ANSWERS_KEPT) answers.delete(answers.keys().next().value as string);
  }
  answers.set(key, answer);
  return answer as Promise<Record<K, Row[]>>;
}

/**
 * The engine module once loaded: `import()` of a module already loaded still waits for a task
 * (sometimes a frame) before it resolves, which a filter change would pay every time.
 */
let dbModule: typeof import('./db') | null = null;

async function runQueries<K extends string>(queries: Record<K, Query>): Promise<Record<K, Row[]>> {
  const db = dbModule ?? (dbModule = await import('./db'));
  const url = dataUrl();
  // Records imported in this browser join the published ones before any figure is queried.
  await syncLocal();
  const entries = await Promise.all(
    Object.entries(queries).map(async ([k, q]) => [k, await db.query(q as Query, url)] as const)
  );
  return Object.fromEntries(entries) as Record<K, Row[]>;
}

/**
 * The live views of the page shown, for `prefetchLive`, the engine's warm-up and
 * `settleQueryMark`.
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry, not state the UI shows
const active = new Set<{ queriesAt(url: URL): Record<string, Query> | null }>();

/**
 * Starts the queries the page will need at `url`, before the router gets there: a filter bar
 * calls it on the click, so that the engine works while the page navigates.
 */
export function prefetchLive(url: URL): void {
  for (const views of active) {
    const queries = views.queriesAt(url);
    if (queries) runLive(queries).catch(() => {});
  }
}

/**
 * Queries for the engine's warm-up (see `InitOptions` in src/lib/db): the page's own, filtered the
 * way the first clicks filter (one district, then two, from the filter bar's values that the
 * layout loads), so that the code they take is compiled, and their statements prepared, before the
 * user asks. Their answers are not kept.
 */
export function warmUpQueries(): Query[] {
  const { facets } = page.data as { facets?: ReturnType<typeof facetsFromRows> };
  const districts = (facets?.district ?? []).slice(0, 2).map((d) => d.value);
  return districts.flatMap((_, i) => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off URL, read once
    const url = new URL(page.url);
    for (const d of districts.slice(0, i + 1)) url.searchParams.append('district', d);
    return [...active].flatMap((views) => Object.values(views.queriesAt(url) ?? {}));
  });
}

/**
 * Clears the mark the inline script of src/app.html puts on a page whose URL has a query string, once the page has shown
 * the figures the URL asks for. Pages without live views clear it at once.
 */
export function settleQueryMark(): void {
  if (active.size === 0) document.documentElement.classList.remove('has-query');
}

/** The views of a page and where they come from. */
export class LiveViews<K extends string> {
  #initial: () => Record<K, Row[]>;
  #live: Record<K, Row[]> | null = $state(null);
  status: LiveStatus = $state('prerendered');
  error: string | null = $state(null);
  /** True while `complete()` queries the whole of views prerendered in part. */
  completing = $state(false);
  #queries: (url: URL) => Record<K, Query> | null = () => null;
  #token = 0;

  /**
   * `initial` returns the prerendered views of the current page data; `queries` the queries the
   * page needs at a URL (null: none); `isDefault` whether a URL asks for the prerendered view, so
   * that the prerendered views are the answer (unless the build prerendered no data). Create it
   * while the page component initialises: it follows the URL from then on, and is already loading
   * before the first render when the URL asks for more than was prerendered.
   */
  constructor(
    initial: () => Record<K, Row[]>,
    queries: (url: URL) => Record<K, Query> | null,
    isDefault: (url: URL) => boolean = () => false
  ) {
    this.#initial = initial;
    this.#queries = queries;
    if (!browser) return;
    const wanted = (url: URL) => (DATA_PRERENDERED && isDefault(url) ? null : queries(url));
    if (wanted(page.url) !== null) this.status = 'loading';
    const entry = { queriesAt: wanted };
    active.add(entry);
    $effect(() => {
      void this.show(wanted(page.url), page.url.search);
      return () => {
        active.delete(entry);
      };
    });
  }

  /**
   * Queries the whole of the prerendered views, which hold only the first rows of a long list
   * (see `capLists` in src/lib/views/lists.ts), at the reader's request: at a million indicator
   * rows the whole list of findings takes the engine about ten seconds, during which a filter
   * change would wait. The figures stay on screen, undimmed, until the answers replace them.
   */
  async complete(): Promise<void> {
    if (this.status !== 'prerendered') return;
    this.completing = true;
    try {
      await this.show(this.#queries(page.url), page.url.search, true);
    } finally {
      this.completing = false;
    }
  }

  /**
   * What a table of the list `k` needs (see DataTable): while the prerendered views are shown,
   * the list's full length if the build cut it (`cut`, from `capLists`), and how to query the rest.
   */
  list(
    k: K,
    cut: Partial<Record<K, number>>
  ): {
    total: number | null;
    oncomplete: () => void;
    completing: boolean;
  } {
    return {
      total: this.status === 'prerendered' ? (cut[k] ?? null) : null,
      oncomplete: () => void this.complete(),
      completing: this.completing
    };
  }

  /** The views shown: the prerendered ones, or the last live results. */
  get views(): Record<K, Row[]> {
    return this.#live ?? this.#initial();
  }

  /** True while a live query is running. */
  get busy(): boolean {
    return this.status === 'loading';
  }

  /**
   * Shows the prerendered views (`null`) or the results of these queries, asked by the URL whose
   * query string is `search`: `<html data-views-for>` says which one the page shows (for
   * `npm run bench`, which waits for it). `quietly`: the queries complete the prerendered views,
   * which are shown, undimmed, until the answers replace them.
   */
  async show(queries: Record<K, Query> | null, search = '', quietly = false): Promise<void> {
    const token = ++this.#token;
    if (!queries || quietly) {
      // The prerendered views answer this URL (when completed quietly, until the answers come).
      this.#live = null;
      this.status = 'prerendered';
      this.error = null;
      document.documentElement.classList.remove('has-query');
      document.documentElement.dataset.viewsFor = search;
      if (!queries) return;
    } else this.status = 'loading';
    try {
      const views = await runLive(queries);
      if (token !== this.#token) return;
      this.#live = views;
      this.status = 'live';
      this.error = null;
      document.documentElement.classList.remove('has-query');
      document.documentElement.dataset.viewsFor = search;
    } catch (e) {
      if (token !== this.#token) return;
      this.status = 'error';
      this.error = e instanceof Error ? e.message : String(e);
    }
  }
}
