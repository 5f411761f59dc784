/** How much the SQL page lets one statement take: rows kept, and time. */

/** At most this many rows of a result are shown and exported. */
export const MAX_ROWS = 5000;

/** How long a statement may run before its engine is stopped. */
export const TIME_LIMIT_MS = 30_000;

/** The longest time limit the page's address may ask for (`?timeout=600`). */
export const MAX_TIME_LIMIT_MS = 600_000;

/**
 * The time limit an address asks for with `?timeout=<seconds>` (from 0.1 s to 600 s; tests use a
 * short one), or the default when it asks for none or for something else.
 */
export function timeLimitFrom(param: string | null): number {
  if (param === null || !/^\d+(\.\d+)?$/.test(param.trim())) return TIME_LIMIT_MS;
  const ms = Math.round(Number(param) * 1000);
  return ms >= 100 && ms <= MAX_TIME_LIMIT_MS ? ms : TIME_LIMIT_MS;
}
