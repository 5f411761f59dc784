/** A page's data: named query results. */
import type { ChartSpec, Row } from '../charts/spec';
import type { Query } from '../queries/types';

export type { ChartSpec, Row };

/** Query results by name. */
export type Views<K extends string> = Record<K, Row[]>;
/** Queries by name. */
export type ViewQueries<K extends string> = Record<K, Query>;
