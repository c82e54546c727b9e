import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@dlkit/core';

/** Reads a golden-value file written by a generator under tools/fixtures/detection/. */
export function readGolden<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../tools/fixtures/detection/${name}`, import.meta.url), 'utf8')) as T;
}

/** `[n, 4]` boxes from a flat list. */
export function boxesOf(values: readonly number[], dtype: 'float32' | 'float64' = 'float64', requiresGrad = false): Tensor {
  return tensor(dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values), { shape: [values.length / 4, 4], dtype, requiresGrad });
}

/** The largest |a − b| over two equally long lists. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`lengths differ: ${actual.length} vs ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst;
}
