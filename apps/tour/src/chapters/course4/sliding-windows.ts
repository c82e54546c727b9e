import { crossEntropy, nn, noGrad, tensor, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import { convolutionalize, slidingWindows } from '@dlkit/detection';
import { Adam, fit } from '@dlkit/optim';
import { sceneImages, shapeScenes, SHAPE_CLASSES } from './shape-scenes.js';

/** The window the classifier sees (pixels). */
export const WINDOW = 16;

/** What {@link slidingWindowRace} measured. */
export interface SlidingWindowRace {
  /** Held-out accuracy of the window classifier (background + the shape classes). */
  readonly accuracy: number;
  readonly windows: number;
  readonly images: number;
  /** CPU seconds of the naive loop and of the convolutional pass over the same images. */
  readonly naiveSeconds: number;
  readonly convSeconds: number;
  /** Largest difference between the two score grids. */
  readonly maxDifference: number;
  readonly stride: number;
}

/** 16 × 16 crops: one shape filling most of the window (classes 1…K) or background only (class 0). */
function crops(count: number, seed: number): { x: Tensor; y: Tensor } {
  const objects = shapeScenes(count, seed, { side: WINDOW, maxObjects: 1, sizes: [10, 14], gridSize: 1 });
  const empty = shapeScenes(count, seed + 100, { side: WINDOW, minObjects: 0, maxObjects: 0 });
  // Every (K + 1)-th crop is background.
  const chosen = objects.map((s, i) => (i % (SHAPE_CLASSES.length + 1) === 0 ? empty[i]! : s));
  const labels = chosen.map((s) => (s.objects.length === 0 ? 0 : s.objects[0]!.label + 1));
  return { x: sceneImages(chosen, WINDOW), y: tensor(Int32Array.from(labels), { dtype: 'int32' }) };
}

/** The lecture's window classifier, valid convolutions only: conv 5×5 → pool → conv 3×3 → pool → FC → FC. */
function windowClassifier(): nn.Sequential {
  return new nn.Sequential(
    new Conv2d(3, 8, 5), new nn.ReLU(), new MaxPool2d(2),
    new Conv2d(8, 16, 3), new nn.ReLU(), new MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(2 * 2 * 16, 32), new nn.ReLU(), new nn.Linear(32, SHAPE_CLASSES.length + 1),
  );
}

const cpuSeconds = (fn: () => void): number => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/**
 * Trains a window classifier, converts its FC layers to convolutions, and runs both sliding-window
 * implementations over `images` scenes of `side` pixels: same scores, one pass instead of a loop.
 */
export function slidingWindowRace(options: { trainCrops: number; epochs: number; images: number; side: number }): SlidingWindowRace {
  const train = crops(options.trainCrops, 21), test = crops(400, 22);
  const classifier = windowClassifier();
  fit(classifier, { loss: crossEntropy, data: [train.x, train.y], optimizer: new Adam(classifier.parameters(), { lr: 0.01 }), epochs: options.epochs, batchSize: 32, seed: 4 });
  const accuracy = noGrad(() => {
    const predicted = Array.from(classifier.forward(test.x).argMax(1).dataSync()), truth = test.y.dataSync();
    return predicted.filter((p, i) => p === truth[i]).length / truth.length;
  });
  const { model, stride } = convolutionalize(classifier, [WINDOW, WINDOW, 3]);
  const images = sceneImages(shapeScenes(options.images, 23, { side: options.side, sizes: [10, 14] }), options.side);
  let naive: Tensor | undefined, once: Tensor | undefined;
  const naiveSeconds = cpuSeconds(() => { naive = noGrad(() => slidingWindows((x) => classifier.forward(x), images, { window: [WINDOW, WINDOW], stride })); });
  const convSeconds = cpuSeconds(() => { once = noGrad(() => model.forward(images)); });
  const a = naive!.dataSync(), b = once!.dataSync();
  let maxDifference = 0;
  a.forEach((v, i) => { maxDifference = Math.max(maxDifference, Math.abs(v - b[i]!)); });
  return { accuracy, windows: naive!.shape[1]! * naive!.shape[2]!, images: options.images, naiveSeconds, convSeconds, maxDifference, stride: stride[0] };
}
