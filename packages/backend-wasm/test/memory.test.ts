// A long training loop must not grow backend memory: the wasm memory (kernel scratch) reaches the
// largest call's working set in the first steps and then stays the same size, and the JS heap
// holding the typed-array storage stays flat too (checked after forced garbage collections).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { argMax, crossEntropy, getBackend, manualSeed, matmul, nn, noGrad, randn, registerBackend, setBackend } from '@dlkit/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wasmBackend, type WasmBackend } from '@dlkit/backend-wasm';
import { ensureWasmBuilt } from './build.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let backend: WasmBackend;
let previous: string;
beforeAll(async () => {
  ensureWasmBuilt();
  backend = await wasmBackend({ threads: 2, name: 'wasm-memory-test' });
  registerBackend(backend);
  previous = getBackend().name;
  setBackend(backend.name);
});
afterAll(() => {
  setBackend(previous);
  backend.terminate();
});

it('1,000 MLP training steps keep wasm memory and the JS heap flat, and the MLP learns', () => {
  manualSeed(3);
  const x = randn([32, 784], { seed: 11 });
  const labels = argMax(matmul(x, randn([784, 10], { seed: 12 })), 1);
  const model = new nn.Sequential(new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));
  const step = (): number => {
    const loss = crossEntropy(model.forward(x), labels);
    loss.backward();
    noGrad(() => {
      for (const p of model.parameters()) {
        p.assign(p.sub(p.grad!.mul(0.05)));
        p.zeroGrad();
      }
    });
    return loss.item();
  };
  const first = step();
  for (let i = 1; i < 50; i++) step();
  gc();
  const wasmAfterWarmup = backend.memoryStats();
  const heapAfterWarmup = process.memoryUsage().heapUsed;
  let last = first;
  for (let i = 50; i < 1000; i++) last = step();
  gc();
  expect(backend.memoryStats()).toEqual(wasmAfterWarmup);
  expect(process.memoryUsage().heapUsed - heapAfterWarmup).toBeLessThan(16 * 2 ** 20);
  expect(last).toBeLessThan(first / 20);
});
