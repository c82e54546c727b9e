/**
 * Checks of `webgpuBackend` on the page's main thread, where reads are asynchronous only: values
 * through `await t.data()` against the ts backend, the BackendError of `dataSync()`, host
 * fallbacks, and reference-counted storage.
 */
import * as dl from '@dlkit/core';
import type { WebGPUBackend } from '@dlkit/backend-webgpu';
import { describe, expect, it } from './vitest-shim.js';

/** `fn`'s result on `backend` (read with `data()`) and on ts, as plain arrays. */
async function onBoth(backend: WebGPUBackend, fn: () => dl.Tensor): Promise<[number[], number[]]> {
  dl.setBackend(backend.name);
  const mine = Array.from(await fn().data());
  dl.setBackend('ts');
  const theirs = Array.from(fn().dataSync());
  return [mine, theirs];
}

function close(a: readonly number[], b: readonly number[], tol = 1e-4): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]!))));
}

/** Defines the checks; `backend` must be registered. */
export function describeDirect(backend: WebGPUBackend): void {
  describe('webgpuBackend on the main thread', () => {
    it('dataSync raises a BackendError pointing at data()', () => {
      dl.setBackend(backend.name);
      const t = dl.tensor([1, 2, 3]);
      expect(() => t.dataSync()).toThrow(dl.BackendError);
      expect(() => t.dataSync()).toThrow(/await t\.data\(\)/);
      dl.setBackend('ts');
    });
    it('WGSL kernels: matmul, broadcast binary, unary, reductions, softmax', async () => {
      const a = dl.randn([3, 17, 33], { seed: 1 }).dataSync();
      const b = dl.randn([33, 9], { seed: 2 }).dataSync();
      const [mine, theirs] = await onBoth(backend, () => {
        const x = dl.tensor(a, { shape: [3, 17, 33] });
        const y = dl.matmul(x, dl.tensor(b, { shape: [33, 9] }));
        return dl.concat([dl.flatten(dl.softmax(dl.relu(dl.add(y, dl.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9]))))), dl.flatten(dl.sum(x, [0, 2]))]);
      });
      close(mine, theirs);
    });
    it('WGSL data movement, scans and top-k with a host fallback (int32 matmul) between them give the ts values', async () => {
      const [mine, theirs] = await onBoth(backend, () => {
        const x = dl.reshape(dl.arange(24), [2, 3, 4]);
        const moved = dl.concat([dl.flatten(dl.transpose(x, [2, 0, 1])), dl.gather(dl.flatten(x), dl.tensor([5, 0, 23], { dtype: 'int32' }), 0)]);
        const scanned = dl.cumsum(dl.mul(moved, 2), 0);
        const product = dl.matmul(dl.reshape(dl.cast(scanned, 'int32'), [9, 3]), dl.ones([3, 2], { dtype: 'int32' }));
        return dl.concat([dl.add(scanned, 1), dl.cast(dl.topk(scanned, 3).indices, 'float32'), dl.cast(dl.flatten(product), 'float32')]);
      });
      expect(mine).toEqual(theirs);
    });
    it('shared storage outlives the disposal of the original handle', async () => {
      dl.setBackend(backend.name);
      const x = dl.tensor([4, 5, 6]);
      const kept = x.detach();
      x.dispose();
      expect(Array.from(await dl.exp(kept).data()).map((v) => Math.round(Math.log(v)))).toEqual([4, 5, 6]);
      dl.setBackend('ts');
    });
    it('kernelPaths counts WGSL and host calls', async () => {
      const paths = await backend.kernelPaths();
      expect(paths.gpu['matmul']).toBeGreaterThan(0);
      expect(paths.gpu['transpose']).toBeGreaterThan(0);
      expect(paths.gpu['scan']).toBeGreaterThan(0);
      expect(paths.gpu['topk']).toBeGreaterThan(0);
      expect(paths.host['matmul']).toBeGreaterThan(0);
    });
  });
}
