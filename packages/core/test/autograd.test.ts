import { describe, expect, it } from 'vitest';
import {
  DTypeError, ShapeError, ValueError, grad, gradients, noGrad, ones, randn, tensor, valueAndGrad, zeros, isGradEnabled, enableGrad,
  type Tensor,
} from '@dlkit/core';

describe('autograd tape', () => {
  it('accumulates gradients into leaves across backward calls', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.square().sum().backward();
    expect(x.grad?.toArray()).toEqual([2, 4, 6]);
    x.square().sum().backward();
    expect(x.grad?.toArray()).toEqual([4, 8, 12]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  it('sums gradients of a tensor used twice (diamond graph)', () => {
    const x = tensor([2], { requiresGrad: true });
    const y = x.mul(x).add(x.exp());
    y.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(2 * 2 + Math.exp(2), 4);
  });

  it('walks a 10,000-op chain without overflowing the stack', () => {
    const x = tensor([1], { requiresGrad: true, dtype: 'float64' });
    let y = x;
    for (let i = 0; i < 10_000; i++) y = y.mul(1.0001);
    y.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(Math.pow(1.0001, 10_000), 8);
  });

  it('takes an explicit upstream gradient for non-scalar outputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(3).backward(tensor([1, 10]));
    expect(x.grad?.toArray()).toEqual([3, 30]);
  });

  it('rejects backward on a non-scalar without a gradient, naming the shape', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(ShapeError);
    expect(() => x.mul(2).backward()).toThrow(/\[2\]/);
  });

  it('rejects backward on a tensor that does not require grad', () => {
    expect(() => tensor([1]).sum().backward()).toThrow(ValueError);
  });

  it('rejects requiresGrad on integer tensors', () => {
    expect(() => tensor([1], { dtype: 'int32', requiresGrad: true })).toThrow(DTypeError);
  });

  it('records nothing inside noGrad and restores the mode afterwards', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(isGradEnabled()).toBe(true);
    expect(noGrad(() => enableGrad(() => x.mul(2)).requiresGrad)).toBe(true);
  });

  it('detach cuts the graph', () => {
    const x = tensor([3], { requiresGrad: true });
    const y = x.mul(x.detach());
    y.sum().backward();
    expect(x.grad!.item()).toBe(3);
  });

  it('refuses async functions in noGrad and enableGrad instead of losing the mode after the first await', async () => {
    const x = tensor([1], { requiresGrad: true });
    const later = async (): Promise<Tensor> => {
      await Promise.resolve();
      return x.mul(2);
    };
    expect(() => noGrad(later)).toThrow(ValueError);
    expect(() => noGrad(later)).toThrow(/noGrad: fn must be synchronous, got an async function or a returned Promise/);
    expect(() => noGrad(() => later())).toThrow(/noGrad: fn must be synchronous/);
    expect(() => enableGrad(later)).toThrow(/enableGrad: fn must be synchronous/);
    expect(isGradEnabled()).toBe(true);
    await Promise.resolve();
    expect(isGradEnabled()).toBe(true);
  });

  it('stops gradients at integer and comparison results', () => {
    const x = tensor([1, -2], { requiresGrad: true });
    expect(x.greater(0).requiresGrad).toBe(false);
    expect(x.argMax().requiresGrad).toBe(false);
  });
});

describe('freeing the graph after backward', () => {
  it('raises a ValueError naming retainGraph on a second backward through the same graph', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const loss = x.square().sum();
    loss.backward();
    expect(() => loss.backward()).toThrow(ValueError);
    expect(() => loss.backward()).toThrow(/backward: trying to backward through the graph a second time.*pass \{ retainGraph: true \}/);
    expect(x.grad?.toArray()).toEqual([2, 4, 6]);
  });

  it('raises as well when a new graph reuses a freed part, and after gradients()', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.exp();
    h.sum().backward();
    expect(() => h.mul(2).sum().backward()).toThrow(/graph a second time: the tensors 'unary' saved/);
    const y = x.square().sum();
    gradients(y, [x]);
    expect(() => y.backward()).toThrow(/graph a second time/);
  });

  it('releases the saved inputs of the nodes it went through, unless retainGraph is set', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const kept = x.square();
    kept.sum().backward({ retainGraph: true });
    expect(kept.gradFn!.isReleased).toBe(false);
    kept.sum().backward();
    expect(x.grad?.toArray()).toEqual([4, 8]);
    expect(kept.gradFn!.isReleased).toBe(true);
    expect(kept.isLeaf).toBe(false);
  });

  it('keeps the graph after backward({ createGraph: true }) (retainGraph defaults to createGraph)', () => {
    const x = tensor([3], { requiresGrad: true });
    const y = x.square().sum();
    y.backward({ createGraph: true });
    y.backward();
    expect(x.grad?.item()).toBe(12);
  });
});

