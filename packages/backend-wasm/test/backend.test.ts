import { matmul, registerBackend, setBackend, tensor, ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { relaxedSimdSupported, wasmBackend } from '@dlkit/backend-wasm';
import { ensureWasmBuilt } from './build.js';

describe('wasmBackend options', () => {
  it('names itself after its threads and reports the build it runs', async () => {
    ensureWasmBuilt();
    const one = await wasmBackend();
    expect(one.name).toBe('wasm');
    expect(one.threads).toBe(1);
    expect(one.relaxedSimd).toBe(await relaxedSimdSupported());
    const plain = await wasmBackend({ relaxedSimd: false, name: 'wasm-plain-simd' });
    expect(plain.relaxedSimd).toBe(false);
    const two = await wasmBackend({ threads: 2 });
    expect(two.name).toBe('wasm-2t');
    two.terminate();
  });

  it('rejects a bad thread count with a ValueError naming it', async () => {
    await expect(wasmBackend({ threads: 0 })).rejects.toThrow(ValueError);
    await expect(wasmBackend({ threads: 1.5 })).rejects.toThrow(/wasmBackend: threads must be an integer in \[1, 64\]; got 1.5/);
  });

  it('the plain SIMD build computes what the FMA build does', async () => {
    ensureWasmBuilt();
    const a = tensor(Float32Array.from({ length: 96 * 70 }, (_, i) => Math.sin(i)), { shape: [96, 70] });
    const b = tensor(Float32Array.from({ length: 70 * 40 }, (_, i) => Math.cos(i)), { shape: [70, 40] });
    const results: Float32Array[] = [];
    for (const relaxedSimd of [false, true]) {
      const backend = await wasmBackend({ relaxedSimd, name: `wasm-build-${String(relaxedSimd)}` });
      registerBackend(backend);
      setBackend(backend.name);
      results.push(matmul(a.to(backend.name), b.to(backend.name)).dataSync() as Float32Array);
      setBackend('ts');
    }
    const want = matmul(a, b).dataSync();
    for (const got of results) got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
  });
});
