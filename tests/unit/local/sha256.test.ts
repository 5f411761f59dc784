/** The worker's SHA-256 agrees with Node's on the seeds and on the padding edge cases. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/lib/local/sha256';
import { rawSources } from '../../helpers/seeds';

describe('sha256Hex', () => {
  it('matches node:crypto on every seed file', () => {
    for (const f of rawSources()) expect(sha256Hex(f.bytes), f.file).toBe(f.sha256);
  });
  it('matches on lengths around a block boundary and the empty input', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Hex(bytes), String(n)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
