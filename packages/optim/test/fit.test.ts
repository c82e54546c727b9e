import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accuracy, crossEntropy, Generator, manualSeed, meanSquaredError, nn, randn, tensor, ValueError, type Tensor } from '@dlkit/core';
import {
  Adam, earlyStopping, evaluate, exponentialDecay, fit, fitAsync, lrScheduler, predict, SGD, TensorDataset, type Callback,
} from '@dlkit/optim';
import { csvLogger, loadTrainingCheckpoint, modelCheckpoint, saveTrainingCheckpoint } from '@dlkit/optim/node';

const dir = mkdtempSync(join(tmpdir(), 'dlkit-optim-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three Gaussian blobs in 4-D with some label noise: learnable, and a big net can over-fit it. */
function blobs(m: number, seed: number, flip = 0.15, shift = 1.5): [Tensor, Tensor] {
  const random = new Generator(seed);
  const x = new Float32Array(m * 4);
  const y = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const label = i % 3;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = random.nextNormal() + (j === label ? shift : 0);
    y[i] = random.nextFloat() < flip ? random.nextInt(0, 3) : label;
  }
  return [tensor(x, { shape: [m, 4] }), tensor(y)];
}

const copyValues = (model: nn.Module<[Tensor], Tensor>): Record<string, number[]> =>
  Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, Array.from(t.dataSync())]));

function mlp(seed: number, dropout = 0): nn.Sequential {
  manualSeed(seed);
  const layers: nn.Layer[] = [new nn.Linear(4, 32), new nn.ReLU()];
  if (dropout > 0) layers.push(new nn.Dropout(dropout));
  layers.push(new nn.Linear(32, 32), new nn.ReLU(), new nn.Linear(32, 3));
  return new nn.Sequential(...layers);
}

