/** The shared schema, the record types and the README's data dictionary agree. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES, columnNames } from '../../../src/lib/schema/tables';
import { dictionaryMarkdown } from '../../../src/lib/schema/dictionary';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { ingestAudit } from '../../../src/lib/audit';
import { ROOT, manifest, rawSources } from '../../helpers/seeds';

const { dataset } = await ingestSources(rawSources(), manifest(), { audit: ingestAudit });

describe('the schema', () => {
  it.each(TABLE_NAMES)('%s records have exactly the contract columns, in order', (table) => {
    const rows = dataset[table] as unknown as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...columnNames(table)].sort());
  });

  it('carries the data dictionary in the README, generated from the schema (npm run dictionary)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(dictionaryMarkdown());
    for (const table of TABLE_NAMES)
      for (const col of TABLES[table].columns) expect(readme).toContain(`| \`${col.name}\` | ${col.type} |`);
  });
});
