import type { TypedArray } from '../dtype.js';
import { ValueError } from '../errors.js';

/**
 * A small, fast, seedable pseudo-random generator (xoshiro128**, seeded through splitmix32).
 * All of dlkit's randomness comes from here, on the CPU, so a seed gives the same numbers on
 * every backend.
 *
 * @example
 * ```ts
 * const g = new Generator(42);
 * const u = g.nextFloat(); // in [0, 1), the same for every run seeded 42
 * ```
 */
export class Generator {
  #s0 = 0;
  #s1 = 0;
  #s2 = 0;
  #s3 = 0;
  #spareNormal: number | null = null;

  /**
   * Creates a generator seeded with `seed`.
   *
   * @param seed - Any safe integer; the same seed always gives the same stream.
   */
  constructor(seed: number) {
    this.seed(seed);
  }

  /** Restarts the stream from `seed` (any safe integer). */
  seed(seed: number): void {
    if (!Number.isSafeInteger(seed)) throw new ValueError(`manualSeed: seed must be a safe integer, got ${seed}`);
    // splitmix32 over both halves of the seed spreads nearby seeds far apart.
    let state = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
    this.#spareNormal = null;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A standard normal sample (Box–Muller; the second value of each pair is kept for the next call). */
  nextNormal(): number {
    if (this.#spareNormal !== null) {
      const spare = this.#spareNormal;
      this.#spareNormal = null;
      return spare;
    }
    let u = 0;
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** A uniform integer in `[low, high)`. */
  nextInt(low: number, high: number): number {
    return low + Math.floor(this.nextFloat() * (high - low));
  }

  // Bulk fills: one loop per distribution, so filling a large tensor makes no per-element closure
  // call. Each draws exactly what the single-value methods draw, in order.

  /** Fills `out` with uniform samples in `[low, high)`. */
  fillUniform(out: TypedArray, low: number, high: number): void {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + span * this.nextFloat();
  }

  /** Fills `out` with normal samples of `mean` and `std`. */
  fillNormal(out: TypedArray, mean: number, std: number): void {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.nextNormal();
  }

  /** Fills `out` with uniform integers in `[low, high)`. */
  fillInt(out: TypedArray, low: number, high: number): void {
    for (let i = 0; i < out.length; i++) out[i] = this.nextInt(low, high);
  }

  /** Fills `out` with 1 (probability `p`) or 0. */
  fillBernoulli(out: TypedArray, p: number): void {
    for (let i = 0; i < out.length; i++) out[i] = this.nextFloat() < p ? 1 : 0;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const globalGenerator = new Generator(0);

/**
 * Seeds dlkit's global random generator: every later `rand`, `randn`, `dropout`, initializer and
 * shuffle is reproducible, bit for bit, on every backend.
 * @example manualSeed(42);
 */
export function manualSeed(seed: number): void {
  globalGenerator.seed(seed);
}

/** The generator a call uses: a fresh one for an explicit `seed`, else the global one. */
export function generatorFor(seed: number | undefined): Generator {
  return seed === undefined ? globalGenerator : new Generator(seed);
}
