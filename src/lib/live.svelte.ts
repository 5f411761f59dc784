/**
 * A page's data: the prerendered default view until the URL asks for another one, then live
 * queries in DuckDB-WASM (loaded on first use). Stale answers are dropped when filters change fast.
 */
import { browser } from '$app/environment';
import { base } from '$app/paths';
import type { Row } from './charts/spec';
import type { Query } from './queries/types';
import { syncLocal } from './local.svelte';

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

/** Runs named queries in the browser's DuckDB. */
export async function runLive<K extends string>(queries: Record<K, Query>): Promise<Record<K, Row[]>> {
  const db = await import('./db');
  const url = dataUrl();
  // Records imported in this browser join the published ones before any figure is queried.
  await syncLocal();
  const entries = await Promise.all(
    Object.entries(queries).map(async ([k, q]) => [k, await db.query(q as Query, url)] as const)
  );
  return Object.fromEntries(entries) as Record<K, Row[]>;
}

let instances = 0;

/**
 * Clears the mark the inline script of src/app.html puts on a page whose URL has a query string, once the page has shown
 * the figures the URL asks for. Pages without live views clear it at once.
 */
export function settleQueryMark(): void {
  if (instances === 0) document.documentElement.classList.remove('has-query');
}

/** The views of a page and where they come from. */
export class LiveViews<K extends string> {
  #initial: () => Record<K, Row[]>;
  #live: Record<K, Row[]> | null = $state(null);
  status: LiveStatus = $state('prerendered');
  error: string | null = $state(null);
  #token = 0;

  /**
   * `initial` returns the prerendered views of the current page data; `queries` the queries the
   * current URL needs (null: none); `isDefault` whether the URL asks for the prerendered view, so
   * that the prerendered views are the answer (unless the build prerendered no data). Create it while the
   * page component initialises: it follows the URL from then on, and is already loading before
   * the first render when the URL asks for more than was prerendered.
   */
  constructor(
    initial: () => Record<K, Row[]>,
    queries: () => Record<K, Query> | null,
    isDefault: () => boolean = () => false
  ) {
    this.#initial = initial;
    if (!browser) return;
    const wanted = () => (DATA_PRERENDERED && isDefault() ? null : queries());
    if (wanted() !== null) this.status = 'loading';
    instances++;
    $effect(() => {
      void this.show(wanted());
      return () => {
        instances--;
      };
    });
  }

  /** The views shown: the prerendered ones, or the last live results. */
  get views(): Record<K, Row[]> {
    return this.#live ?? this.#initial();
  }

  /** True while a live query is running. */
  get busy(): boolean {
    return this.status === 'loading';
  }

  /** Shows the prerendered views (`null`) or the results of these queries. */
  async show(queries: Record<K, Query> | null): Promise<void> {
    const token = ++this.#token;
    if (!queries) {
      this.#live = null;
      this.status = 'prerendered';
      this.error = null;
      document.documentElement.classList.remove('has-query');
      return;
    }
    this.status = 'loading';
    try {
      const views = await runLive(queries);
      if (token !== this.#token) return;
      this.#live = views;
      this.status = 'live';
      this.error = null;
      document.documentElement.classList.remove('has-query');
    } catch (e) {
      if (token !== this.#token) return;
      this.status = 'error';
      this.error = e instanceof Error ? e.message : String(e);
    }
  }
}
