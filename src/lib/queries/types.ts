/** A query as the builders return it: SQL text with `?` placeholders and the values bound to them. */
export interface Query {
  sql: string;
  params: (string | number | boolean | null)[];
}
