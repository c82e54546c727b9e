import type { DType } from '@dlkit/core';
import { Generator } from '@dlkit/core';
import type { SampleDType, SampleInput } from './spec.js';

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * A seeded source of sample inputs for op specs. Every method returns a {@link SampleInput}
 * (shape, values, dtype) and advances the generator, so a spec's samples are the same on every
 * run and every backend. Helpers keep values inside an op's domain and away from its kinks.
 *
 * @example
 * ```ts
 * const gen = new SampleGen(7);
 * gen.awayFrom([2, 3], -2, 2, [0]); // |x| > 0.1 everywhere: safe for relu/abs gradient checks
 * gen.distinct([4, 4]);             // no ties: safe for max/argMax/maxPool
 * ```
 */
export class SampleGen {
  readonly #g: Generator;

  /** Starts a stream from `seed`. */
  constructor(seed: number) {
    this.#g = new Generator(seed);
  }

  /** A uniform number in `[low, high)`. */
  next(low = 0, high = 1): number {
    return low + (high - low) * this.#g.nextFloat();
  }

  /** A uniform integer in `[low, high)`. */
  int(low: number, high: number): number {
    return this.#g.nextInt(low, high);
  }

  /** Fixed values as a sample input (`dtype` 'float' follows the dtype under test). */
  values(shape: readonly number[], values: readonly number[], dtype: SampleDType = 'float'): SampleInput {
    if (values.length !== sizeOf(shape)) throw new Error(`SampleGen.values: ${values.length} values for shape [${shape.join(',')}]`);
    return { shape: [...shape], values: [...values], dtype };
  }

  /** Uniform floats in `[low, high)`. */
  uniform(shape: readonly number[], low = -1, high = 1): SampleInput {
    return this.values(shape, Array.from({ length: sizeOf(shape) }, () => this.next(low, high)));
  }

  /** Uniform floats in `[low, high)` at least `margin` away from every point in `kinks`. */
  awayFrom(shape: readonly number[], low: number, high: number, kinks: readonly number[], margin = 0.1): SampleInput {
    const draw = (): number => {
      for (;;) {
        const v = this.next(low, high);
        if (kinks.every((k) => Math.abs(v - k) >= margin)) return v;
      }
    };
    return this.values(shape, Array.from({ length: sizeOf(shape) }, draw));
  }

  /** Floats with `minAbs <= |x| < maxAbs` and a random sign (denominators, reciprocal). */
  nonzero(shape: readonly number[], minAbs = 0.3, maxAbs = 2): SampleInput {
    return this.values(shape, Array.from({ length: sizeOf(shape) }, () => (this.next() < 0.5 ? -1 : 1) * this.next(minAbs, maxAbs)));
  }

  /**
   * Pairwise distinct floats in `[low, high)`, at least half a grid step apart: a shuffled grid
   * with jitter. No ties, so max/min/argMax/maxPool have a unique winner and a clean gradient.
   */
  distinct(shape: readonly number[], low = -2, high = 2): SampleInput {
    const n = sizeOf(shape);
    const step = (high - low) / Math.max(n, 1);
    const slots = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    }
    return this.values(shape, slots.map((s) => low + (s + 0.25 + 0.5 * this.next()) * step));
  }

  /** Values drawn from `choices` (e.g. a few numbers so that comparisons see ties). */
  choice(shape: readonly number[], choices: readonly number[], dtype: SampleDType = 'float'): SampleInput {
    return this.values(shape, Array.from({ length: sizeOf(shape) }, () => choices[this.int(0, choices.length)]!), dtype);
  }

  /** Uniform int32 values in `[low, high)`. */
  ints(shape: readonly number[], low = -5, high = 5): SampleInput {
    return this.values(shape, Array.from({ length: sizeOf(shape) }, () => this.int(low, high)), 'int32');
  }

  /** int32 indices in `[0, size)`. */
  indices(shape: readonly number[], size: number): SampleInput {
    return this.ints(shape, 0, size);
  }

  /** Random bools. */
  bools(shape: readonly number[]): SampleInput {
    return this.values(shape, Array.from({ length: sizeOf(shape) }, () => (this.next() < 0.5 ? 1 : 0)), 'bool');
  }

  /** The same values with a fixed dtype instead of the dtype under test. */
  as(input: SampleInput, dtype: DType): SampleInput {
    return { ...input, dtype };
  }
}

/** A stable 31-bit seed from a string (FNV-1a), so each spec draws its own reproducible samples. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) & 0x7fffffff;
}
