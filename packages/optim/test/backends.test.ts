/**
 * The optimizers and the training loop use only core's public ops, so they run on any backend.
 * Here: TensorFlow.js's pure-JS cpu engine through @dlkit/backend-tfjs, whose storage is not
 * garbage collected — so this also checks that `fit` keeps its memory flat (every step runs in a
 * `tidy` scope; optimizer state is kept and the state it replaces released).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accuracy, crossEntropy, Generator, getBackend, manualSeed, nn, registerBackend, setBackend, tensor, type Tensor } from '@dlkit/core';
import { tfjsBackend } from '@dlkit/backend-tfjs';
import {
  Adagrad, Adam, AdamW, cosineDecay, earlyStopping, fit, lrScheduler, Momentum, RMSprop, SGD, restoreTrainingState, serializeTrainingState,
  type Optimizer,
} from '@dlkit/optim';

/** TensorFlow.js's live tensor count (the adapter's own copy of tfjs-core). */
let liveTensors: () => number = () => 0;
let previous = 'ts';

beforeAll(async () => {
  const tfjsCore = createRequire(new URL('../../backend-tfjs/package.json', import.meta.url)).resolve('@tensorflow/tfjs-core');
  const tf = (await import(tfjsCore)) as { memory(): { numTensors: number } };
  liveTensors = () => tf.memory().numTensors;
  previous = getBackend().name;
  const backend = await tfjsBackend({ engine: 'cpu', name: 'tfjs-cpu-optim-test' });
  registerBackend(backend);
  setBackend(backend.name);
});

afterAll(() => setBackend(previous));

function data(m: number): [Tensor, Tensor] {
  const random = new Generator(0);
  const x = Float32Array.from({ length: m * 4 }, (_, i) => random.nextNormal() + (i % 4 === Math.floor(i / 4) % 3 ? 2 : 0));
  return [tensor(x, { shape: [m, 4] }), tensor(Int32Array.from({ length: m }, (_, i) => i % 3))];
}

const makers: [string, (params: Tensor[]) => Optimizer][] = [
  ['SGD (Nesterov)', (p) => new SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true })],
  ['Momentum', (p) => new Momentum(p, { lr: 0.5 })],
  ['RMSprop (centered, momentum)', (p) => new RMSprop(p, { lr: 0.01, centered: true, momentum: 0.5 })],
  ['Adam (AMSGrad)', (p) => new Adam(p, { lr: 0.01, amsgrad: true })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01 })],
  ['Adagrad', (p) => new Adagrad(p, { lr: 0.1 })],
];

describe('on the TensorFlow.js cpu backend', () => {
  for (const [name, make] of makers) {
    it(`${name}: fit learns, memory stays flat, and the training state round-trips`, () => {
      expect(getBackend().name).toBe('tfjs-cpu-optim-test');
      const [x, y] = data(96);
      manualSeed(0);
      const model = new nn.Sequential(new nn.Linear(4, 16), new nn.ReLU(), new nn.Dropout(0.1), new nn.Linear(16, 3));
      const optimizer = make(model.parameters());
      const live: number[] = [];
      const { history } = fit(model, {
        loss: crossEntropy, optimizer, data: [x, y], validationData: [x, y], epochs: 6, batchSize: 16, seed: 1, metrics: { accuracy },
        clipGradNorm: 5,
        callbacks: [earlyStopping({ patience: 10 }), lrScheduler(cosineDecay({ lr0: optimizer.lr, totalSteps: 6 })), { onEpochEnd: () => live.push(liveTensors()) }],
      });
      expect(history.loss![5]!).toBeLessThan(history.loss![0]!);
      expect(live[5]).toBe(live[1]);

      const copy = new nn.Sequential(new nn.Linear(4, 16), new nn.ReLU(), new nn.Dropout(0.1), new nn.Linear(16, 3));
      const copyOptimizer = make(copy.parameters());
      restoreTrainingState(serializeTrainingState({ model, optimizer, epoch: 6 }), { model: copy, optimizer: copyOptimizer });
      expect(Array.from(copy.parameters()[0]!.dataSync())).toEqual(Array.from(model.parameters()[0]!.dataSync()));
      expect(Object.keys(copyOptimizer.stateDict().state)).toHaveLength(4);
    });
  }
});
