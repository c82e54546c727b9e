import { manualSeed } from '@dlkit/core';
import type { MnistSplit } from '../../data/mnist.js';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { DeepNet } from './deep-nets.js';
import { accuracyOn, cpuSecondsSince, digitImages, trainClassifier } from './digits.js';

const TRAIN = 1200;
const TEST = 1000;
const EPOCHS = 4;
const BATCH = 32;
const LR = 3e-3;
const CHANNELS = 8;
const DEEP_BLOCKS = 8;
const SHALLOW_BLOCKS = 2;
/** Batches per point of the loss curves. */
const CURVE_EVERY = 8;

/** The three nets of the comparison. */
const NETS = [
  { name: `Plain net, ${2 * SHALLOW_BLOCKS + 2} layers`, short: `plain ${2 * SHALLOW_BLOCKS + 2}`, blocks: SHALLOW_BLOCKS, residual: false },
  { name: `Plain net, ${2 * DEEP_BLOCKS + 2} layers`, short: `plain ${2 * DEEP_BLOCKS + 2}`, blocks: DEEP_BLOCKS, residual: false },
  { name: `ResNet, ${2 * DEEP_BLOCKS + 2} layers`, short: `residual ${2 * DEEP_BLOCKS + 2}`, blocks: DEEP_BLOCKS, residual: true },
] as const;

/**
 * Course 4, week 2 — why residual networks: a plain convolutional net and a ResNet of the same
 * depth (and a shallow plain net), same initialisation, same data, same optimizer; only the skip
 * connections differ.
 */
export function residualChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 4 · week 2';
  const title = 'Plain deep nets vs residual networks';
  printHeading(course, title);
  const cpuStart = process.cpuUsage();
  const train = digitImages(mnist.train, { half: true, limit: TRAIN });
  const test = digitImages(mnist.test, { half: true, limit: TEST });
  const dataset = `MNIST at 14×14, ${TRAIN.toLocaleString('en-US')} train / ${TEST.toLocaleString('en-US')} test`;
  const runs = NETS.map((net) => {
    manualSeed(0);
    const model = new DeepNet({ blocks: net.blocks, residual: net.residual, channels: CHANNELS, side: 14 });
    const curve: { iteration: number; cost: number }[] = [];
    let sum = 0;
    const recorder = { onBatchEnd: (_batch: number, logs: Record<string, number>, state: { globalStep: number }) => {
      sum += logs['loss']!;
      if (state.globalStep % CURVE_EVERY === 0) {
        curve.push({ iteration: state.globalStep, cost: sum / CURVE_EVERY });
        sum = 0;
      }
    } };
    const start = performance.now();
    const result = trainClassifier(model, train, { epochs: EPOCHS, batchSize: BATCH, lr: LR, seed: 0, label: net.short.padEnd(11), callbacks: [recorder] });
    const seconds = (performance.now() - start) / 1000;
    const losses = result.history['loss']!;
    const summary: ModelSummary = {
      model: `${net.name} (${CHANNELS} channels, no batch norm)`,
      dataset,
      iterations: EPOCHS * Math.ceil(TRAIN / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      trainAccuracy: accuracyOn(model, train),
      testAccuracy: accuracyOn(model, test),
      seconds,
    };
    return { ...net, curve, summary };
  });
  const summaries = runs.map((r) => r.summary);
  const cpuSeconds = cpuSecondsSince(cpuStart);
  printSummaries(summaries);
  console.log(`    CPU ${cpuSeconds.toFixed(1)} s for the three nets`);
  const [shallow, plain, resnet] = summaries as [ModelSummary, ModelSummary, ModelSummary];
  return {
    id: 'residual',
    title,
    course,
    paragraphs: [
      `In theory a deeper plain network can do whatever a shallower one does (the extra layers could learn the identity); in practice its training error goes *up* with depth, because the signal and its gradient shrink or blow up through many layers. A residual block adds a shortcut, a[l+2] = g(z[l+2] + a[l]), so a block only has to learn a correction to the identity, and the identity is easy. Here the comparison is made directly: a 3 × 3 conv stem, then two-conv blocks (3 × 3, ${CHANNELS} channels, ReLU, no batch norm, PyTorch's default initialisation), a 2 × 2 max-pool and a linear classifier, with and without the shortcut; every net starts from \`manualSeed(0)\` and is trained by optim's \`fit\` the same way (Adam, α₀ = ${LR} with a cosine schedule, ${EPOCHS} epochs of batches of ${BATCH}) on ${dataset.replace('MNIST at 14×14', 'real MNIST digits shrunk to 14 × 14')}.`,
      `The ${NETS[0].blocks * 2 + 2}-layer plain net learns (${percent(shallow.trainAccuracy)} train, ${percent(shallow.testAccuracy!)} test). With ${DEEP_BLOCKS} blocks — ${2 * DEEP_BLOCKS + 2} weight layers — the plain net degrades to chance: its loss stays at ln 10 ≈ 2.30 (${percent(plain.trainAccuracy)} train), since what reaches the classifier through 17 convolutions is almost nothing, and so is the gradient that comes back. The ResNet of the same depth and the same layers trains at once (${percent(resnet.trainAccuracy)} train, ${percent(resnet.testAccuracy!)} test): through the shortcuts, the input and the gradient reach every block. The three nets took ${cpuSeconds.toFixed(0)} CPU seconds together.`,
    ],
    summaries,
    figures: [
      {
        spec: costCurveSpec(runs.map((r) => ({ name: r.short, points: r.curve })), { title: `Training loss, mean over every ${CURVE_EVERY} batches`, xTitle: 'batch', width: 760, height: 260 }),
        caption: `The deep plain net (${2 * DEEP_BLOCKS + 2} layers) never leaves ln 10; the ResNet with the same layers and the same start falls below the shallow plain net.`,
        wide: true,
      },
    ],
  };
}
