/**
 * Where an ingest writes before it swaps the new set in: never in the folder the target sits in
 * (static/, which the build publishes whole), and a killed run's leftovers are cleaned up.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverOutput, replaceFolder, stagingFolder } from '../../../scripts/lib/output';
import { tempDir } from '../../helpers/tmp';

/** A site folder with a previous, finished data set in static/data. */
function site(): { root: string; statics: string; target: string } {
  const root = tempDir('output');
  const statics = path.join(root, 'static');
  const target = path.join(statics, 'data');
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(statics, 'favicon.svg'), '<svg/>');
  writeFileSync(path.join(target, 'projects.parquet'), 'previous');
  return { root, statics, target };
}

describe('replaceFolder', () => {
  it('writes the new set outside static/ and swaps it in', async () => {
    const { root, statics, target } = site();
    let seenInStatic: string[] = [];
    let writtenIn = '';
    await replaceFolder(target, async (dir) => {
      writtenIn = dir;
      writeFileSync(path.join(dir, 'projects.parquet'), 'half-written');
      seenInStatic = readdirSync(statics).sort();
      writeFileSync(path.join(dir, 'projects.parquet'), 'new');
    });
    expect(seenInStatic).toEqual(['data', 'favicon.svg']);
    expect(path.dirname(writtenIn)).toBe(path.join(root, '.static.staging'));
    expect(path.basename(writtenIn)).toBe(`data.tmp-${process.pid}`);
    expect(readFileSync(path.join(target, 'projects.parquet'), 'utf8')).toBe('new');
    expect(readdirSync(statics).sort()).toEqual(['data', 'favicon.svg']);
    // The staging folder is removed once empty.
    expect(readdirSync(root)).toEqual(['static']);
  });

  it('leaves the previous set and no temporary when the write fails', async () => {
    const { root, statics, target } = site();
    await expect(
      replaceFolder(target, async (dir) => {
        writeFileSync(path.join(dir, 'projects.parquet'), 'half-written');
        throw new Error('disk full');
      })
    ).rejects.toThrow('disk full');
    expect(readFileSync(path.join(target, 'projects.parquet'), 'utf8')).toBe('previous');
    expect(readdirSync(statics).sort()).toEqual(['data', 'favicon.svg']);
    expect(readdirSync(root)).toEqual(['static']);
  });
});

describe('recoverOutput', () => {
  it('puts back the previous set a run killed between its two renames left in the staging folder', () => {
    const { root, statics, target } = site();
    const staging = stagingFolder(target);
    expect(staging).toBe(path.join(root, '.static.staging'));
    mkdirSync(path.join(staging, 'data.tmp-31'), { recursive: true });
    writeFileSync(path.join(staging, 'data.tmp-31', 'projects.parquet'), 'new');
    // Killed after the first rename: static/data is aside as data.old-31.
    const old = path.join(staging, 'data.old-31');
    mkdirSync(old);
    writeFileSync(path.join(old, 'projects.parquet'), 'previous');
    rmSync(target, { recursive: true });
    recoverOutput(target);
    expect(readFileSync(path.join(target, 'projects.parquet'), 'utf8')).toBe('previous');
    expect(existsSync(staging)).toBe(false);
    expect(readdirSync(statics).sort()).toEqual(['data', 'favicon.svg']);
  });

  it('removes the temporaries older runs left in static/ itself', () => {
    const { statics, target } = site();
    mkdirSync(path.join(statics, 'data.tmp-4242'));
    writeFileSync(path.join(statics, 'data.tmp-4242', 'projects.parquet'), 'PAR1 half');
    mkdirSync(path.join(statics, 'data.old-17'));
    recoverOutput(target);
    expect(readdirSync(statics).sort()).toEqual(['data', 'favicon.svg']);
    expect(readFileSync(path.join(target, 'projects.parquet'), 'utf8')).toBe('previous');
  });
});