describe('fit', () => {
  it('trains a classifier: loss falls and accuracy rises, with a history per epoch', () => {
    const train = blobs(300, 1, 0, 3);
    const model = mlp(0);
    const result = fit(model, {
      loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.01 }), data: train, validationData: blobs(150, 2, 0, 3),
      epochs: 8, batchSize: 32, seed: 0, metrics: { accuracy },
    });
    expect(result.epochs).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.stoppedEarly).toBe(false);
    expect(Object.keys(result.history).sort()).toEqual(['accuracy', 'loss', 'lr', 'valAccuracy', 'valLoss']);
    const loss = result.history.loss!;
    expect(loss[loss.length - 1]!).toBeLessThan(loss[0]! / 2);
    expect(result.history.valAccuracy![7]!).toBeGreaterThan(0.9);
    const evaluated = evaluate(model, blobs(150, 2, 0, 3), { loss: crossEntropy, metrics: { accuracy } });
    expect(evaluated.loss).toBeCloseTo(result.history.valLoss![7]!, 5);
    expect(evaluated.accuracy).toBeCloseTo(result.history.valAccuracy![7]!, 10);
  });

  it('fitAsync gives the same history as fit and lets other work run between batches', async () => {
    const data = blobs(40, 3);
    const sync = mlp(0);
    const expected = fit(sync, { loss: crossEntropy, optimizer: new Adam(sync.parameters(), { lr: 0.01 }), data, epochs: 2, batchSize: 10, seed: 5 });
    const asyncModel = mlp(0);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const result = await fitAsync(asyncModel, { loss: crossEntropy, optimizer: new Adam(asyncModel.parameters(), { lr: 0.01 }), data, epochs: 2, batchSize: 10, seed: 5 });
    clearInterval(timer);
    expect(result.history).toEqual(expected.history);
    expect(ticks).toBeGreaterThan(0);
    await expect(fitAsync(asyncModel, { loss: crossEntropy, optimizer: new SGD(asyncModel.parameters()), data, epochs: 1, yieldEvery: 'never' as 'batch' })).rejects.toThrow(/yieldEvery/);
  });

  it('calls every callback hook in order with batch and epoch logs', () => {
    const events: string[] = [];
    const spy: Callback = {
      onTrainBegin: () => events.push('trainBegin'),
      onEpochBegin: (e) => events.push(`epochBegin ${e}`),
      onBatchBegin: (b) => events.push(`batchBegin ${b}`),
      onBatchEnd: (b, logs) => events.push(`batchEnd ${b} size ${logs.batchSize}`),
      onEpochEnd: (e, logs) => events.push(`epochEnd ${e} ${Object.keys(logs).join(',')}`),
      onTrainEnd: () => events.push('trainEnd'),
    };
    const model = mlp(0);
    fit(model, { loss: crossEntropy, optimizer: new SGD(model.parameters()), data: blobs(10, 3), epochs: 2, batchSize: 4, shuffle: false, callbacks: [spy] });
    expect(events).toEqual([
      'trainBegin',
      'epochBegin 0', 'batchBegin 0', 'batchEnd 0 size 4', 'batchBegin 1', 'batchEnd 1 size 4', 'batchBegin 2', 'batchEnd 2 size 2', 'epochEnd 0 loss,lr',
      'epochBegin 1', 'batchBegin 0', 'batchEnd 0 size 4', 'batchBegin 1', 'batchEnd 1 size 4', 'batchBegin 2', 'batchEnd 2 size 2', 'epochEnd 1 loss,lr',
      'trainEnd',
    ]);
  });

  it('early stopping stops after `patience` bad epochs and restores the best epoch\'s weights', () => {
    // A wide net on 60 noisy examples: the dev loss bottoms out early, then rises.
    const model = mlp(4);
    const weightsAfterEpoch: Record<string, number[]>[] = [];
    const recorder: Callback = { onEpochEnd: () => weightsAfterEpoch.push(copyValues(model)) };
    const stopper = earlyStopping({ monitor: 'valLoss', patience: 3 });
    const dev = blobs(300, 6);
    const { history, stoppedEarly, epochs } = fit(model, {
      loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.03 }), data: blobs(60, 5, 0.3), validationData: dev,
      epochs: 200, batchSize: 60, seed: 0, callbacks: [recorder, stopper],
    });
    const valLoss = history.valLoss!;
    const best = valLoss.indexOf(Math.min(...valLoss));
    expect(stoppedEarly).toBe(true);
    expect(stopper.bestEpoch).toBe(best);
    expect(stopper.stoppedEpoch).toBe(best + 3);
    expect(epochs.length).toBe(best + 4);
    expect(copyValues(model)).toEqual(weightsAfterEpoch[best]);
    expect(copyValues(model)).not.toEqual(weightsAfterEpoch[weightsAfterEpoch.length - 1]);
    expect(evaluate(model, dev, { loss: crossEntropy }).loss).toBeCloseTo(valLoss[best]!, 6);
  });

  it('early stopping in max mode watches accuracy, and can keep the last weights', () => {
    const model = mlp(4);
    const stopper = earlyStopping({ monitor: 'valAccuracy', patience: 1, restoreBestWeights: false });
    fit(model, {
      loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.03 }), data: blobs(60, 5, 0.3), validationData: blobs(300, 6),
      epochs: 100, batchSize: 60, seed: 0, metrics: { accuracy }, callbacks: [stopper],
    });
    expect(stopper.bestValue).toBeGreaterThan(0.5);
    expect(stopper.stoppedEpoch).toBeGreaterThan(0);
  });

  it('resuming from a checkpoint (model + optimizer) continues with exactly the losses of an uninterrupted run', () => {
    const data = blobs(120, 7);
    const validationData = blobs(60, 8);
    // Dropout, shuffling and a per-step schedule all have to line up for this to hold.
    const options = (model: nn.Sequential) => ({
      loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.01, amsgrad: true }), data, validationData,
      batchSize: 16, seed: 11, metrics: { accuracy }, callbacks: [lrScheduler(exponentialDecay({ lr0: 0.01, gamma: 0.99 }), { per: 'step' })],
    });

    const uninterrupted = mlp(1, 0.3);
    const full = fit(uninterrupted, { ...options(uninterrupted), epochs: 6 });

    const first = mlp(1, 0.3);
    const firstOptions = options(first);
    const path = join(dir, 'resume-{epoch}.safetensors');
    fit(first, { ...firstOptions, epochs: 3, callbacks: [...firstOptions.callbacks, modelCheckpoint(path)] });
    expect(existsSync(join(dir, 'resume-3.safetensors'))).toBe(true);

    const resumed = mlp(99, 0.3); // different initial weights: everything must come from the file
    const resumedOptions = options(resumed);
    const { epoch, logs } = loadTrainingCheckpoint(join(dir, 'resume-3.safetensors'), { model: resumed, optimizer: resumedOptions.optimizer });
    expect(epoch).toBe(3);
    expect(logs.loss).toBe(full.history.loss![2]);
    const rest = fit(resumed, { ...resumedOptions, epochs: 6, initialEpoch: epoch });

    expect(rest.epochs).toEqual([3, 4, 5]);
    expect(rest.history.loss).toEqual(full.history.loss!.slice(3));
    expect(rest.history.valLoss).toEqual(full.history.valLoss!.slice(3));
    expect(rest.history.lr).toEqual(full.history.lr!.slice(3));
    expect(copyValues(resumed)).toEqual(copyValues(uninterrupted));
  });

  it('without the optimizer state a resumed Adam run diverges from the uninterrupted one', () => {
    const data = blobs(64, 9);
    const options = (model: nn.Sequential) => ({ loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.01 }), data, batchSize: 16, seed: 1 });
    const full = mlp(2);
    const fullRun = fit(full, { ...options(full), epochs: 4 });
    const first = mlp(2);
    fit(first, { ...options(first), epochs: 2 });
    const path = join(dir, 'weights-only.safetensors');
    saveTrainingCheckpoint(path, { model: first, epoch: 2 });
    const resumed = mlp(3);
    const { epoch } = loadTrainingCheckpoint(path, { model: resumed });
    const rest = fit(resumed, { ...options(resumed), epochs: 4, initialEpoch: epoch });
    expect(rest.history.loss).not.toEqual(fullRun.history.loss!.slice(2));
    expect(() => loadTrainingCheckpoint(path, { model: mlp(3), optimizer: new Adam(mlp(3).parameters()) })).toThrow(/no optimizer state/);
  });

  it('a checkpoint that does not fit leaves model and optimizer unchanged', () => {
    const model = mlp(2);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    fit(model, { loss: crossEntropy, optimizer, data: blobs(32, 1), epochs: 1, batchSize: 8, seed: 0 });
    const path = join(dir, 'good.safetensors');
    saveTrainingCheckpoint(path, { model, optimizer, epoch: 1 });
    // Same model shape but an optimizer over only some parameters: the optimizer refuses, the model is put back.
    const other = mlp(5);
    const before = copyValues(other);
    const partial = new Adam(other.parameters().slice(0, 2));
    expect(() => loadTrainingCheckpoint(path, { model: other, optimizer: partial })).toThrow(/does not fit the optimizer/);
    expect(copyValues(other)).toEqual(before);
    expect(() => loadTrainingCheckpoint(join(dir, 'missing.safetensors'), { model: other })).toThrow(/cannot read/);
  });

  it('modelCheckpoint with saveBestOnly writes only improving epochs; csvLogger writes one row per epoch', () => {
    const model = mlp(4);
    const saved: number[] = [];
    const path = join(dir, 'best.safetensors');
    const csv = join(dir, 'history.csv');
    const watcher: Callback = { onEpochEnd: (e) => { if (existsSync(path)) saved.push(e); } };
    const { history } = fit(model, {
      loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.03 }), data: blobs(60, 5, 0.3), validationData: blobs(100, 6),
      epochs: 12, batchSize: 60, seed: 0,
      callbacks: [modelCheckpoint(path, { monitor: 'valLoss', saveBestOnly: true }), csvLogger(csv), watcher],
    });
    const best = history.valLoss!.indexOf(Math.min(...history.valLoss!));
    const restored = mlp(0);
    expect(loadTrainingCheckpoint(path, { model: restored }).epoch).toBe(best + 1);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('epoch,loss,valLoss,lr');
    expect(rows).toHaveLength(13);
    expect(rows[5]!.split(',').map(Number)).toEqual([4, history.loss![4], history.valLoss![4], history.lr![4]]);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('penalty, clipping, replacement sampling and dropLast are honoured', () => {
    const model = mlp(0);
    const data = new TensorDataset(...blobs(50, 1));
    const steps: number[] = [];
    const counter: Callback = { onBatchEnd: (_batch, logs) => steps.push(logs.batchSize!) };
    const { history } = fit(model, {
      loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), data, epochs: 1, batchSize: 16, dropLast: true,
      sampling: 'replacement', seed: 0, penalty: () => tensor(100), clipGradNorm: 1, clipGradValue: 0.5, callbacks: [counter],
    });
    expect(steps).toEqual([16, 16, 16]);
    expect(history.loss![0]).toBeGreaterThan(100);
  });

  it('predict runs in eval mode and in batches; fit reports bad input clearly', () => {
    const model = mlp(0, 0.5);
    const x = randn([10, 4]);
    const a = predict(model, x, { batchSize: 3 });
    const b = predict(model, x);
    expect(a.shape).toEqual([10, 3]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(model.training).toBe(true);
    const optimizer = new SGD(model.parameters());
    const base = { loss: crossEntropy, optimizer, data: blobs(10, 1), epochs: 1 };
    expect(() => fit(model, { ...base, epochs: -1 })).toThrow(ValueError);
    expect(() => fit(model, { ...base, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => fit(model, { ...base, initialEpoch: 3 })).toThrow(/initialEpoch/);
    expect(() => fit(model, { ...base, data: [randn([10, 4]), randn([9, 3])] })).toThrow(/same number of examples/);
    expect(() => fit(model, { ...base, loss: meanSquaredError, data: [randn([4, 4]), randn([4, 3]).mul(Infinity)] })).toThrow(/loss became/);
    expect(() => fit(model, { ...base, callbacks: [earlyStopping()] })).toThrow(/'valLoss' is not in the epoch logs/);
  });
});
