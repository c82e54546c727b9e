/**
 * dlkit's quick demo: logistic regression, the course's first model, fitted by plain gradient
 * descent written with nothing but tensors and autograd — then gradient checking the model.
 *
 * Run: pnpm start   (or: pnpm --filter @dlkit/core demo)
 */
import { gradcheck, manualSeed, noGrad, randn, sigmoid, tensor, zeros, type Tensor } from '@dlkit/core';

manualSeed(1);

// Two Gaussian blobs in 2-D, batch first: X is [m, 2], Y is [m, 1] (the course's X is (2, m)).
const m = 400;
const labels = tensor(Array.from({ length: m }, (_, i) => [i % 2]));
const side = labels.mul(2).sub(1); // -1 or +1: which blob
const X = randn([m, 2]).add(side.mul(tensor([1.5, 1])));

// Parameters: w is [1, 2] (the course's W of shape (n_y, n_x)), b a scalar.
const w = zeros([1, 2], { requiresGrad: true });
const b = zeros([1], { requiresGrad: true });

function cost(x: Tensor, y: Tensor, weights: Tensor, bias: Tensor): Tensor {
  // J = -1/m Σ [y log a + (1-y) log(1-a)],  a = σ(x wᵀ + b)
  const a = sigmoid(x.matmul(weights.transpose()).add(bias)).clip(1e-7, 1 - 1e-7);
  return y.mul(a.log()).add(y.neg().add(1).mul(a.neg().add(1).log())).mean().neg();
}

const learningRate = 0.5;
const start = performance.now();
for (let step = 0; step <= 200; step++) {
  const J = cost(X, labels, w, b);
  w.zeroGrad();
  b.zeroGrad();
  J.backward();
  noGrad(() => {
    w.assign(w.sub(w.grad!.mul(learningRate)));
    b.assign(b.sub(b.grad!.mul(learningRate)));
  });
  if (step % 50 === 0) console.log(`step ${String(step).padStart(3)}  cost ${J.item().toFixed(4)}`);
}
const elapsed = performance.now() - start;

const predictions = noGrad(() => sigmoid(X.matmul(w.transpose()).add(b)).greater(0.5).cast('float32'));
const accuracy = predictions.equal(labels).cast('float32').mean().item();
console.log(`\ntrained in ${elapsed.toFixed(0)} ms: train accuracy ${(accuracy * 100).toFixed(1)}%`);
console.log(`w = ${w.toString()}\nb = ${b.toString()}`);

// Gradient checking (course 2, week 1): autograd against central differences, in float64.
const check = gradcheck(
  (x, y, weights, bias) => cost(x!, y!, weights!, bias!),
  [X.slice([0, 0], [20, 2]), labels.slice([0, 0], [20, 1]), randn([1, 2]), randn([1])],
);
const worst = Math.max(...check.inputs.map((r) => r.maxAbsError));
console.log(`gradcheck: ${check.ok ? 'passed' : 'FAILED'} (worst |analytic - numeric| = ${worst.toExponential(2)})`);
if (!check.ok || accuracy < 0.9) process.exitCode = 1;
