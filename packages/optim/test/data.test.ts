import { describe, expect, it } from 'vitest';
import { arange, ShapeError, tensor } from '@dlkit/core';
import {
  batchIndices, miniBatches, oneHot, permutation, standardize, Standardizer, TensorDataset, trainDevSplit, trainDevTestSplit,
} from '@dlkit/optim';

const xs = arange(0, 20).reshape([10, 2]);
const ys = tensor(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));

describe('TensorDataset', () => {
  it('indexes examples and gathers batches', () => {
    const data = new TensorDataset(xs, ys);
    expect(data.length).toBe(10);
    const [x3, y3] = data.get(3);
    expect(x3.toArray()).toEqual([6, 7]);
    expect(y3.toArray()).toBe(3);
    const [xb, yb] = data.batch([9, 0, 9]);
    expect(xb.toArray()).toEqual([[18, 19], [0, 1], [18, 19]]);
    expect(yb.toArray()).toEqual([9, 0, 9]);
    expect(data.subset([1, 2]).length).toBe(2);
  });

  it('refuses mismatched tensors and bad indices', () => {
    expect(() => new TensorDataset(xs, tensor([1, 2]))).toThrow(ShapeError);
    expect(() => new TensorDataset(xs, tensor(1))).toThrow(/scalar/);
    expect(() => new TensorDataset(xs, ys).get(10)).toThrow(/outside \[0, 10\)/);
    expect(() => new TensorDataset(xs, ys).batch([])).toThrow(/at least one index/);
  });
});

describe('mini-batches', () => {
  it('partitions in order, keeps or drops the last partial batch', () => {
    expect(batchIndices(5, { batchSize: 2, shuffle: false })).toEqual([[0, 1], [2, 3], [4]]);
    expect(batchIndices(5, { batchSize: 2, shuffle: false, dropLast: true })).toEqual([[0, 1], [2, 3]]);
    expect(batchIndices(4, { batchSize: 8, shuffle: false })).toEqual([[0, 1, 2, 3]]);
  });

  it('a seeded shuffle is a reproducible permutation; sampling with replacement repeats', () => {
    const a = batchIndices(100, { batchSize: 30, seed: 4 });
    expect(a).toEqual(batchIndices(100, { batchSize: 30, seed: 4 }));
    expect(a).not.toEqual(batchIndices(100, { batchSize: 30, seed: 5 }));
    expect(a.map((b) => b.length)).toEqual([30, 30, 30, 10]);
    expect(a.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const drawn = batchIndices(100, { batchSize: 50, sampling: 'replacement', seed: 1 }).flat();
    expect(drawn).toHaveLength(100);
    expect(new Set(drawn).size).toBeLessThan(100);
    expect(permutation(6, 3)).toEqual(permutation(6, 3));
    expect(() => batchIndices(5, { batchSize: 0 })).toThrow(/batchSize/);
  });

  it("miniBatches is the course's random_mini_batches", () => {
    const batches = [...miniBatches([xs, ys], { batchSize: 4, seed: 0 })];
    expect(batches.map(([x]) => x.shape[0])).toEqual([4, 4, 2]);
    const labels = batches.flatMap(([, y]) => y.toArray() as number[]);
    expect([...labels].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [x, y] of batches) {
      const rows = x.toArray() as number[][];
      (y.toArray() as number[]).forEach((label, i) => expect(rows[i]).toEqual([2 * label, 2 * label + 1]));
    }
  });
});

describe('splits', () => {
  it('train/dev/test by ratios, disjoint, covering everything', () => {
    const { train, dev, test } = trainDevTestSplit([xs, ys], { ratios: [0.6, 0.2, 0.2], seed: 1 });
    expect([train.length, dev.length, test.length]).toEqual([6, 2, 2]);
    const labels = [train, dev, test].flatMap((d) => d.tensors[1].toArray() as number[]);
    expect([...labels].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const ordered = trainDevTestSplit(new TensorDataset(xs, ys), { ratios: [0.5, 0.3, 0.2], shuffle: false });
    expect(ordered.dev.tensors[1].toArray()).toEqual([5, 6, 7]);
    expect(() => trainDevTestSplit([xs, ys], { ratios: [0.5, 0.3, 0.3] })).toThrow(/sum to 1/);
    expect(() => trainDevTestSplit([xs, ys], { ratios: [0.98, 0.01, 0.01] })).toThrow(/part 1 would be empty/);
  });

  it('a train-dev split holds out part of the training distribution', () => {
    const { train, trainDev } = trainDevSplit([xs, ys], { trainDevRatio: 0.3, seed: 2 });
    expect([train.length, trainDev.length]).toEqual([7, 3]);
    expect(() => trainDevSplit([xs, ys], { trainDevRatio: 1 })).toThrow(/trainDevRatio/);
  });
});

describe('standardize and oneHot', () => {
  it('fits μ and σ on train and applies them to the other sets', () => {
    const train = tensor([[1, 10], [3, 30]]);
    const dev = tensor([[2, 40]]);
    const [trainN, devN] = standardize(train, dev);
    expect(trainN.toArray()).toEqual([[-1, -1], [1, 1]].map((r) => r.map((v) => expect.closeTo(v, 6))));
    expect(devN.toArray()).toEqual([[0, 2]].map((r) => r.map((v) => expect.closeTo(v, 6))));
    const scaler = Standardizer.fit(train);
    expect(scaler.mean.toArray()).toEqual([[2, 20]]);
    expect(scaler.inverseTransform(scaler.transform(dev)).toArray()).toEqual([[2, 40]].map((r) => r.map((v) => expect.closeTo(v, 4))));
    expect(() => scaler.transform(tensor([[1, 2, 3]]))).toThrow(/fitted on features \[1, 2\]/);
    expect(() => Standardizer.fit(tensor([1, 2], { dtype: 'int32' }))).toThrow(/float inputs/);
  });

  it('one-hot rows from labels', () => {
    expect(oneHot([0, 2, 1], 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    expect(oneHot(tensor(Int32Array.from([1])), 2, { dtype: 'float64' }).dtype).toBe('float64');
    expect(() => oneHot([0.5], 2)).toThrow(/integers/);
    expect(() => oneHot([3], 2)).toThrow(/outside \[0, 2\)/);
  });
});