describe('assign', () => {
  it('updates in place outside the graph and keeps the object identity', () => {
    const w = ones([2], { requiresGrad: true });
    const held = w;
    w.mul(3).sum().backward();
    noGrad(() => w.assign(w.sub(w.grad!.mul(0.5))));
    expect(held.toArray()).toEqual([-0.5, -0.5]);
    expect(held).toBe(w);
    expect(w.requiresGrad).toBe(true);
  });

  it('refuses updates while recording, and shape or dtype changes', () => {
    const w = ones([2], { requiresGrad: true });
    expect(() => w.assign(zeros([2]))).toThrow(ValueError);
    expect(() => noGrad(() => w.assign(zeros([3])))).toThrow(/assign: expected a float32 tensor of shape \[2\], got float32 \[3\]/);
    expect(() => noGrad(() => w.assign(zeros([2], { dtype: 'float64' })))).toThrow(DTypeError);
  });

  it('makes backward fail loudly when a saved input was changed after use', () => {
    const w = ones([2], { requiresGrad: true });
    const loss = w.square().sum();
    noGrad(() => w.assign(zeros([2])));
    expect(() => loss.backward()).toThrow(/changed by assign/);
  });
});

describe('functional grad', () => {
  it('valueAndGrad returns the value and per-input gradients without touching inputs', () => {
    const x = tensor([1, 2, 3]);
    const y = tensor([4, 5, 6]);
    const [value, [dx, dy]] = valueAndGrad((a, b) => a!.mul(b!).sum())([x, y]);
    expect(value.item()).toBe(32);
    expect(dx!.toArray()).toEqual([4, 5, 6]);
    expect(dy!.toArray()).toEqual([1, 2, 3]);
    expect(x.grad).toBeNull();
  });

  it('grad of a non-scalar function names grad, valueAndGrad names valueAndGrad', () => {
    expect(() => grad((a) => a!.mul(2))([tensor([1, 2])])).toThrow(/^grad: the function must return a one-element tensor, got shape \[2\]$/);
    expect(() => valueAndGrad((a) => a!.mul(2))([tensor([1, 2])])).toThrow(/^valueAndGrad: the function must return a one-element tensor/);
  });

  it('leaves the .grad of tensors the function closes over untouched', () => {
    const w = tensor([2], { requiresGrad: true });
    const [dx] = grad((x) => x!.mul(w).sum())([tensor([5])]);
    expect(dx!.toArray()).toEqual([2]);
    expect(w.grad).toBeNull();
  });

  it('grad of an input the function ignores is zero', () => {
    const [da, db] = grad((a) => a!.sum())([randn([2]), randn([3])]);
    expect(da!.toArray()).toEqual([1, 1]);
    expect(db!.toArray()).toEqual([0, 0, 0]);
  });
});

describe('reduction gradients at special points', () => {
  it('prod is differentiable through zeros (one zero: only it gets Π of the others)', () => {
    const x = tensor([[2, 0, 3], [0, 0, 5], [1, 2, 4]], { requiresGrad: true });
    x.prod(1).sum().backward();
    expect(x.grad!.toArray()).toEqual([[0, 6, 0], [0, 0, 0], [8, 4, 2]]);
  });

  it('max splits the gradient evenly between ties', () => {
    const x = tensor([1, 3, 3], { requiresGrad: true });
    x.max().backward();
    expect(x.grad!.toArray()).toEqual([0, 0.5, 0.5]);
  });
});
