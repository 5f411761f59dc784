// Each table of the data contract as CSV (UTF-8 with BOM), written at build time.
import { error } from '@sveltejs/kit';
import { toCsv } from '$lib/csv';
import { plainColumns } from '$lib/queries/columns';
import { runQuery } from '$lib/server/duckdb';
import { TABLES, TABLE_NAMES, type TableName } from '$lib/schema/tables';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => TABLE_NAMES.map((t) => ({ file: `${t}.csv` }));

export const GET: RequestHandler = async ({ params }) => {
  const table = params.file.replace(/\.csv$/, '') as TableName;
  if (!TABLE_NAMES.includes(table) || !params.file.endsWith('.csv')) error(404, '没有这个文件');
  const spec = TABLES[table];
  const order = spec.orderBy.map((c) => `t."${c}"`).join(', ');
  const rows = await runQuery({
    sql: `SELECT ${plainColumns(table, 't')} FROM "${table}" t ORDER BY ${order}`,
    params: []
  });
  const columns = spec.columns.map((c) => ({ key: c.name, label: c.name }));
  return new Response(toCsv(columns, rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
