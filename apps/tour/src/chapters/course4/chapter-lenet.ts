import { join } from 'node:path';
import { manualSeed, noGrad, type nn } from '@dlkit/core';
import { saveCheckpoint } from '@dlkit/core/node';
import { models, randomCrop } from '@dlkit/cnn';
import type { MnistSplit } from '../../data/mnist.js';
import { MNIST_PIXELS } from '../../data/mnist.js';
import { costCurveSpec, imageGridSpec, type LabelledImage } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { accuracyOn, cpuSecondsSince, digitImages, MNIST_MEAN, MNIST_STD, trainClassifier } from './digits.js';

/** The recipe: 6 epochs of Adam (α₀ = 3·10⁻³, cosine-annealed per step) on batches of 64, randomly shifted by up to 2 pixels. */
const EPOCHS = 6;
const SHIFT = 2;
const BATCH = 64;
const LR = 3e-3;
/** The trained weights, written beside the report for the playground (`apps/playground`). */
export const LENET_WEIGHTS_FILE = 'lenet5.safetensors';
/** Training digits re-read for the train accuracy (the whole set would cost as much as an epoch's forward passes). */
const TRAIN_EVAL = 1000;

/**
 * The chapter's LeNet-5, trained with its recipe (seeded) for `epochs` (default the chapter's 6),
 * with its accuracy on the held-out digits; the playground trains its fallback digit weights with
 * it when no tour report is at hand.
 */
export function trainLenet5(mnist: MnistSplit, epochs = EPOCHS) {
  const train = digitImages(mnist.train);
  const test = digitImages(mnist.test);
  manualSeed(0);
  const model = models.lenet5({ variant: 'modern', padding: 2 });
  const result = trainClassifier(model, train, { epochs, batchSize: BATCH, lr: LR, seed: 0, label: 'LeNet-5', augment: randomCrop(28, { padding: SHIFT }), validation: test });
  return { model, result, train, test, testAccuracy: accuracyOn(model, test) };
}

/**
 * Writes LeNet-5 weights as the playground's digit page reads them: a safetensors file whose
 * metadata holds the variant, the padding, the input normalization and the held-out accuracy.
 */
export function saveLenet5(path: string, model: nn.Module<unknown[], unknown>, testAccuracy: number, testCount: number): void {
  const metadata = { variant: 'modern', padding: '2', mean: String(MNIST_MEAN), std: String(MNIST_STD), testAccuracy: String(testAccuracy), testCount: String(testCount) };
  saveCheckpoint(path, model, metadata);
}

/**
 * Course 4, week 2 — LeNet-5 (LeCun et al. 1998), the first network of the classic-networks
 * lecture, in its ReLU/max-pool form, trained on the real MNIST digits of the `mnist` package.
 */
