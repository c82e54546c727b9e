/**
 * What decides whether an elementwise kernel pays in wasm: with typed-array storage a wasm kernel
 * must copy its inputs into wasm memory and its result out. Prints, in CPU µs per call for sizes
 * of an MLP's activations, core's ts `add` beside those copies alone (measured here: the copies
 * are 60–65% of the ts kernel's whole pass, leaving a wasm `add` at most a third faster).
 * `pnpm exec tsx packages/backend-wasm/bench/copy-vs-elementwise.ts`
 */
import { tsBackend } from '@dlkit/core';

const cpuMicros = (fn: () => void, reps: number): number => {
  for (let i = 0; i < 20; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / reps;
};

const memory = new WebAssembly.Memory({ initial: 256 });
const heap = new Float32Array(memory.buffer);
for (const n of [32_768, 200_704, 1_048_576]) {
  const a = { handle: Float32Array.from({ length: n }, Math.random), shape: [n], dtype: 'float32' as const };
  const b = { handle: Float32Array.from({ length: n }, Math.random), shape: [n], dtype: 'float32' as const };
  const reps = Math.max(20, Math.round(2e8 / n / 50));
  const ts = cpuMicros(() => void tsBackend.binary(a, b, 'add', [n]), reps);
  // Two inputs in, one result out: the least a wasm `add` on JS storage has to move.
  const copies = cpuMicros(() => {
    heap.set(a.handle, 0);
    heap.set(b.handle, n);
    void heap.slice(2 * n, 3 * n);
  }, reps);
  console.log(`n=${n}: ts add ${ts.toFixed(1)} µs; copies alone for a wasm add ${copies.toFixed(1)} µs`);
}
