/**
 * The code blocks of the Courses 2–3 guide (docs/guides/improving-deep-networks.md), runnable:
 * each block appears below verbatim, after the data and names it assumes, so `pnpm typecheck`
 * checks them under the repository's strict settings and `test/doc-examples.test.ts` runs this
 * file and fails when the guide and this file drift apart.
 */
import { accuracy, crossEntropy, Generator, nn, tensor } from '@dlkit/core';
import { Adam, diagnose, earlyStopping, fit, integer, logUniform, oneMinusLogUniform, progressBar, randomSearch, standardize, trainDevTestSplit } from '@dlkit/optim';

// Three Gaussian blobs in 20-D: x [300, 20] (unnormalized: mean 5, scale 3), labels y [300].
const random = new Generator(0);
const labels = Int32Array.from({ length: 300 }, (_, i) => i % 3);
const features = Float32Array.from({ length: 300 * 20 }, (_, k) => 5 + 3 * (random.nextNormal() + (k % 20 === labels[Math.floor(k / 20)]! ? 2 : 0)));
const x = tensor(features, { shape: [300, 20] });
const y = tensor(labels);

const { train, dev } = trainDevTestSplit([x, y], { ratios: [0.8, 0.1, 0.1], seed: 0 });
const [xTrain, yTrain] = train.tensors;          // a pair: [Tensor, Tensor]
const [xDev, yDev] = dev.tensors;
const [xTrainN, xDevN] = standardize(xTrain, xDev);
const model = new nn.Sequential(new nn.Linear(20, 32), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(32, 3));
const { history } = fit(model, {
  loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 1e-2 }), metrics: { accuracy },
  data: [xTrainN, yTrain], validationData: [xDevN, yDev], epochs: 10, batchSize: 64, seed: 0,
  callbacks: [earlyStopping({ patience: 2 }), progressBar()],
});
history.valAccuracy; // dev accuracy after each epoch

// A stand-in for a real training run: the dev error of a configuration (best near lr 0.01).
const trainAndScore = (lr: number, beta: number, hidden: number): number => (Math.log10(lr) + 2) ** 2 / 10 + (1 - beta) + 1 / hidden;

const results = await randomSearch(
  { lr: logUniform(1e-4, 1), beta: oneMinusLogUniform(0.9, 0.999), hidden: integer(16, 128) },
  ({ lr, beta, hidden }) => trainAndScore(lr, beta, hidden),   // returns the dev error
  { trials: 30, seed: 0, onFailure: 'record' },                // diverged runs are kept, last
);
results[0]?.config; // the best configuration

const d = diagnose({ humanError: 0.01, trainError: 0.08, trainDevError: 0.09, devError: 0.10 });
d.avoidableBias;  // 0.07: the largest gap, so
d.focus;          // 'avoidableBias' — bigger network, train longer, better optimizer, …
