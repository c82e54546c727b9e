import { describe, expect, it } from 'vitest';
import { manualSeed, noGrad, randn, sigmoid, tanh, tensor, zeros, type Tensor } from '@dlkit/core';

/** The course's shallow network (week 3): one tanh hidden layer, sigmoid output, plain gradient descent. */
describe('end to end: a shallow network learns XOR-like data', () => {
  it('drives the cross-entropy down by 10x and classifies every quadrant', () => {
    manualSeed(3);
    const m = 200;
    const x = randn([m, 2]);
    const xs = x.dataSync();
    // Label 1 where the two coordinates share a sign: not linearly separable.
    const y = tensor(Array.from({ length: m }, (_, i) => [xs[2 * i]! * xs[2 * i + 1]! > 0 ? 1 : 0]));
    const w1 = randn([8, 2]).mul(0.5).detach();
    const w2 = randn([1, 8]).mul(0.5).detach();
    const params = [w1, zeros([8]), w2, zeros([1])];
    for (const p of params) p.requiresGrad = true;
    const [W1, b1, W2, b2] = params as [Tensor, Tensor, Tensor, Tensor];

    const forward = (input: Tensor): Tensor => sigmoid(tanh(input.matmul(W1.transpose()).add(b1)).matmul(W2.transpose()).add(b2));
    const cost = (): Tensor => {
      const a = forward(x).clip(1e-7, 1 - 1e-7);
      return y.mul(a.log()).add(y.neg().add(1).mul(a.neg().add(1).log())).mean().neg();
    };

    const initial = cost().item();
    let final = initial;
    for (let step = 0; step < 1500; step++) {
      const J = cost();
      for (const p of params) p.zeroGrad();
      J.backward();
      noGrad(() => params.forEach((p) => p.assign(p.sub(p.grad!.mul(1.0)))));
      final = J.item();
    }
    expect(final).toBeLessThan(initial / 10);
    const predicted = noGrad(() => forward(x).greater(0.5).cast('float32'));
    const accuracy = predicted.equal(y).cast('float32').mean().item();
    expect(accuracy).toBeGreaterThan(0.95);
  });
});
