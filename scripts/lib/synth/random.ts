/** A seeded random source for the synthetic documents: the same seed gives the same documents. */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export class Rng {
  private readonly gen;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed);
  }

  /** An integer in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.gen, from, to);
  }

  /** A number in [from, to). */
  real(from: number, to: number): number {
    return from + (this.int(0, 0x3fffffff) / 0x40000000) * (to - from);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.real(0, 1) < p;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Hex digits, for file names. */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += this.int(0, 0xffff).toString(16).padStart(4, '0');
    return s.slice(0, length);
  }
}
