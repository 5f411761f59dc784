import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress } from '../../../scripts/precompress.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('precompress', () => {
  it('writes .br and .gz beside compressible files that decompress to the original', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'precompress-'));
    const html = '<!doctype html><p>松江区 2026 申报 3,370.61 万元</p>\n'.repeat(400);
    writeFileSync(path.join(dir, 'index.html'), html);
    const random = randomBytes(4096); // incompressible: no copy is kept
    writeFileSync(path.join(dir, 'noise.js'), random);
    writeFileSync(path.join(dir, 'photo.png'), html);
    const r = await precompress(dir);
    expect(r.files).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([
      'index.html',
      'index.html.br',
      'index.html.gz',
      'noise.js',
      'photo.png'
    ]);
    expect(brotliDecompressSync(readFileSync(path.join(dir, 'index.html.br'))).toString()).toBe(html);
    expect(gunzipSync(readFileSync(path.join(dir, 'index.html.gz'))).toString()).toBe(html);
  });
});
