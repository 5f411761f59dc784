/** The build publishes the static folder's finished files only, never what a killed ingest left. */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnfinishedOutput } from '../../../scripts/lib/output-names.js';
import { mirrorPublishedAssets, publishedAssets } from '../../../scripts/lib/published-assets.js';
import { tempDir } from '../../helpers/tmp';

/** static/ as a killed ingest leaves it: the finished set, its temporary and a set put aside. */
function staticAfterKilledIngest(): string {
  const statics = path.join(tempDir('published'), 'static');
  const files: Record<string, string> = {
    'favicon.svg': '<svg/>',
    'data/projects.parquet': 'PAR1 finished PAR1',
    'data/report.json': '{"totals":{"projects":41}}',
    'data.tmp-4242/projects.parquet': 'PAR1 half-written',
    'data.tmp-4242/.parts/w0-projects.jsonl': '{"name":"社会救助"}',
    'data.old-17/projects.parquet': 'PAR1 previous PAR1',
    'nested/data.tmp-9/report.json': '{}'
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(statics, rel)), { recursive: true });
    writeFileSync(path.join(statics, rel), text);
  }
  return statics;
}

/** Every file under a folder, as sorted relative paths. */
function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((rel) => statSync(path.join(dir, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'))
    .sort();
}

describe('the files the build publishes', () => {
  it('are the finished set and the other static files, never a temporary or old data folder', () => {
    const statics = staticAfterKilledIngest();
    expect(publishedAssets(statics)).toEqual({
      files: ['data/projects.parquet', 'data/report.json', 'favicon.svg'],
      skipped: ['data.old-17', 'data.tmp-4242', 'nested/data.tmp-9']
    });
  });

  it('are mirrored, as links to the same files, into the folder Vite copies', () => {
    const statics = staticAfterKilledIngest();
    const mirror = path.join(path.dirname(statics), 'mirror');
    mkdirSync(path.join(mirror, 'data.tmp-1'), { recursive: true });
    writeFileSync(path.join(mirror, 'data.tmp-1', 'stale.parquet'), 'from an earlier build');
    mirrorPublishedAssets(statics, mirror);
    expect(listFiles(mirror)).toEqual(['data/projects.parquet', 'data/report.json', 'favicon.svg']);
    const ino = (dir: string) => statSync(path.join(dir, 'data/projects.parquet')).ino;
    expect(ino(mirror)).toBe(ino(statics));
  });

  it('keep names that only look like the ingest temporaries', () => {
    expect(isUnfinishedOutput('data.tmp-123')).toBe(true);
    expect(isUnfinishedOutput('data.old-7')).toBe(true);
    expect(isUnfinishedOutput('data.tmp-')).toBe(false);
    expect(isUnfinishedOutput('report.tmp-notes.json')).toBe(false);
    expect(isUnfinishedOutput('data')).toBe(false);
  });
});
