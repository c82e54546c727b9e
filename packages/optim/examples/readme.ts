/**
 * The optim README's code blocks, runnable: each block appears below verbatim, after the data and
 * names it assumes, so `pnpm typecheck` checks them under the repository's strict settings and
 * `test/doc-examples.test.ts` runs this file and fails when the README and this file drift apart.
 * It writes `run/last.safetensors` under the current directory.
 */
import { binaryCrossEntropy, randint, randn, type Tensor } from '@dlkit/core';
import { AdamW, SGD, weightDecayGroups } from '@dlkit/optim';
import { loadTrainingCheckpoint } from '@dlkit/optim/node';

// The data the main example assumes: flattened 28×28 images and their labels (a few, to run fast).
const x = randn([80, 784], { seed: 1 });
const y = randint(0, 10, [80], { seed: 2 });

import { accuracy, crossEntropy, nn } from '@dlkit/core';
import { Adam, earlyStopping, fit, lrScheduler, cosineDecay, progressBar, trainDevTestSplit } from '@dlkit/optim';
import { modelCheckpoint } from '@dlkit/optim/node';

const { train, dev } = trainDevTestSplit([x, y], { ratios: [0.8, 0.1, 0.1], seed: 0 });
const model = new nn.Sequential(new nn.Linear(784, 128), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(128, 10));
const { history } = fit(model, {
  loss: crossEntropy,
  optimizer: new Adam(model.parameters(), { lr: 1e-3 }),
  data: train, validationData: dev, epochs: 20, batchSize: 64, seed: 0, metrics: { accuracy },
  callbacks: [
    lrScheduler(cosineDecay({ lr0: 1e-3, totalSteps: 20 })),
    earlyStopping({ monitor: 'valLoss', patience: 3 }),   // puts the best epoch's weights back
    modelCheckpoint('run/last.safetensors'),              // model + optimizer, atomically; creates run/
    progressBar(),                                        // one line per epoch when stderr is not a TTY
  ],
});

// Param groups: a body and a head.
const body = model.layers[0]!;
const head = model.layers[3]!;
new SGD([{ params: body.parameters() }, { params: head.parameters(), lr: 0.1 }], { lr: 0.01, momentum: 0.9 });
new AdamW(weightDecayGroups(model, { weightDecay: 0.01 }), { lr: 1e-3 }); // no decay on biases and norms

// Resuming: the options of the run above, and an optimizer over the same parameters.
const sameOptions = { loss: crossEntropy, data: train, validationData: dev, batchSize: 64, seed: 0 };
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const { epoch } = loadTrainingCheckpoint('run/last.safetensors', { model, optimizer });
fit(model, { ...sameOptions, optimizer, initialEpoch: epoch, epochs: 20 });

// The siamese example's pairs: 8-D points, 1 where a and b match.
const pair = (m: number, seed: number): { a: Tensor; b: Tensor; same: Tensor } => {
  const a = randn([m, 8], { seed });
  const same = randint(0, 2, [m, 1], { seed: seed + 1 }).cast('float32');
  return { a, b: a.add(same.neg().add(1).mul(randn([m, 8], { seed: seed + 2 }))), same };
};
const { a: xa, b: xb, same } = pair(64, 10);
const { a: xaDev, b: xbDev, same: sameDev } = pair(32, 20);
class Siamese extends nn.Module<[Tensor, Tensor], Tensor> {
  encoder = new nn.Sequential(new nn.Linear(8, 16), new nn.Tanh(), new nn.Linear(16, 8));
  head = new nn.Linear(8, 1);
  forward(a: Tensor, b: Tensor): Tensor {
    return this.head.forward(this.encoder.forward(a).sub(this.encoder.forward(b)).abs()).sigmoid();
  }
}
const siamese = new Siamese();
fit(siamese, {
  data: { a: xa, b: xb, same }, validationData: { a: xaDev, b: xbDev, same: sameDev },
  step: (model, { a, b, same }) => {
    const p = model.forward(a, b);
    return { loss: binaryCrossEntropy(p, same), predictions: p, targets: same };
  },
  optimizer: new Adam(siamese.parameters(), { lr: 0.02 }), epochs: 30, batchSize: 32, seed: 0,
  metrics: { accuracy }, callbacks: [earlyStopping({ patience: 3 }), progressBar()],
});

export { history };
