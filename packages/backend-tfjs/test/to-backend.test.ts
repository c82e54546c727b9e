import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { add, BackendError, DTypeError, getBackend, registerBackend, setBackend, tensor, tidy, toBackend } from '@dlkit/core';
import { tfjsBackend } from '@dlkit/backend-tfjs';

describe('moving tensors between ts and tfjs-cpu', () => {
  let previous: string;
  beforeAll(async () => {
    previous = getBackend().name;
    registerBackend(await tfjsBackend({ engine: 'cpu' }));
  });
  afterAll(() => setBackend(previous));

  it('to() copies values, shape and dtype across, and back', () => {
    const x = tensor([[1.5, -2], [3, 4]]);
    const onTfjs = x.to('tfjs-cpu');
    expect(onTfjs.backend.name).toBe('tfjs-cpu');
    expect(onTfjs.toArray()).toEqual([[1.5, -2], [3, 4]]);
    const i = tensor([7, -3], { dtype: 'int32' }).to('tfjs-cpu');
    expect([i.dtype, i.toArray()]).toEqual(['int32', [7, -3]]);
    expect(toBackend(onTfjs, 'ts').backend.name).toBe('ts');
    expect(x.to('ts')).toBe(x);
  });

  it('is differentiable: the gradient comes back to the source backend', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.to('tfjs-cpu');
    y.square().sum().backward();
    expect(x.grad!.backend.name).toBe('ts');
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
  });

  it('refuses a dtype the target cannot store, and names toBackend when backends are mixed', () => {
    const wide = tensor([1, 2], { dtype: 'float64' });
    expect(() => wide.to('tfjs-cpu')).toThrow(DTypeError);
    expect(() => wide.to('tfjs-cpu')).toThrow(/toBackend: backend 'tfjs-cpu' cannot store float64 .*cast first/);
    const a = tensor([1, 2]);
    const b = a.to('tfjs-cpu');
    expect(() => add(a, b)).toThrow(BackendError);
    expect(() => add(a, b)).toThrow(/move one with toBackend\(t, 'ts'\) or t\.to\('ts'\)/);
    expect(() => b.assign(a)).toThrow(/assign: value lives on backend 'ts', this tensor on 'tfjs-cpu'; move it with value\.to\('tfjs-cpu'\)/);
  });

  it('clone() on tfjs holds its own reference: disposing either leaves the other usable, and no tf.Tensor leaks', () => {
    setBackend('tfjs-cpu');
    const before = tf.memory().numTensors;
    tidy(() => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      const c = x.clone();
      x.dispose();
      expect(c.toArray()).toEqual([1, 2, 3]);
      const d = c.clone();
      c.dispose();
      expect(d.toArray()).toEqual([1, 2, 3]);
    });
    expect(tf.memory().numTensors).toBe(before);
    setBackend('ts');
  });
});
