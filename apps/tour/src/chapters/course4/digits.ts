import { accuracy, crossEntropy, tensor, type Tensor } from '@dlkit/core';
import { augmentBatches, type ImageTransform } from '@dlkit/cnn';
import { Adam, cosineDecay, evaluate, fit, lrScheduler, progressBar, type FitResult, type Callback, type Model, type StepOutput } from '@dlkit/optim';
import type { DigitSet } from '../../data/mnist.js';
import { MNIST_PIXELS, MNIST_SIDE } from '../../data/mnist.js';

/** MNIST's mean and standard deviation of the pixel intensities (the usual `Normalize((0.1307,), (0.3081,))`). */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

/** Images `[m, side, side, 1]` (standardized) and int32 labels `[m]`. */
export interface ImageSet {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** Options of {@link digitImages}. */
export interface DigitImagesOptions {
  /** Keep only these digits (default all). */
  digits?: readonly number[];
  /** At most this many images, in the set's (shuffled) order (default all). */
  limit?: number;
  /** At most this many images of each digit (default all). */
  perClass?: number;
  /** Map each kept label to a new one (default: as is), e.g. digit → its index in `digits`. */
  relabel?: (digit: number) => number;
  /** Shrink the digits to 14 × 14 by 2 × 2 averages (default false: 28 × 28). */
  half?: boolean;
}

/** MNIST digits as NHWC tensors, standardized with MNIST's mean and std. */
export function digitImages(set: DigitSet, options: DigitImagesOptions = {}): ImageSet {
  const keep = options.digits ? new Set(options.digits) : null;
  const chosen: number[] = [];
  const taken = new Array<number>(10).fill(0);
  for (let i = 0; i < set.count && chosen.length < (options.limit ?? Infinity); i++) {
    const digit = set.labels[i]!;
    if ((keep && !keep.has(digit)) || taken[digit]! >= (options.perClass ?? Infinity)) continue;
    taken[digit]!++;
    chosen.push(i);
  }
  const half = options.half ?? false;
  const side = half ? MNIST_SIDE / 2 : MNIST_SIDE;
  const pixels = new Float32Array(chosen.length * side * side);
  chosen.forEach((i, k) => {
    const base = i * MNIST_PIXELS;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = half
          ? (set.images[base + 2 * r * MNIST_SIDE + 2 * c]! + set.images[base + 2 * r * MNIST_SIDE + 2 * c + 1]! + set.images[base + (2 * r + 1) * MNIST_SIDE + 2 * c]! + set.images[base + (2 * r + 1) * MNIST_SIDE + 2 * c + 1]!) / 4
          : set.images[base + r * MNIST_SIDE + c]!;
        pixels[(k * side + r) * side + c] = (v - MNIST_MEAN) / MNIST_STD;
      }
    }
  });
  const relabel = options.relabel ?? ((d: number) => d);
  return {
    x: tensor(pixels, { shape: [chosen.length, side, side, 1] }),
    y: tensor(Int32Array.from(chosen, (i) => relabel(set.labels[i]!)), { dtype: 'int32' }),
  };
}

/** Options of {@link trainClassifier}. */
export interface TrainClassifierOptions {
  epochs: number;
  batchSize: number;
  /** Adam's initial learning rate, annealed to 0 by a cosine schedule over every step. */
  lr: number;
  /** Seed of the shuffles (and of the augmentation). */
  seed: number;
  label: string;
  /** Data evaluated after each epoch (logged as `valAccuracy`). */
  validation?: ImageSet;
  /** Augmentation applied afresh to every training batch (see `augmentBatches`). */
  augment?: ImageTransform;
  /** Show a progress bar (default true). */
  progress?: boolean;
  /** More callbacks (e.g. a per-batch loss recorder). */
  callbacks?: readonly Callback[];
}

type Batch = readonly [Tensor, Tensor];

/**
 * Trains a classifier of logits on int labels with optim's `fit`: cross-entropy, Adam on the
 * trainable parameters (frozen ones are left out) and a per-step cosine schedule; logs `accuracy`.
 */
export function trainClassifier(model: Model, data: ImageSet, options: TrainClassifierOptions): FitResult {
  const steps = options.epochs * Math.ceil(data.x.shape[0]! / options.batchSize);
  const pair: Batch = [data.x, data.y];
  const step = (m: Model, [x, y]: Batch): StepOutput => {
    const logits = m.forward(x);
    return { loss: crossEntropy(logits, y), predictions: logits, targets: y };
  };
  return fit(model, {
    step,
    data: options.augment ? augmentBatches(pair, { images: options.augment, seed: options.seed }) : pair,
    ...(options.validation ? { validationData: [options.validation.x, options.validation.y] as Batch } : {}),
    metrics: { accuracy },
    optimizer: new Adam(model.parameters().filter((p) => p.requiresGrad), { lr: options.lr }),
    epochs: options.epochs,
    batchSize: options.batchSize,
    seed: options.seed,
    callbacks: [lrScheduler(cosineDecay({ lr0: options.lr, totalSteps: steps }), { per: 'step' }), ...(options.callbacks ?? []), ...(options.progress === false ? [] : [progressBar({ label: options.label })])],
  });
}

/** Accuracy of a logit classifier on a set, in eval mode, without gradients. */
export function accuracyOn(model: Model, data: ImageSet): number {
  return evaluate(model, [data.x, data.y], { metrics: { accuracy }, batchSize: 500 }).accuracy ?? NaN;
}

/** CPU seconds (user + system) of this process since `since` (from `process.cpuUsage()`). */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}
