import { describe, expect, it } from 'vitest';
import { add, concat, gradcheck, gradgradcheck, gradients, mul, randn, slice, split, stack, stridedSlice, sum, tanh, type Tensor } from '@dlkit/core';

const x64 = (shape: number[], seed: number): Tensor => randn(shape, { dtype: 'float64', seed });

describe('gradients through many slices of one tensor (deferred and assembled once)', () => {
  it('a split used step by step (BPTT pattern) passes gradcheck', () => {
    const steps = (x: Tensor): Tensor => {
      let h = split(x, 5, 1).reduce((acc, s) => tanh(add(mul(acc, 0.5), s)));
      h = mul(h, h);
      return h;
    };
    expect(gradcheck(steps, [x64([2, 5, 3], 1)]).ok).toBe(true);
  });

  it('slices with gaps, a dense use beside them, and an unused part pass gradcheck', () => {
    const fn = (x: Tensor): Tensor => {
      const a = slice(x, [0, 1], [3, 2]);
      const b = slice(x, [0, 5], [3, 1]);
      return add(sum(mul(a, a)), add(sum(tanh(b)), sum(mul(x, 0.3))));
    };
    expect(gradcheck(fn, [x64([3, 7], 2)]).ok).toBe(true);
  });

  it('overlapping, strided and multi-axis slices (the padded-sum fallback) pass gradcheck', () => {
    const fn = (x: Tensor): Tensor => {
      const a = slice(x, [0, 0], [4, 4]);
      const b = slice(x, [1, 2], [2, 3]);
      const c = stridedSlice(x, [0, 5], [null, null], [2, -2]);
      return add(sum(mul(a, a)), add(sum(tanh(b)), sum(mul(c, c))));
    };
    expect(gradcheck(fn, [x64([4, 6], 3)]).ok).toBe(true);
  });

  it('split pieces along axis 1 of a 3-D tensor, some unused, with second-order gradients', () => {
    const fn = (x: Tensor): Tensor => {
      const [p, , q] = split(x, [2, 1, 3], 1) as [Tensor, Tensor, Tensor];
      return concat([tanh(p), mul(q, q)], 1);
    };
    expect(gradcheck(fn, [x64([2, 6, 2], 4)]).ok).toBe(true);
    expect(gradgradcheck(fn, [x64([2, 6, 2], 5)]).ok).toBe(true);
  });

  it('assembles the gradient of a tensor split into 50 steps with one concat, not 50 padded sums', () => {
    const x = x64([50, 2, 3], 6);
    x.requiresGrad = true;
    const y = stack(split(x, 50, 0).map((s) => tanh(s)), 0);
    const [dx] = gradients(sum(y), [x], { createGraph: true });
    expect(dx!.gradFn?.kernel).toBe('concat');
    expect(dx!.gradFn?.inputs.length).toBe(50);
    expect(dx!.toArray()).toEqual(x.tanh().square().neg().add(1).toArray());
  });
});
