/**
 * Shortened runs of the tour's Course 1–2 models, through the tour's own model builders and
 * training loops (`@dlkit/tour/*`), on whatever backend is current: the training page runs each on
 * ts and on webgpuWorkerBackend from the same seeds. Sizes are cut so that the whole set trains in
 * about a minute on SwiftShader; the README lists them with the accuracies reached.
 */
import { manualSeed, noGrad, tensor, tidy, type Tensor } from '@dlkit/core';
import { Adam, l2Penalty, weightsOf } from '@dlkit/optim';
import {
  binaryAccuracy, logisticPredict, shallowPredict, trainDeepNetwork, trainLogisticRegression, trainShallowNetwork, type ImageBatchSource,
} from '@dlkit/tour/course1-models';
import { accuracyOf, binaryNetwork, trainBinary } from '@dlkit/tour/course2-training';
import { loadFootballDataset } from '@dlkit/tour/football';
import { PLANAR_DATASETS } from '@dlkit/tour/planar-datasets';

/** MNIST digits (784 pixels in [0, 1] each) for the two MNIST models. */
export interface DigitSplit {
  readonly train: ImageBatchSource;
  readonly test: ImageBatchSource;
}

/** One shortened run: what it trains, how long, and the accuracy it is measured by. */
export interface TourRun {
  readonly name: string;
  /** What the accuracy is measured on: `train`, `dev` or `test`, as in the tour's summary. */
  readonly on: 'train' | 'dev' | 'test';
  /** The accuracy the tour's full run reaches (its README, on ts). */
  readonly tour: number;
  /**
   * Trains on the current backend; returns the parameter updates made, the accuracy, and that of
   * always answering the majority class of the same examples (the bar to beat).
   */
  run(digits: DigitSplit): { readonly steps: number; readonly accuracy: number; readonly majority: number };
}

/** The majority class's share of 0/1 labels `Y: [m, 1]`. */
function majorityOf(Y: Tensor): number {
  const p = tidy(() => Y.mean().item());
  return Math.max(p, 1 - p);
}

/** The most frequent digit's share of `labels`. */
function majorityDigit(labels: Int32Array): number {
  const counts = new Array<number>(10).fill(0);
  for (const d of labels) counts[d]! += 1;
  return Math.max(...counts) / labels.length;
}

/** The logistic-regression chapter's task: "is this digit a 1?", `X: [m, 784]`, `Y: [m, 1]`. */
function isItAOne(set: ImageBatchSource): { X: Tensor; Y: Tensor } {
  return {
    X: tensor(set.images, { shape: [set.count, 784] }),
    Y: tensor(Float32Array.from(set.labels, (d) => (d === 1 ? 1 : 0)), { shape: [set.count, 1] }),
  };
}

/** Logistic regression, shallow flower net, deep MNIST net; L2-regularized and Adam/mini-batch nets. */
export const TOUR_RUNS: readonly TourRun[] = [
  {
    name: 'Course 1 · logistic regression, MNIST "is it a 1?" (50 full-batch steps, α 0.5)',
    on: 'test',
    tour: 0.987,
    run(digits) {
      const train = isItAOne(digits.train);
      const test = isItAOne(digits.test);
      const { params } = trainLogisticRegression(train.X, train.Y, { iterations: 50, learningRate: 0.5, progress: false });
      return { steps: 50, accuracy: tidy(() => binaryAccuracy(noGrad(() => logisticPredict(params, test.X)), test.Y)), majority: majorityOf(test.Y) };
    },
  },
  {
    name: 'Course 1 · shallow network n_h = 4 (tanh), flower (400 full-batch steps, α 1.2)',
    on: 'train',
    tour: 0.925,
    run() {
      const { X, Y } = PLANAR_DATASETS.flower();
      const { params } = trainShallowNetwork(X, Y, { iterations: 400, learningRate: 1.2, hiddenUnits: 4, seed: 1, progress: false });
      return { steps: 400, accuracy: tidy(() => binaryAccuracy(noGrad(() => shallowPredict(params, X)), Y)), majority: majorityOf(Y) };
    },
  },
  {
    name: 'Course 1 · deep network [784, 128, 64, 10], MNIST (2 epochs of 64, α 0.2)',
    on: 'test',
    tour: 0.954,
    run(digits) {
      const result = trainDeepNetwork(digits.train, { dims: [784, 128, 64, 10], epochs: 2, batchSize: 64, learningRate: 0.2, progress: false, test: digits.test });
      return { steps: result.history.iterations, accuracy: result.testAccuracy.at(-1)!, majority: majorityDigit(digits.test.labels) };
    },
  },
  {
    name: 'Course 2 · [2, 40, 20, 1] with L2 (λ 0.7), football field, Adam α 0.01 full batch (100 epochs)',
    on: 'dev',
    tour: 0.915,
    run() {
      const { train, dev } = loadFootballDataset({ seed: 3, flip: 0.08 });
      manualSeed(3);
      const model = binaryNetwork({ hidden: [40, 20] });
      const m = train.points.length;
      trainBinary(model, train, {
        optimizer: new Adam(model.parameters(), { lr: 0.01 }),
        epochs: 100,
        seed: 0,
        progress: false,
        penalty: () => l2Penalty(weightsOf(model), { lambda: 0.7, m }),
      });
      return { steps: 100, accuracy: accuracyOf(model, dev), majority: majorityOf(dev.Y) };
    },
  },
  {
    name: 'Course 2 · [2, 5, 2, 1] Adam, moons, mini-batches of 64 (40 epochs, α 0.007, ten times the lab α)',
    on: 'train',
    tour: 0.97,
    run() {
      const data = PLANAR_DATASETS.moons();
      manualSeed(2);
      const model = binaryNetwork({ hidden: [5, 2] });
      trainBinary(model, data, { optimizer: new Adam(model.parameters(), { lr: 0.007, betas: [0.9, 0.999], eps: 1e-8 }), epochs: 40, batchSize: 64, seed: 0, progress: false });
      return { steps: 40 * Math.ceil(data.points.length / 64), accuracy: accuracyOf(model, data), majority: majorityOf(data.Y) };
    },
  },
];
