import { Generator, ValueError } from '@dlkit/core';

/** A seed for stream `stream` derived from `seed` (e.g. one per epoch), reproducible and well spread. */
export function deriveSeed(seed: number, stream: number): number {
  if (!Number.isSafeInteger(seed)) throw new ValueError(`deriveSeed: seed must be a safe integer, got ${String(seed)}`);
  return ((seed % 0x7fffffff) * 0x10001 + stream * 0x9e3779b1) % Number.MAX_SAFE_INTEGER;
}

/**
 * `0 … n − 1` in a random order (Fisher–Yates), reproducible from `seed` on every platform.
 * @example permutation(5, 42) // e.g. [3, 0, 4, 1, 2]
 */
export function permutation(n: number, seed?: number): number[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new ValueError(`permutation: n must be an integer >= 0, got ${String(n)}`);
  const generator = new Generator(seed ?? Math.floor(Math.random() * 2 ** 31));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = generator.nextInt(0, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
