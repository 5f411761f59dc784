/**
 * The site's district dimension: which body's place a project is counted under in the filter bar,
 * every chart and table, the compare page and the URL (`?district=`). The contract's `district`
 * alone is ambiguous once the data hold bodies from more than one city: 上海市's `市级` and
 * 成都市's `市级` would be merged. So when (and only when) the data hold more than one city or
 * province, a place is named with its city (or its province): `上海市·松江区`, `成都市·市级`,
 * `四川省·省级`, and `临江县` alone when neither is known; data of one city (the seeds: all
 * 上海市) keep the district as it is (`松江区`, `市级`), and so keep their URLs.
 *
 * Both engines compute it once, in `project_summary` (./summary.ts), whenever the tables change,
 * so an import in the browser that brings a second city relabels every page at once.
 */

/** Joins a place's city (or province) and its district: `上海市·松江区`. */
export const PLACE_SEPARATOR = '·';

/**
 * What tells one place from another: the city, else the province, else unknown (''). Two projects
 * with different keys are in different places even when their districts read alike.
 */
function placeKeySql(alias: string): string {
  return `coalesce(${alias}.city, ${alias}.province, '')`;
}

/**
 * SQL that is true when the projects of `table` come from more than one city or province (a body
 * whose city and province are both unknown counts as one more place).
 */
export function severalPlacesSql(table = 'projects'): string {
  return `(SELECT count(DISTINCT ${placeKeySql('x')}) > 1 FROM ${table} x)`;
}

/**
 * SQL of a project's full place: its city (else province) and district joined by
 * `PLACE_SEPARATOR`, or the district alone when neither is known.
 */
export function fullPlaceSql(alias: string): string {
  return `concat_ws('${PLACE_SEPARATOR}', coalesce(${alias}.city, ${alias}.province), ${alias}.district)`;
}

/**
 * SQL of a project's place as the site shows and filters it: the full place when `several` (SQL
 * of a boolean, usually `severalPlacesSql()` computed once) holds, else the district.
 */
export function placeSql(alias: string, several: string): string {
  return `CASE WHEN ${several} THEN ${fullPlaceSql(alias)} ELSE ${alias}.district END`;
}
