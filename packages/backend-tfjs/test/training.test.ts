import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, registerBackend, setBackend, tidy } from '@dlkit/core';
import { tfjsBackend, type TfjsBackend } from '@dlkit/backend-tfjs';
import { mlp, sgdStep, toyData } from './helpers.js';

/** Trains the same seeded model for `steps` SGD steps on `backend` and returns every loss. */
function train(backend: string, steps: number): number[] {
  const previous = getBackend().name;
  setBackend(backend);
  try {
    const { x, labels } = toyData(64, 10, 4);
    const model = mlp(10, 32, 4);
    return Array.from({ length: steps }, () => tidy(() => sgdStep(model, x, labels, 0.2)));
  } finally {
    setBackend(previous);
  }
}

describe('training on tfjs-wasm matches the ts backend', () => {
  let wasm: TfjsBackend;
  beforeAll(async () => {
    wasm = await tfjsBackend({ engine: 'wasm' });
    registerBackend(wasm);
  });

  it('50 seeded SGD steps end with the same loss to 1e-4 relative', () => {
    const onTs = train('ts', 50);
    const onWasm = train(wasm.name, 50);
    const last = onTs.length - 1;
    const relative = Math.abs(onWasm[last]! - onTs[last]!) / Math.abs(onTs[last]!);
    console.log(`50-step loss: ts ${onTs[last]}, tfjs-wasm ${onWasm[last]}, relative difference ${relative.toExponential(2)}`);
    expect(onTs[last]!).toBeLessThan(onTs[0]! * 0.5); // it learned
    expect(relative).toBeLessThanOrEqual(1e-4);
    onWasm.forEach((loss, k) => expect(Math.abs(loss - onTs[k]!) / onTs[k]!).toBeLessThanOrEqual(1e-4));
  });

  it('a 1,000-step training loop keeps tf.memory().numTensors bounded', () => {
    const previous = getBackend().name;
    setBackend(wasm.name);
    try {
      const { x, labels } = toyData(32, 8, 3);
      const model = mlp(8, 16, 3);
      const counts: number[] = [];
      let first = 0;
      let last = 0;
      for (let step = 0; step < 1000; step++) {
        const loss = tidy(() => sgdStep(model, x, labels, 0.05));
        if (step === 0) first = loss;
        last = loss;
        counts.push(tf.memory().numTensors);
      }
      const baseline = counts[9]!;
      const peak = Math.max(...counts.slice(10));
      console.log(`1,000 steps: tf.memory().numTensors ${counts[0]} after step 1, ${baseline} after step 10, at most ${peak} after that, ${counts[999]} at the end`);
      // Every step releases what it made: the count never grows past the first steps'.
      expect(peak).toBeLessThanOrEqual(baseline);
      expect(counts[999]).toBe(baseline);
      expect(last).toBeLessThan(first);
    } finally {
      setBackend(previous);
    }
  });
});
