import { describe, expect, it } from 'vitest';
import {
  DTypeError, ShapeError, ValueError, accuracy, binaryCrossEntropy, binaryCrossEntropyWithLogits, confusionMatrix,
  crossEntropy, f1, gradcheck, huber, meanSquaredError, precision, randn, recall, tensor, topKAccuracy,
} from '@dlkit/core';

const labels = (values: number[]) => tensor(values, { dtype: 'int32' });

describe('losses: behaviour beyond the golden values', () => {
  it('binaryCrossEntropy stays finite at probabilities of exactly 0 and 1 (log clamped at -100)', () => {
    const loss = binaryCrossEntropy(tensor([0, 1]), tensor([1, 0]), { reduction: 'none' });
    expect(loss.toArray()).toEqual([100, 100]);
  });

  it('binaryCrossEntropyWithLogits is exact for huge logits', () => {
    const loss = binaryCrossEntropyWithLogits(tensor([1000, -1000], { dtype: 'float64' }), tensor([0, 1], { dtype: 'float64' }), { reduction: 'none' });
    expect(loss.toArray()).toEqual([1000, 1000]);
  });

  it('binaryCrossEntropyWithLogits has the exact gradient σ(z) - y at z = 0 (not a kink subgradient)', () => {
    const z = tensor([0, 0, 3], { requiresGrad: true, dtype: 'float64' });
    const y = tensor([1, 0, 1], { dtype: 'float64' });
    binaryCrossEntropyWithLogits(z, y, { reduction: 'sum' }).backward();
    const expected = [0.5 - 1, 0.5, 1 / (1 + Math.exp(-3)) - 1];
    (z.grad!.toArray() as number[]).forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 12));
  });

  it('crossEntropy is stable for logits in the thousands and differentiable', () => {
    const loss = crossEntropy(tensor([[1000, 0, -1000]]), labels([0]));
    expect(loss.item()).toBe(0);
    const logits = randn([4, 5], { seed: 1, dtype: 'float64' });
    const result = gradcheck((z) => crossEntropy(z!, labels([0, 4, 2, 2]), { labelSmoothing: 0.1 }), [logits]);
    expect(result.ok).toBe(true);
  });

  it('rejects mismatched shapes, float labels and out-of-range labels by name', () => {
    expect(() => meanSquaredError(randn([2, 3]), randn([3, 2]))).toThrow(/meanSquaredError: prediction \[2,3\] and target \[3,2\]/);
    expect(() => crossEntropy(randn([2, 3]), tensor([0, 1]))).toThrow(DTypeError);
    expect(() => crossEntropy(randn([2, 3]), labels([0, 1, 2]))).toThrow(ShapeError);
    expect(() => crossEntropy(randn([2, 3]), labels([0, 3]))).toThrow(ValueError);
    expect(() => huber(randn([2]), randn([2]), { delta: 0 })).toThrow(ValueError);
  });
});

describe('metrics on a hand-checked example', () => {
  // actual:    0 0 1 1 1 2
  // predicted: 0 1 1 1 2 2
  const actual = labels([0, 0, 1, 1, 1, 2]);
  const predicted = labels([0, 1, 1, 1, 2, 2]);

  it('confusion matrix has true classes as rows', () => {
    expect(confusionMatrix(predicted, actual)).toEqual([[1, 1, 0], [0, 2, 1], [0, 0, 1]]);
  });

  it('accuracy, macro/micro/weighted precision, recall and F1', () => {
    expect(accuracy(predicted, actual)).toBeCloseTo(4 / 6, 12);
    // per class precision 1, 2/3, 1/2; recall 1/2, 2/3, 1; support 2, 3, 1
    expect(precision(predicted, actual, { average: 'macro' })).toBeCloseTo((1 + 2 / 3 + 1 / 2) / 3, 12);
    expect(recall(predicted, actual, { average: 'macro' })).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 12);
    expect(precision(predicted, actual, { average: 'micro' })).toBeCloseTo(4 / 6, 12);
    expect(recall(predicted, actual, { average: 'weighted' })).toBeCloseTo((2 * 0.5 + 3 * (2 / 3) + 1) / 6, 12);
    const f1PerClass = [2 / 3, 2 / 3, 2 / 3];
    expect(f1(predicted, actual, { average: 'macro' })).toBeCloseTo(f1PerClass.reduce((a, b) => a + b) / 3, 12);
    expect(() => f1(predicted, actual)).toThrow(/average 'binary' needs two classes/);
  });

  it('reads scores by argmax and probabilities by thresholding', () => {
    expect(accuracy(tensor([[0.1, 0.9], [0.8, 0.2]]), labels([1, 1]))).toBe(0.5);
    expect(accuracy(tensor([0.7, 0.2, 0.6]), tensor([1, 0, 0]))).toBeCloseTo(2 / 3, 12);
    expect(recall(tensor([0.7, 0.2, 0.6, 0.1]), tensor([1, 1, 0, 0]))).toBe(0.5);
    expect(accuracy(tensor([[0.1, 0.9], [0.8, 0.2]]), tensor([[0, 1], [1, 0]]))).toBe(1);
  });

  it('top-k accuracy counts a label among the k best scores', () => {
    const scores = tensor([[0.1, 0.5, 0.4], [0.6, 0.3, 0.1], [0.2, 0.3, 0.5]]);
    expect(topKAccuracy(scores, labels([2, 1, 0]), 1)).toBe(0);
    expect(topKAccuracy(scores, labels([2, 1, 0]), 2)).toBeCloseTo(2 / 3, 12);
    expect(topKAccuracy(scores, labels([2, 1, 0]), 3)).toBe(1);
  });
});
