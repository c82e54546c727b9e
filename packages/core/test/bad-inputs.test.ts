import { describe, expect, it } from 'vitest';
import {
  DTypeError, ValueError, accuracy, binaryCrossEntropy, grad, manualSeed, meanSquaredError, nn, noGrad, ones, tensor, valueAndGrad, zeros, type Tensor,
} from '@dlkit/core';

// Bad inputs outside the op-spec table (module constructors, losses); op errors live in
// @dlkit/core/testing's specs.

describe('module constructors', () => {
  it('Linear works with zero features, as in PyTorch: Linear(0, 3) maps [m, 0] to its zero bias', () => {
    manualSeed(1);
    const empty = new nn.Linear(0, 3);
    expect([...empty.weight.shape]).toEqual([3, 0]);
    expect(empty.bias!.toArray()).toEqual([0, 0, 0]);
    const y = empty.forward(zeros([2, 0]));
    expect(y.toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    const none = new nn.Linear(4, 0);
    expect([...none.forward(ones([2, 4])).shape]).toEqual([2, 0]);
  });

  it.each([
    ['Linear(-1, 3)', () => new nn.Linear(-1, 3), /Linear: inFeatures must be a non-negative integer, got number -1/],
    ['Linear(2.5, 3)', () => new nn.Linear(2.5, 3), /Linear: inFeatures must be a non-negative integer, got number 2.5/],
    ['Linear(3, NaN)', () => new nn.Linear(3, NaN), /Linear: outFeatures must be a non-negative integer, got number NaN/],
    ['Embedding(-1, 3)', () => new nn.Embedding(-1, 3), /Embedding: numEmbeddings must be a non-negative integer, got number -1/],
    ['Embedding(4, 1.5)', () => new nn.Embedding(4, 1.5), /Embedding: embeddingDim must be a non-negative integer, got number 1.5/],
    ['LayerNorm(-1)', () => new nn.LayerNorm(-1), /LayerNorm: normalizedShape\[0\] must be a non-negative integer, got number -1/],
    ['LayerNorm([4, 0.5])', () => new nn.LayerNorm([4, 0.5]), /LayerNorm: normalizedShape\[1\] must be a non-negative integer, got number 0.5/],
    ['BatchNorm1d(1.5)', () => new nn.BatchNorm1d(1.5), /BatchNorm1d: numFeatures must be a non-negative integer, got number 1.5/],
    ['BatchNorm1d eps -1', () => new nn.BatchNorm1d(3, { eps: -1 }), /BatchNorm1d: eps must be a non-negative number, got -1/],
    ['Dropout(NaN)', () => new nn.Dropout(NaN), /Dropout: p must be in \[0, 1\), got NaN/],
  ])('%s raises a ValueError naming the layer and the argument', (_, make, message) => {
    expect(make).toThrow(ValueError);
    expect(make).toThrow(message);
  });
});

describe('binaryCrossEntropy input ranges', () => {
  it('matches PyTorch inside [0, 1], soft targets included', () => {
    // torch.nn.functional.binary_cross_entropy([0.9, 0.2, 0.6], [1, 0, 0.5])
    const loss = binaryCrossEntropy(tensor([0.9, 0.2, 0.6], { dtype: 'float64' }), tensor([1, 0, 0.5], { dtype: 'float64' }));
    expect(loss.item()).toBeCloseTo(0.34735408425331116, 6);
  });

  it.each([
    ['above 1', [0.5, 1.5], /binaryCrossEntropy: probabilities must lie in \[0, 1\], got 1 of 2 values outside it/],
    ['negative', [-0.1, 0.5], /got 1 of 2 values outside it/],
    ['NaN', [NaN, NaN], /got 2 of 2 values outside it \(NaN counts as outside\)/],
  ])('rejects probabilities %s, as PyTorch does', (_, values, message) => {
    expect(() => binaryCrossEntropy(tensor(values), tensor([1, 0]))).toThrow(ValueError);
    expect(() => binaryCrossEntropy(tensor(values), tensor([1, 0]))).toThrow(message);
  });

  it('rejects targets outside [0, 1] (they would give a negative loss) and lets a NaN target give NaN', () => {
    expect(() => binaryCrossEntropy(tensor([0.9, 0.5]), tensor([1.5, 0]))).toThrow(/binaryCrossEntropy: targets must lie in \[0, 1\], got 1 of 2 values outside it/);
    expect(binaryCrossEntropy(tensor([0.3]), tensor([NaN])).item()).toBeNaN();
  });
});

describe('non-tensor arguments to losses, metrics and layers', () => {
  const x = tensor([0.5, 0.5]);
  const notTensor = 'y' as unknown as Tensor;
  it.each([
    ['meanSquaredError', () => meanSquaredError(x, notTensor), /meanSquaredError: target must be a Tensor, got string "y"/],
    ['binaryCrossEntropy', () => binaryCrossEntropy(notTensor, x), /binaryCrossEntropy: prediction must be a Tensor, got string "y"/],
    ['accuracy', () => accuracy(notTensor, x), /accuracy: predictions must be a Tensor, got string "y"/],
    ['Linear.forward', () => new nn.Linear(2, 1).forward(notTensor), /Linear.forward: input must be a Tensor, got string "y"/],
  ])('%s raises a DTypeError naming it', (_, call, message) => {
    expect(call).toThrow(DTypeError);
    expect(call).toThrow(message);
  });
});

describe('non-function and non-record arguments', () => {
  it.each([
    ['noGrad', () => noGrad('f' as unknown as () => void), /noGrad: expected a function, got string "f"/],
    ['grad', () => grad(3 as unknown as (x: Tensor) => Tensor), /grad: expected a function of tensors, got number 3/],
    ['valueAndGrad', () => valueAndGrad(null as unknown as (x: Tensor) => Tensor), /valueAndGrad: expected a function of tensors, got null/],
    ['loadStateDict', () => new nn.Linear(2, 1).loadStateDict('w' as unknown as Record<string, Tensor>), /loadStateDict: expected a record of named tensors .*, got string "w"/],
  ])('%s raises a ValueError naming it', (_, call, message) => {
    expect(call).toThrow(ValueError);
    expect(call).toThrow(message);
  });
});
