/** Contract columns selected as plain values both engines return alike (money and dates as exact text). */
import { TABLES, type ColumnSpec, type TableName } from '../schema/tables';

/** `alias."col"` cast to a plain type: numbers stay numbers, DECIMAL and DATE become exact text. */
export function plainColumn(alias: string, col: ColumnSpec): string {
  const ref = `${alias}."${col.name}"`;
  switch (col.type) {
    case 'VARCHAR':
    case 'BOOLEAN':
      return ref;
    case 'INTEGER':
    case 'SMALLINT':
      return `${ref}::INTEGER AS "${col.name}"`;
    case 'DOUBLE':
      return `${ref}::DOUBLE AS "${col.name}"`;
    case 'DATE':
    case 'DECIMAL(18,2)':
      return `${ref}::VARCHAR AS "${col.name}"`;
  }
}

/** Every column of a table as plain values. */
export function plainColumns(table: TableName, alias: string): string {
  return TABLES[table].columns.map((c) => plainColumn(alias, c)).join(', ');
}
