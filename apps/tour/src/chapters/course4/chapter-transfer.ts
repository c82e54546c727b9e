import { manualSeed, nn } from '@dlkit/core';
import { models, replaceHead } from '@dlkit/cnn';
import type { MnistSplit } from '../../data/mnist.js';
import { accuracyBarsSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { accuracyOn, cpuSecondsSince, digitImages, trainClassifier, type ImageSet } from './digits.js';

/** The source task: the digits 0–4; the target task: 5–9, with very few labelled examples. */
const SOURCE = [0, 1, 2, 3, 4] as const;
const TARGET = [5, 6, 7, 8, 9] as const;
const PER_CLASS = 2;
const PRETRAIN_EPOCHS = 3;
const EPOCHS = 40;
const BATCH = 20;
const LR = 3e-3;

/** Options of {@link transferExperiment}, smaller in the tests. */
export interface TransferOptions {
  readonly perClass: number;
  readonly pretrainLimit?: number;
  readonly pretrainEpochs: number;
  readonly epochs: number;
  readonly progress?: boolean;
}

/** One trained network of {@link transferExperiment}. */
export interface TransferRun {
  readonly train: number;
  readonly test: number;
  readonly seconds: number;
  readonly loss: number;
  /** Parameters the optimizer trained. */
  readonly trainable: number;
  readonly model: models.LeNet5;
}

/** What {@link transferExperiment} measured: accuracies on the target task's held-out digits. */
export interface TransferResult {
  readonly sourceCount: number;
  readonly sourceAccuracy: number;
  /** Convolutional base frozen, a new classifier (`fc1`–`fc3`). */
  readonly convBase: TransferRun;
  /** Everything frozen but a new last layer `fc3`. */
  readonly lastLayer: TransferRun;
  /** The same network trained from scratch. */
  readonly scratch: TransferRun;
  readonly target: { readonly train: ImageSet; readonly test: ImageSet };
}

/**
 * Pretrains LeNet-5 on the digits 0–4, then learns 5–9 from `perClass` examples each, three ways:
 * the pretrained convolutional base frozen with a new classifier (`replaceHead` on `fc1`, `fc2`,
 * `fc3`); the whole pretrained net frozen with a new last layer; the same network from scratch.
 */
export function transferExperiment(mnist: MnistSplit, options: TransferOptions): TransferResult {
  const progress = options.progress ?? true;
  const relabel = (d: number): number => d - TARGET[0];
  const source = digitImages(mnist.train, { digits: SOURCE, ...(options.pretrainLimit ? { limit: options.pretrainLimit } : {}) });
  const sourceTest = digitImages(mnist.test, { digits: SOURCE });
  const target = { train: digitImages(mnist.train, { digits: TARGET, perClass: options.perClass, relabel }), test: digitImages(mnist.test, { digits: TARGET, relabel }) };
  manualSeed(0);
  const pretrained = models.lenet5({ variant: 'modern', padding: 2, numClasses: SOURCE.length });
  trainClassifier(pretrained, source, { epochs: options.pretrainEpochs, batchSize: 64, lr: LR, seed: 0, label: 'pretrain 0–4', progress });
  const sourceAccuracy = accuracyOn(pretrained, sourceTest);
  const weights = pretrained.stateDict();

  const run = (model: models.LeNet5, label: string): TransferRun => {
    const trainable = model.parameters().filter((p) => p.requiresGrad).reduce((n, p) => n + p.size, 0);
    const start = performance.now();
    const result = trainClassifier(model, target.train, { epochs: options.epochs, batchSize: BATCH, lr: LR, seed: 1, label, progress });
    const seconds = (performance.now() - start) / 1000;
    return { train: accuracyOn(model, target.train), test: accuracyOn(model, target.test), seconds, loss: result.history['loss']!.at(-1)!, trainable, model };
  };
  /** The pretrained net, frozen, with new layers for the names given (last one: 5 classes). */
  const transferred = (heads: readonly ('fc1' | 'fc2' | 'fc3')[]): models.LeNet5 => {
    const model = models.lenet5({ variant: 'modern', padding: 2, numClasses: SOURCE.length });
    model.loadStateDict(weights);
    model.freeze();
    manualSeed(1);
    const sizes = { fc1: [400, 120], fc2: [120, 84], fc3: [84, TARGET.length] } as const;
    for (const name of heads) replaceHead(model, new nn.Linear(sizes[name][0], sizes[name][1]), name);
    return model;
  };
  const convBase = run(transferred(['fc1', 'fc2', 'fc3']), 'frozen conv base');
  const lastLayer = run(transferred(['fc3']), 'new last layer');
  manualSeed(1);
  const scratch = run(models.lenet5({ variant: 'modern', padding: 2, numClasses: TARGET.length }), 'from scratch');
  return { sourceCount: source.y.shape[0]!, sourceAccuracy, convBase, lastLayer, scratch, target };
}

/**
 * Course 4, week 2 — transfer learning as in the MobileNetV2 lab: a network pretrained on one
 * task, frozen, with a new head for a new task that has few labels, against training from scratch.
 */
export function transferChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 4 · week 2';
  const title = 'Transfer learning: a frozen backbone and a new head';
  printHeading(course, title);
  const cpuStart = process.cpuUsage();
  const r = transferExperiment(mnist, { perClass: PER_CLASS, pretrainEpochs: PRETRAIN_EPOCHS, epochs: EPOCHS });
  const cpuSeconds = cpuSecondsSince(cpuStart);
  const small = r.target.train.y.shape[0]!;
  const dataset = `MNIST 5–9, ${small} train / ${r.target.test.y.shape[0]!.toLocaleString('en-US')} test`;
  const iterations = EPOCHS * Math.ceil(small / BATCH);
  const row = (model: string, run: TransferRun): ModelSummary => ({ model, dataset, iterations, learningRate: LR, finalCost: run.loss, trainAccuracy: run.train, testAccuracy: run.test, seconds: run.seconds });
  const summaries: ModelSummary[] = [
    row('LeNet-5, conv base pretrained on 0–4 and frozen, new classifier', r.convBase),
    row('LeNet-5 pretrained on 0–4, all frozen but a new last layer', r.lastLayer),
    row('LeNet-5 from scratch', r.scratch),
  ];
  printSummaries(summaries);
  console.log(`    pretrained on 0–4: ${percent(r.sourceAccuracy)} on held-out 0–4; CPU ${cpuSeconds.toFixed(1)} s`);
  return {
    id: 'transfer',
    title,
    course,
    paragraphs: [
      `When the task at hand has few labels, the lecture's advice is to start from a network someone trained on a big related dataset, freeze it, and train only new layers on top — the fewer the labels, the more of the network to freeze. The stand-in here, all real MNIST digits: the *source* task is telling the digits 0–4 apart (${r.sourceCount.toLocaleString('en-US')} training digits; LeNet-5 trained for ${PRETRAIN_EPOCHS} epochs gets ${percent(r.sourceAccuracy)} of held-out 0–4 right), the *target* task is telling 5–9 apart — digits the source network never saw — from only ${PER_CLASS} labelled examples of each (${small} images).`,
      `Transfer as in the MobileNetV2 lab: the pretrained network is \`freeze()\`d and its classifier replaced by new layers with \`replaceHead(model, new nn.Linear(…), 'fc1')\` (and \`'fc2'\`, \`'fc3'\`), so the convolutional base — the two conv layers that detect strokes and their combinations — stays as pretrained and only the new classifier's ${r.convBase.trainable.toLocaleString('en-US')} parameters train (the optimizer gets only trainable parameters, and backward records nothing for the frozen layers). Freezing more — everything but a new last layer, ${r.lastLayer.trainable} parameters on the 84 features of \`fc2\` — and the same network trained from scratch (all ${r.scratch.trainable.toLocaleString('en-US')} parameters) are the two comparisons. All three by optim's \`fit\` with Adam (α₀ = ${LR}, cosine), ${EPOCHS} epochs.`,
      `On the ${r.target.test.y.shape[0]!.toLocaleString('en-US')} held-out 5–9 digits, the frozen convolutional base with a new classifier gets ${percent(r.convBase.test)}, the network from scratch ${percent(r.scratch.test)}: both fit their ${small} training images, but the pretrained conv filters carry over to digits they never saw, while ${small} images are too few to learn good filters again. Keeping the top layers too fails (${percent(r.lastLayer.test)}): \`fc1\` and \`fc2\` were trained to separate 0–4 and their 84 features have little to say about 5–9 — the lecture's point that the last layers are the task-specific ones. The whole part took ${cpuSeconds.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    figures: [{
      spec: accuracyBarsSpec([
        { model: 'frozen conv base + new classifier', set: 'train', accuracy: r.convBase.train },
        { model: 'frozen conv base + new classifier', set: 'test', accuracy: r.convBase.test },
        { model: 'all frozen + new last layer', set: 'train', accuracy: r.lastLayer.train },
        { model: 'all frozen + new last layer', set: 'test', accuracy: r.lastLayer.test },
        { model: 'from scratch', set: 'train', accuracy: r.scratch.train },
        { model: 'from scratch', set: 'test', accuracy: r.scratch.test },
      ], { title: `Digits 5–9 from ${small} labelled examples`, width: 760, domain: [0.3, 1] }),
      caption: `Same architecture, same ${small} images, same training; only the starting point and what is frozen differ.`,
      wide: true,
    }],
  };
}
