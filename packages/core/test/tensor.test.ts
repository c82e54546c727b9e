import { describe, expect, it } from 'vitest';
import {
  DTypeError, ShapeError, ValueError, arange, bernoulli, eye, full, linspace, manualSeed, oneHot, rand, randint, randn,
  scalar, std, tensor, zerosLike, onesLike, dropout, add, mul, div,
} from '@dlkit/core';

describe('tensor creation', () => {
  it('infers shape and dtype from nested arrays', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(scalar(3).item()).toBe(3);
    expect(scalar(3).shape).toEqual([]);
  });

  it('copies typed arrays it is given', () => {
    const values = new Float32Array([1, 2]);
    const t = tensor(values);
    values[0] = 99;
    expect(t.toArray()).toEqual([1, 2]);
  });

  it('rejects ragged arrays and size mismatches', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(/3 values cannot have shape \[2,2\]/);
  });

  it('builds the standard constant tensors', () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(full([2], 7, { dtype: 'int32' }).toArray()).toEqual([7, 7]);
    expect(zerosLike(eye(2)).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(onesLike(tensor([1, 2], { dtype: 'int32' })).dtype).toBe('int32');
    expect(oneHot(tensor([0, 2], { dtype: 'int32' }), 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(() => oneHot(tensor([3], { dtype: 'int32' }), 3)).toThrow(ValueError);
  });

  it('renders readably', () => {
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe('tensor([[1., 2.],\n        [3., 4.]], shape=[2,2], dtype=float32)');
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe('tensor([1, 2], shape=[2], dtype=int32)');
  });

  it('reads values asynchronously too', async () => {
    expect(Array.from(await tensor([1, 2]).data())).toEqual([1, 2]);
  });
});

describe('dtype promotion', () => {
  it('promotes like PyTorch and divides integers truly', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(add(i, 1).dtype).toBe('int32');
    expect(add(i, 0.5).dtype).toBe('float32');
    expect(add(i, tensor([1, 1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(div(i, 2).toArray()).toEqual([0.5, 1]);
    expect(mul(tensor([true, true]), tensor([true, false])).toArray()).toEqual([1, 0]);
  });

  it('rejects unknown dtypes by name', () => {
    expect(() => tensor([1], { dtype: 'float16' as never })).toThrow(DTypeError);
  });
});

describe('seeded random', () => {
  it('is bit-for-bit reproducible from manualSeed and from per-call seeds', () => {
    manualSeed(7);
    const a = [randn([5]).dataSync(), rand([5]).dataSync(), randint(0, 10, [5]).dataSync(), bernoulli([5], 0.5).dataSync()];
    manualSeed(7);
    const b = [randn([5]).dataSync(), rand([5]).dataSync(), randint(0, 10, [5]).dataSync(), bernoulli([5], 0.5).dataSync()];
    expect(b).toEqual(a);
    expect(randn([4], { seed: 3 }).dataSync()).toEqual(randn([4], { seed: 3 }).dataSync());
    expect(randn([4], { seed: 3 }).dataSync()).not.toEqual(randn([4], { seed: 4 }).dataSync());
  });

  it('draws from the stated distributions', () => {
    const n = randn([20000], { seed: 1, dtype: 'float64' });
    expect(n.mean().item()).toBeCloseTo(0, 1);
    expect(std(n).item()).toBeCloseTo(1, 1);
    const u = rand([20000], { seed: 2, low: -1, high: 3 });
    expect(u.min().item()).toBeGreaterThanOrEqual(-1);
    expect(u.max().item()).toBeLessThan(3);
    expect(u.mean().item()).toBeCloseTo(1, 1);
    const k = randint(0, 4, [4000], { seed: 3 });
    expect(k.min().item()).toBe(0);
    expect(k.max().item()).toBe(3);
  });

  it('dropout keeps the expected value (inverted dropout) and validates its rate', () => {
    const x = full([10000], 1);
    const y = dropout(x, 0.25, { seed: 5 });
    const kept = y.greater(0).cast('float32').mean().item();
    expect(kept).toBeCloseTo(0.75, 1);
    expect(y.max().item()).toBeCloseTo(1 / 0.75, 5);
    expect(y.mean().item()).toBeCloseTo(1, 1);
    expect(() => dropout(x, 1)).toThrow(ValueError);
  });
});
