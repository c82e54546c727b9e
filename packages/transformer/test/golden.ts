import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@dlkit/core';

/** A tensor as the generators store it. */
export interface Stored {
  readonly shape: number[];
  readonly values: number[];
}

/** Reads a golden-value file written by a generator under tools/fixtures/transformer/. */
export function readGolden<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../tools/fixtures/transformer/${name}`, import.meta.url), 'utf8')) as T;
}

/** A float64 tensor from a stored one. */
export function f64(stored: Stored, requiresGrad = false): Tensor {
  return tensor(Float64Array.from(stored.values), { shape: stored.shape, dtype: 'float64', requiresGrad });
}

/** A state dict of float64 tensors. */
export function stateDict(state: Record<string, Stored>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, f64(v)]));
}

/** The largest |a − b| over two equally long lists. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`lengths differ: ${actual.length} vs ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst;
}
