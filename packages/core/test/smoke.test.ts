import { describe, expect, it } from 'vitest';
import { tensor, matmul, gradcheck, randn, conv2d, maxPool2d, softmax, logSoftmax } from '@dlkit/core';

describe('smoke', () => {
  it('works', () => {
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const loss = w.matmul(w).sum();
    loss.backward();
    expect(w.grad?.toArray()).toEqual([[7, 11], [9, 13]]);
    console.log(String(matmul(randn([3, 4]), randn([4, 2]))));
    console.log(logSoftmax(tensor([1000, 0])).toArray(), softmax(tensor([1000, 1000])).toArray());
    const x = randn([2, 5, 5, 3], { dtype: 'float64' });
    const f = randn([3, 3, 3, 4], { dtype: 'float64' });
    const r = gradcheck((a, b) => maxPool2d(conv2d(a, b, { padding: 'same', strides: 2 }), { size: 2, padding: 'same' }), [x, f]);
    console.log(JSON.stringify(r));
    expect(r.ok).toBe(true);
  });
});
