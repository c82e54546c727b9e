import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  add, BackendError, DTypeError, getBackend, listBackends, matmul, randn, registerBackend, setBackend, tensor, tsBackend,
} from '@dlkit/core';
import { existsSync } from 'node:fs';
import { tfjsBackend, TFJS_BACKEND_NAMES, type TfjsBackend } from '@dlkit/backend-tfjs';
import { installedWasmFolder } from '../src/engines.js';

describe('tfjsBackend()', () => {
  let cpu: TfjsBackend;
  let wasm: TfjsBackend;
  let previous: string;
  beforeAll(async () => {
    previous = getBackend().name;
    cpu = await tfjsBackend({ engine: 'cpu' });
    wasm = await tfjsBackend({ engine: 'wasm' });
  });
  afterAll(() => setBackend(previous));

  it('registers nothing by itself; names follow the engine', async () => {
    expect(listBackends()).not.toContain('tfjs-cpu');
    expect(cpu.name).toBe('tfjs-cpu');
    expect(wasm.name).toBe('tfjs-wasm');
    expect(cpu.tfjsBackendName).toBe(TFJS_BACKEND_NAMES.cpu);
    expect((await tfjsBackend({ engine: 'cpu', name: 'my-cpu' })).name).toBe('my-cpu');
    registerBackend(cpu);
    registerBackend(wasm);
    expect(listBackends()).toEqual(expect.arrayContaining(['ts', 'tfjs-cpu', 'tfjs-wasm']));
  });

  it('finds the wasm binaries in the installed package (no network, no set-up)', async () => {
    const folder = await installedWasmFolder();
    for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) expect(existsSync(folder + file)).toBe(true);
  });

  it('rejects an unknown engine with a BackendError', async () => {
    await expect(tfjsBackend({ engine: 'opengl' as never })).rejects.toThrow(BackendError);
    await expect(tfjsBackend({ engine: 'opengl' as never })).rejects.toThrow(/unknown engine "opengl"; expected one of 'node', 'wasm', 'cpu', 'webgl', 'webgpu', 'auto'/);
  });

  it('says that the GPU engines run in browsers when asked for them in Node', async () => {
    for (const engine of ['webgl', 'webgpu'] as const) {
      await expect(tfjsBackend({ engine })).rejects.toThrow(BackendError);
      await expect(tfjsBackend({ engine })).rejects.toThrow(new RegExp(`engine '${engine}' runs in browsers`));
    }
  });

  it('declares float64 unsupported: creating or casting to it raises a DTypeError', () => {
    setBackend(wasm.name);
    expect(wasm.dtypes).toEqual(['float32', 'int32', 'bool']);
    expect(() => tensor([1, 2], { dtype: 'float64' })).toThrow(DTypeError);
    expect(() => tensor([1, 2], { dtype: 'float64' })).toThrow(/backend 'tfjs-wasm' cannot store float64/);
    expect(() => tensor([1, 2]).cast('float64')).toThrow(/cast: backend 'tfjs-wasm' cannot store float64/);
  });

  it('each backend runs on its own TensorFlow.js engine, whichever one is active', () => {
    setBackend(cpu.name);
    const a = randn([4, 4], { seed: 1 });
    setBackend(wasm.name);
    const b = randn([4, 4], { seed: 1 });
    void tf.setBackend('cpu');
    const onWasm = matmul(b, b);
    expect(tf.getBackend()).toBe('wasm');
    const onCpu = matmul(a, a);
    expect(tf.getBackend()).toBe('cpu');
    const diff = Array.from(onCpu.dataSync()).map((v, i) => Math.abs(v - onWasm.dataSync()[i]!));
    expect(Math.max(...diff)).toBeLessThan(1e-5);
    expect(() => add(a, b)).toThrow(/different backends/);
  });

  it('downloads are copies in the dtype\'s typed array', () => {
    for (const b of [cpu, wasm]) {
      setBackend(b.name);
      const t = tensor([1, 2, 3]);
      const first = t.dataSync();
      first[0] = 42;
      expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
      expect(tensor([true, false]).dataSync()).toBeInstanceOf(Uint8Array);
      expect(tensor([1, 2], { dtype: 'int32' }).dataSync()).toBeInstanceOf(Int32Array);
    }
  });

  it('handles uploaded without a shape (callers other than core) are viewed at the tensor\'s shape', () => {
    const handle = wasm.upload(new Float32Array([1, 2, 3, 4, 5, 6]), 'float32');
    const x = { handle, shape: [2, 3], dtype: 'float32' as const };
    const before = tf.memory().numTensors;
    const summed = wasm.reduce(x, 'sum', [1], [2]);
    expect(Array.from(summed.dataSync())).toEqual([6, 15]);
    expect(tf.memory().numTensors).toBe(before + 1); // the temporary view was released
    summed.dispose();
    handle.dispose();
  });

  it('batched and transposed matmuls (the wasm engine\'s XNNPACK paths) match the ts backend', () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[3, 2, 20, 24], [3, 2, 24, 16], false, false],
      [[2, 20, 24], [16, 24], false, true],
      [[4, 24, 20], [1, 24, 16], true, false],
      [[2, 1, 20, 24], [3, 16, 24], false, true],
    ];
    for (const [sa, sb, tA, tB] of cases) {
      const on = (name: string): number[] => {
        setBackend(name);
        return Array.from(matmul(randn(sa, { seed: 3 }), randn(sb, { seed: 4 }), { transposeA: tA, transposeB: tB }).dataSync());
      };
      const expected = on('ts');
      const actual = on(wasm.name);
      expect(actual.length).toBe(expected.length);
      expect(Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-4);
    }
  });

  it('the ts backend is unaffected', () => {
    setBackend('ts');
    const t = randn([2, 2]);
    expect(t.backend).toBe(tsBackend);
    expect(t.detach().handle).toBe(t.handle);
  });
});
