import { manualSeed, nn } from '@dlkit/core';
import { models, replaceHead } from '@dlkit/cnn';
import type { MnistSplit } from '../../data/mnist.js';
import { accuracyBarsSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { accuracyOn, cpuSecondsSince, digitImages, trainClassifier, type ImageSet } from './digits.js';

/** The source task: the digits 0–4; the target task: 5–9, with few labelled examples. */
const SOURCE = [0, 1, 2, 3, 4] as const;
const TARGET = [5, 6, 7, 8, 9] as const;
const PER_CLASS = 20;
const PRETRAIN_EPOCHS = 2;
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

/** What {@link transferExperiment} measured: accuracies on the target task's held-out digits. */
export interface TransferResult {
  readonly sourceCount: number;
  readonly sourceAccuracy: number;
  readonly transfer: { readonly train: number; readonly test: number; readonly seconds: number; readonly loss: number; readonly trainable: number };
  readonly scratch: { readonly train: number; readonly test: number; readonly seconds: number; readonly loss: number; readonly trainable: number };
  readonly target: { readonly train: ImageSet; readonly test: ImageSet };
  /** The pretrained network with its new head, after training. */
  readonly transferModel: models.LeNet5;
}

/**
 * Pretrains LeNet-5 on the digits 0–4, then learns 5–9 from `perClass` examples each, twice: the
 * pretrained network frozen with a new 5-way head (`replaceHead`), and the same network from scratch.
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

  const run = (model: models.LeNet5, label: string) => {
    const trainable = model.parameters().filter((p) => p.requiresGrad).reduce((n, p) => n + p.size, 0);
    const start = performance.now();
    const result = trainClassifier(model, target.train, { epochs: options.epochs, batchSize: BATCH, lr: LR, seed: 1, label, progress });
    const seconds = (performance.now() - start) / 1000;
    return { train: accuracyOn(model, target.train), test: accuracyOn(model, target.test), seconds, loss: result.history['loss']!.at(-1)!, trainable };
  };
  pretrained.freeze();
  manualSeed(1);
  replaceHead(pretrained, new nn.Linear(84, TARGET.length));
  const transfer = run(pretrained, 'frozen + new head');
  manualSeed(1);
  const scratch = run(models.lenet5({ variant: 'modern', padding: 2, numClasses: TARGET.length }), 'from scratch');
  return { sourceCount: source.y.shape[0]!, sourceAccuracy, transfer, scratch, target, transferModel: pretrained };
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
  const summaries: ModelSummary[] = [
    { model: 'LeNet-5 pretrained on 0–4, frozen, new head', dataset, iterations, learningRate: LR, finalCost: r.transfer.loss, trainAccuracy: r.transfer.train, testAccuracy: r.transfer.test, seconds: r.transfer.seconds },
    { model: 'LeNet-5 from scratch', dataset, iterations, learningRate: LR, finalCost: r.scratch.loss, trainAccuracy: r.scratch.train, testAccuracy: r.scratch.test, seconds: r.scratch.seconds },
  ];
  printSummaries(summaries);
  console.log(`    pretrained on 0–4: ${percent(r.sourceAccuracy)} on held-out 0–4; CPU ${cpuSeconds.toFixed(1)} s`);
  return {
    id: 'transfer',
    title,
    course,
    paragraphs: [
      `When the task at hand has few labels, the lecture's advice is to start from a network someone trained on a big related dataset, freeze it, and train only a new output layer. The stand-in here, all real MNIST digits: the *source* task is telling the digits 0–4 apart (${r.sourceCount.toLocaleString('en-US')} training digits; a LeNet-5 trained ${PRETRAIN_EPOCHS} epochs gets ${percent(r.sourceAccuracy)} of held-out 0–4 right), the *target* task is telling 5–9 apart, from only ${PER_CLASS} labelled examples of each (${small} images) — digits the source network never saw.`,
      `Transfer: \`pretrained.freeze()\`, then \`replaceHead(pretrained, new nn.Linear(84, 5))\` swaps LeNet's last layer \`fc3\` for a fresh 5-way head, so only its ${r.transfer.trainable} parameters train (the optimizer gets only trainable parameters, and backward records nothing for the frozen layers). From scratch: the same LeNet-5, all ${r.scratch.trainable.toLocaleString('en-US')} parameters trained. Both by optim's \`fit\` with Adam (α₀ = ${LR}, cosine), ${EPOCHS} epochs of batches of ${BATCH}.`,
      `On the held-out 5–9 digits the frozen backbone with a new head gets ${percent(r.transfer.test)}, the network trained from scratch ${percent(r.scratch.test)} — both fit their ${small} training images (${percent(r.transfer.train)} and ${percent(r.scratch.train)}), but the features learned on 0–4 (strokes, loops, edges) carry over, while ${small} images are too few to learn them again. The whole part took ${cpuSeconds.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    figures: [{
      spec: accuracyBarsSpec([
        { model: 'frozen backbone + new head', set: 'train', accuracy: r.transfer.train },
        { model: 'frozen backbone + new head', set: 'test', accuracy: r.transfer.test },
        { model: 'from scratch', set: 'train', accuracy: r.scratch.train },
        { model: 'from scratch', set: 'test', accuracy: r.scratch.test },
      ], { title: `Digits 5–9 from ${small} labelled examples`, domain: [0.5, 1] }),
      caption: `Same architecture, same ${small} images, same training; only the starting point differs.`,
    }],
  };
}
