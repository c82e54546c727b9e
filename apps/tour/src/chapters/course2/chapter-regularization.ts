import { manualSeed } from '@dlkit/core';
import { Adam, l2Penalty, weightsOf } from '@dlkit/optim';
import { loadFootballDataset } from '../../data/football.js';
import { accuracyBarsSpec, costCurveSpec, decisionBoundaryPanelsSpec } from '../../report/charts.js';
import { decisionRegions } from '../../report/decision-regions.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries, runSummary } from '../../summary.js';
import { accuracyOf, binaryNetwork, probabilities, trainBinary } from './training.js';

const HIDDEN = [40, 20] as const;
const EPOCHS = 2_000;
const LEARNING_RATE = 0.01;
/** The course's L2 strength λ. */
const LAMBDA = 0.7;
/** The course's dropout keep probability. */
const KEEP_PROB = 0.86;
/** Seed of the generated field. */
const DATA_SEED = 3;
/** Seed of the initial weights: the three models start from the same network. */
const INIT_SEED = 3;

/** A train/dev pair of accuracies and their gap. */
interface Fit {
  readonly train: number;
  readonly dev: number;
  readonly gap: number;
}

/**
 * Course 2, week 1 — regularization: a network big enough to learn the noise of a small 2-D
 * training set by heart, trained without regularization, with L2 regularization (optim's
 * `l2Penalty` added to the cost) and with dropout (core's `nn.Dropout`); the train/dev gap shrinks.
 */
export function regularizationChapter(): ReportSection {
  const course = 'Course 2 · week 1';
  const title = 'Regularization: L2 and dropout against over-fitting';
  printHeading(course, title);
  const { train, dev } = loadFootballDataset({ seed: DATA_SEED, flip: 0.08 });
  const m = train.points.length;
  const dataset = `2-D field, ${m} train / ${dev.points.length} dev`;

  const variants: readonly { name: string; short: string; lambda?: number; dropout?: number }[] = [
    { name: 'no regularization', short: 'no regularization' },
    { name: `L2 regularization (λ = ${LAMBDA})`, short: `L2 (λ = ${LAMBDA})`, lambda: LAMBDA },
    { name: `dropout (keep_prob = ${KEEP_PROB})`, short: `dropout (keep ${KEEP_PROB})`, dropout: 1 - KEEP_PROB },
  ];
  const runs = variants.map((v) => {
    manualSeed(INIT_SEED);
    const model = binaryNetwork({ hidden: HIDDEN, dropout: v.dropout ?? 0 });
    const lambda = v.lambda;
    const run = trainBinary(model, train, {
      optimizer: new Adam(model.parameters(), { lr: LEARNING_RATE }),
      epochs: EPOCHS,
      seed: 0,
      label: v.short.padEnd(19),
      ...(lambda ? { penalty: () => l2Penalty(weightsOf(model), { lambda, m }) } : {}),
    });
    const trainAccuracy = accuracyOf(model, train);
    const devAccuracy = accuracyOf(model, dev);
    const fit: Fit = { train: trainAccuracy, dev: devAccuracy, gap: trainAccuracy - devAccuracy };
    const summary: ModelSummary = runSummary(run.history, {
      model: `[2, ${HIDDEN.join(', ')}, 1] network, ${v.name}`,
      dataset,
      learningRate: LEARNING_RATE,
      trainAccuracy,
      testAccuracy: devAccuracy,
      heldOut: 'dev',
    });
    return { ...v, model, run, fit, summary };
  });
  const summaries = runs.map((r) => r.summary);
  printSummaries(summaries);
  const gaps = runs.map((r) => `${r.short}: ${(r.fit.gap * 100).toFixed(1)} points`).join(', ');
  console.log(`    train − dev accuracy gap: ${gaps}`);

  const [plain, l2, dropout] = runs as [(typeof runs)[number], (typeof runs)[number], (typeof runs)[number]];
  const gapText = (f: Fit): string => `${(f.gap * 100).toFixed(1)} points`;
  const regions = new Map(runs.map((r) => [r, decisionRegions((g) => probabilities(r.model, g), train.points, { resolution: 160, margin: 0.1 })]));
  return {
    id: 'regularization',
    title,
    course,
    paragraphs: [
      `The lab's question: where on the field should the goalkeeper kick so that the team's own players (blue, y = 1) head the ball rather than the opponents (red, y = 0)? The course ships the positions as \`data.mat\`; here a seeded stand-in of the same size: ${m} training and ${dev.points.length} dev positions from the same distribution, blue left of a wavy line and red right of it, with 8% of the headers going the other way — noise that a big enough network learns by heart.`,
      `A 3-layer network [2, ${HIDDEN.join(', ')}, 1] (ReLU, ReLU, sigmoid), trained by Adam (α = ${LEARNING_RATE}) with full-batch updates for ${EPOCHS.toLocaleString('en-US')} epochs, three times from the same initial weights: without regularization; with the L2 cost λ/(2m)·Σ‖W[l]‖²_F added (optim's \`l2Penalty(weightsOf(model), { lambda: ${LAMBDA}, m })\` through \`fit\`'s \`penalty\`); and with inverted dropout after each hidden layer (core's \`nn.Dropout(${(1 - KEEP_PROB).toFixed(2)})\`, keep_prob = ${KEEP_PROB}, switched off at evaluation).`,
      `Without regularization the network reaches ${percent(plain.fit.train)} on the training set but ${percent(plain.fit.dev)} on the dev set — a gap of ${gapText(plain.fit)}, high variance. L2 keeps the weights small and the boundary smooth: ${percent(l2.fit.train)} train, ${percent(l2.fit.dev)} dev (gap ${gapText(l2.fit)}). Dropout: ${percent(dropout.fit.train)} train, ${percent(dropout.fit.dev)} dev (gap ${gapText(dropout.fit)}). The course's figures on its data: 94.8/91.5%, 93.8/93%, 92.9/95%.`,
    ],
    summaries,
    figures: [
      {
        spec: decisionBoundaryPanelsSpec(
          [
            ...runs.map((r) => ({ regions: regions.get(r)!, points: train.points, title: `${r.short}: train ${percent(r.fit.train)}` })),
            ...runs.map((r) => ({ regions: regions.get(r)!, points: dev.points, title: `${r.short}: dev ${percent(r.fit.dev)}` })),
          ],
          { title: 'Decision boundaries over the training set (top) and the dev set (bottom)', columns: 3, size: 230 },
        ),
        caption: 'Without regularization the boundary reaches out around single mislabelled training points, and those islands cost accuracy on new positions from the same field (bottom row). L2 and dropout draw a smoother line that follows the two teams.',
        wide: true,
      },
      {
        spec: accuracyBarsSpec(
          runs.flatMap((r) => [
            { model: r.short, set: 'train', accuracy: r.fit.train },
            { model: r.short, set: 'dev', accuracy: r.fit.dev },
          ]),
          { title: 'Train and dev accuracy', domain: [0.6, 1] },
        ),
        caption: `The gap between a model's two bars is its variance: ${runs.map((r) => `${r.short}: ${gapText(r.fit)}`).join('; ')}.`,
      },
      {
        spec: costCurveSpec(
          runs.map((r) => ({ name: r.short, points: r.run.history.costs })),
          { title: 'Training cost per epoch', xTitle: 'epoch', logY: true, legendCorner: 'bottom-left' },
        ),
        caption: 'The unregularized cost keeps falling towards zero as the network memorises the noise; with L2 the cost includes λ/(2m)·Σ‖W‖² and levels off higher; with dropout it is noisy, as every step trains a different thinned network.',
      },
    ],
  };
}
