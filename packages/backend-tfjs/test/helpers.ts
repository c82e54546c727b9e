import {
  argMax, crossEntropy, manualSeed, matmul, nn, noGrad, randn, type Tensor,
} from '@dlkit/core';

/**
 * A small seeded, learnable classification problem on the current backend: `x [batch, nIn]` and
 * int32 labels in `[0, nOut)` given by a random linear teacher.
 */
export function toyData(batch: number, nIn: number, nOut: number, seed = 7): { x: Tensor; labels: Tensor } {
  const x = randn([batch, nIn], { seed });
  return { x, labels: argMax(matmul(x, randn([nIn, nOut], { seed: seed + 1 })), 1) };
}

/** A seeded MLP `nIn → hidden → nOut` with ReLU, built on the current backend. */
export function mlp(nIn: number, hidden: number, nOut: number, seed = 1): nn.Sequential {
  manualSeed(seed);
  return new nn.Sequential(new nn.Linear(nIn, hidden), new nn.ReLU(), new nn.Linear(hidden, nOut));
}

/** One SGD step of `model` on `(x, labels)`; returns the loss before the step. */
export function sgdStep(model: nn.Sequential, x: Tensor, labels: Tensor, lr: number): number {
  const loss = crossEntropy(model.forward(x), labels);
  loss.backward();
  noGrad(() => {
    for (const p of model.parameters()) {
      p.assign(p.sub(p.grad!.mul(lr)));
      p.zeroGrad();
    }
  });
  return loss.item();
}
