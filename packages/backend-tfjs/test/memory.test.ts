import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  getBackend, keep, nn, noGrad, randn, registerBackend, setBackend, tensor, tidy, ValueError, type Tensor,
} from '@dlkit/core';
import { tfjsBackend, type TfjsBackend } from '@dlkit/backend-tfjs';

const live = (): number => tf.memory().numTensors;

describe('memory: tfjs storage is released by dispose(), tidy() and a FinalizationRegistry', () => {
  let backend: TfjsBackend;
  let previous: string;
  beforeAll(async () => {
    backend = await tfjsBackend({ engine: 'cpu' });
    registerBackend(backend);
    previous = getBackend().name;
    setBackend(backend.name);
  });
  afterAll(() => setBackend(previous));

  it('dispose() releases the tf.Tensor once; a disposed tensor raises a ValueError when used', () => {
    const before = live();
    const t = randn([3, 4]);
    expect(live()).toBe(before + 1);
    t.dispose();
    t.dispose();
    expect(live()).toBe(before);
    expect(t.isDisposed).toBe(true);
    expect(() => t.add(1)).toThrow(ValueError);
    expect(() => t.add(1)).toThrow(/add: tensor #\d+ \(float32 \[3,4\]\) was disposed/);
    expect(() => t.dataSync()).toThrow(/dataSync: .* was disposed/);
  });

  it('tidy() releases intermediates and keeps results (also in arrays and objects), passing them to the outer scope', () => {
    const before = live();
    const x = randn([8, 8]);
    const { y, list } = tidy(() => {
      const h = x.matmul(x).relu().add(1);
      return { y: h.sum(), list: [h.mean(), 3] as const };
    });
    expect(live()).toBe(before + 3); // x, y, list[0]
    expect(y.isDisposed).toBe(false);
    const outer = tidy(() => {
      const inner = tidy(() => x.mul(2).add(1));
      expect(inner.isDisposed).toBe(false);
      return inner.sum();
    });
    expect(live()).toBe(before + 4);
    expect(outer.item()).toBeCloseTo(Array.from(x.dataSync()).reduce((s, v) => s + 2 * v + 1, 0), 3);
    for (const t of [x, y, list[0], outer]) t.dispose();
    expect(live()).toBe(before);
  });

  it('tidy() spares keep()-ed tensors and parameters, and cleans up when fn throws', () => {
    const before = live();
    const [kept, layer] = tidy(() => [keep(randn([2])), new nn.Linear(3, 2)] as const);
    expect(kept.isDisposed).toBe(false);
    expect(layer.weight.isDisposed).toBe(false);
    expect(live()).toBe(before + 3);
    expect(() => tidy(() => { randn([5]).exp(); throw new Error('boom'); })).toThrow('boom');
    expect(live()).toBe(before + 3);
    for (const t of [kept, layer.weight, layer.bias!]) t.dispose();
    expect(live()).toBe(before);
  });

  it('detach() and assign() never share a tf.Tensor between dlkit tensors', () => {
    const before = live();
    const w = tensor([1, 2, 3]);
    const d = w.detach();
    d.dispose();
    expect(Array.from(w.dataSync())).toEqual([1, 2, 3]);
    const value = tensor([4, 5, 6]);
    noGrad(() => w.assign(value));
    value.dispose();
    expect(Array.from(w.dataSync())).toEqual([4, 5, 6]);
    expect(live()).toBe(before + 1); // assign released w's old storage
    // An update loop keeps the count flat.
    for (let i = 0; i < 20; i++) tidy(() => noGrad(() => w.assign(w.mul(2))));
    expect(live()).toBe(before + 1);
    w.dispose();
    expect(live()).toBe(before);
  });

  it('registerBackend refuses a backend with dispose but no shareStorage', () => {
    const broken = Object.fromEntries(Object.entries(backend).filter(([k]) => k !== 'shareStorage'));
    expect(() => registerBackend({ ...(broken as unknown as TfjsBackend), name: 'tfjs-no-share' })).toThrow(/'tfjs-no-share' has dispose but no shareStorage/);
  });

  it('backward() after the scope that built the graph raises a clear ValueError', () => {
    const w = randn([3], { requiresGrad: true });
    const loss = tidy(() => w.exp().mul(w).sum());
    expect(() => loss.backward()).toThrow(ValueError);
    expect(() => loss.backward()).toThrow(/saved for the gradient of .* was disposed/);
    const ok = tidy(() => {
      const l = w.exp().mul(w).sum();
      l.backward();
      return w.grad!.sum().item();
    });
    expect(Number.isFinite(ok)).toBe(true);
  });

  it('tidy() rejects an async function', async () => {
    const before = live();
    expect(() => tidy(() => Promise.resolve(randn([2])))).toThrow(/tidy: the function returned a Promise/);
    expect(live()).toBe(before);
  });

  it('a tensor that is garbage collected without dispose() has its storage released (FinalizationRegistry)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const before = live();
    ((): void => {
      for (let i = 0; i < 50; i++) randn([16]).add(1); // randn, the scalar 1, the sum
    })();
    expect(live()).toBe(before + 150);
    for (let round = 0; round < 20 && live() > before; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Also releases what earlier tests left unreferenced.
    expect(live()).toBeLessThanOrEqual(before);
  });
});

describe('memory semantics are the same on the ts backend (storage is garbage collected there)', () => {
  it('dispose() and tidy() mark tensors disposed, results and parameters survive', () => {
    const previous = getBackend().name;
    setBackend('ts');
    try {
      let inner: Tensor | undefined;
      const out = tidy(() => {
        inner = randn([4]).exp();
        return inner.sum();
      });
      expect(inner!.isDisposed).toBe(true);
      expect(out.isDisposed).toBe(false);
      expect(() => inner!.mul(2)).toThrow(/mul: tensor #\d+ .* was disposed/);
      const layer = tidy(() => new nn.Linear(2, 2));
      expect(layer.forward(randn([1, 2])).shape).toEqual([1, 2]);
    } finally {
      setBackend(previous);
    }
  });
});