export function lenetChapter(mnist: MnistSplit, outDir?: string): ReportSection {
  const course = 'Course 4 · week 2';
  const title = 'LeNet-5 on handwritten digits';
  printHeading(course, title);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const { model, result, train, test, testAccuracy } = trainLenet5(mnist);
  const seconds = (performance.now() - start) / 1000;
  const summary = model.summary([28, 28, 1], { print: false });
  const trainAccuracy = accuracyOn(model, { x: train.x.slice([0, 0, 0, 0], [TRAIN_EVAL, 28, 28, 1]), y: train.y.slice([0], [TRAIN_EVAL]) });
  const shown = 24;
  const predicted = noGrad(() => model.eval().forward(test.x.slice([0, 0, 0, 0], [shown, 28, 28, 1])).argMax(1).toArray() as number[]);
  const cpuSeconds = cpuSecondsSince(cpuStart);
  // The playground's digit page loads these weights, normalizing its input as training did.
  if (outDir !== undefined) saveLenet5(join(outDir, LENET_WEIGHTS_FILE), model, testAccuracy, mnist.test.count);
  const losses = result.history['loss']!;
  const testCurve = result.history['valAccuracy']!;
  const dataset = `MNIST, ${mnist.train.count.toLocaleString('en-US')} train / ${mnist.test.count.toLocaleString('en-US')} test`;
  const summaries: ModelSummary[] = [{
    model: 'LeNet-5 (ReLU, max-pool)',
    dataset,
    iterations: EPOCHS * Math.ceil(mnist.train.count / BATCH),
    learningRate: LR,
    finalCost: losses.at(-1)!,
    trainAccuracy,
    testAccuracy,
    seconds,
  }];
  printSummaries(summaries);
  console.log(`    ${summary.totalParams.toLocaleString('en-US')} parameters, ${summary.totalMacs.toLocaleString('en-US')} MACs per digit; CPU ${cpuSeconds.toFixed(1)} s`);

  const digits: LabelledImage[] = Array.from({ length: shown }, (_, k) => ({
    pixels: Array.from(mnist.test.images.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS)),
    caption: `${predicted[k]!}${predicted[k] === mnist.test.labels[k] ? ' ✓' : ` ✗ (${mnist.test.labels[k]!})`}`,
    correct: predicted[k] === mnist.test.labels[k],
  }));
  const errors = Math.round((1 - testAccuracy) * mnist.test.count);
  return {
    id: 'lenet',
    title,
    course,
    paragraphs: [
      `LeNet-5 is the network the classic-networks lecture starts with: two 5 × 5 convolutions (6 and 16 filters), each followed by 2 × 2 pooling, then fully connected layers of 120 and 84 units and the 10-way output — ${summary.totalParams.toLocaleString('en-US')} parameters and ${summary.totalMacs.toLocaleString('en-US')} multiply–accumulates per 28 × 28 digit (the MACs column of \`model.summary()\`). The 1998 network used tanh and average pooling; \`models.lenet5({ variant: 'modern', padding: 2 })\` is the form people train today — ReLU and max pooling, the first convolution padded so that MNIST's 28 × 28 digits go through the 32 × 32 shapes of the paper.`,
      `Trained on the raw digits (8 epochs, measured when this chapter was written) it fits the training set perfectly and stalls at 97.8% on new digits: it overfits. The cure here is data augmentation — every batch is shifted afresh by up to ${SHIFT} pixels in each direction (\`randomCrop(28, { padding: ${SHIFT} })\` through \`augmentBatches\`, so each epoch sees different versions of the same 8,000 digits).`,
      `It is trained on the real digits of the \`mnist\` package (${dataset}, split with a seed; pixels standardized with MNIST's mean ${MNIST_MEAN} and standard deviation ${MNIST_STD}) with optim's \`fit\`: cross-entropy, Adam with α₀ = ${LR} annealed to 0 by \`cosineDecay\` over every step, ${EPOCHS} epochs of batches of ${BATCH}, each shifted at random. The loss falls from ${losses[0]!.toFixed(3)} in the first epoch to ${losses.at(-1)!.toFixed(3)} in the last.`,
      `On the ${mnist.test.count.toLocaleString('en-US')} held-out digits it is right ${percent(testAccuracy)} of the time (${errors} mistakes); ${percent(trainAccuracy)} on the first ${TRAIN_EVAL.toLocaleString('en-US')} training digits. Training took ${seconds.toFixed(0)} s, the whole part ${cpuSeconds.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    figures: [
      { spec: costCurveSpec([{ name: 'cross-entropy', points: losses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'LeNet-5: training loss per epoch', xTitle: 'epoch', integerX: true }), caption: 'The mean mini-batch cross-entropy of each epoch (on the shifted digits).' },
      { spec: costCurveSpec([{ name: 'held-out accuracy', points: testCurve.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'LeNet-5: held-out accuracy after each epoch', xTitle: 'epoch', yTitle: 'accuracy', integerX: true, zero: false, legendCorner: 'bottom-right' }), caption: 'Accuracy on the held-out digits after each epoch (watched only; nothing is chosen by it).' },
      { spec: imageGridSpec(digits, { title: 'Held-out digits and what LeNet-5 reads', columns: 8 }), caption: 'The first test digits with the predicted class (a red caption gives the true digit in brackets).' },
    ],
  };
}
