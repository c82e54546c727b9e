import { afterAll, describe, expect, it } from 'vitest';
import { grad, registerBackend, setBackend, tensor, tsBackend, type Backend } from '@dlkit/core';

// A second backend: the ts kernels under another name, so moves between two backends are real.
registerBackend({ ...(tsBackend as Backend), name: 'ts-copy' });
afterAll(() => setBackend('ts'));

describe('clone', () => {
  it('is a differentiable copy (unlike detach) with the same values, shape and dtype', () => {
    const x = tensor([[1, -2], [3, 4]], { requiresGrad: true });
    const c = x.clone();
    expect(c).not.toBe(x);
    expect([c.requiresGrad, c.isLeaf, c.dtype, [...c.shape]]).toEqual([true, false, 'float32', [2, 2]]);
    c.mul(c).sum().backward();
    expect(x.grad!.toArray()).toEqual([[2, -4], [6, 8]]);
    expect(x.detach().requiresGrad).toBe(false);
    expect(tensor([true, false]).clone().toArray()).toEqual([true, false]);
  });

  it('is independent of later assign() on the original', () => {
    const x = tensor([1, 2]);
    const c = x.clone();
    x.assign(tensor([5, 6]));
    expect(c.toArray()).toEqual([1, 2]);
  });
});

describe('toBackend between two backends', () => {
  it('moves values and gradients, and returns the tensor itself when it is already there', () => {
    const x = tensor([1, 2, 3], { dtype: 'float64' });
    const moved = x.to('ts-copy');
    expect([moved.backend.name, moved.dtype, moved.toArray()]).toEqual(['ts-copy', 'float64', [1, 2, 3]]);
    expect(moved.to('ts-copy')).toBe(moved);
    const [g] = grad((t) => t.to('ts-copy').exp().sum().to('ts'))([x]);
    expect(g!.backend.name).toBe('ts');
    expect(g!.toArray()).toEqual([Math.exp(1), Math.exp(2), Math.exp(3)]);
  });
});
