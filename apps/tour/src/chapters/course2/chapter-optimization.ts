import { manualSeed, type Tensor } from '@dlkit/core';
import { Adam, Momentum, RMSprop, SGD, type Optimizer } from '@dlkit/optim';
import { loadMoonsDataset } from '../../data/moons.js';
import { costCurveSpec, decisionBoundaryPanelsSpec, optimizerPathsSpec } from '../../report/charts.js';
import { decisionRegions } from '../../report/decision-regions.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries, runSummary } from '../../summary.js';
import { bowlContours, bowlPath } from './bowl.js';
import { accuracyOf, binaryNetwork, probabilities, trainBinary } from './training.js';

/** The lab's network `[n_x, 5, 2, 1]`: two ReLU hidden layers of 5 and 2 units, a sigmoid output. */
const HIDDEN = [5, 2] as const;
/** The lab's epochs, mini-batch size and learning rate (also quoted by the tuning chapter). */
export const EPOCHS = 5_000;
const BATCH = 64;
export const LEARNING_RATE = 0.0007;
const BETA = 0.9;
/** Seed of the initial weights: every optimizer starts from the same network. */
const INIT_SEED = 2;
const BOWL_STEPS = 60;

/** The three optimizers of the lab, as `@dlkit/optim` builds them. */
const OPTIMIZERS: readonly { name: string; short: string; make: (params: Tensor[]) => Optimizer }[] = [
  { name: 'Mini-batch gradient descent', short: 'gradient descent', make: (p) => new SGD(p, { lr: LEARNING_RATE }) },
  { name: `Momentum (β = ${BETA})`, short: 'momentum', make: (p) => new Momentum(p, { lr: LEARNING_RATE, beta: BETA }) },
  { name: 'Adam (β₁ = 0.9, β₂ = 0.999)', short: 'Adam', make: (p) => new Adam(p, { lr: LEARNING_RATE, betas: [0.9, 0.999], eps: 1e-8 }) },
];

/** The optimizers raced on the elongated bowl, each with a learning rate that suits it. */
const BOWL_RACE: readonly { name: string; make: (params: Tensor[]) => Optimizer }[] = [
  { name: 'gradient descent (α 0.9)', make: (p) => new SGD(p, { lr: 0.9 }) },
  { name: 'momentum (α 2, β 0.9)', make: (p) => new Momentum(p, { lr: 2, beta: 0.9 }) },
  { name: 'RMSprop (α 0.15, β 0.99)', make: (p) => new RMSprop(p, { lr: 0.15, alpha: 0.99 }) },
  { name: 'Adam (α 0.5)', make: (p) => new Adam(p, { lr: 0.5 }) },
];

/**
 * Course 2, week 2 — optimization methods: the same 3-layer network on the "moons" data trained
 * by mini-batch gradient descent, momentum and Adam from `@dlkit/optim` (the lab's comparison),
 * then the four optimizers' paths on an elongated quadratic bowl.
 */
export function optimizationChapter(): ReportSection {
  const course = 'Course 2 · week 2';
  const title = 'Optimization methods: gradient descent, momentum and Adam';
  printHeading(course, title);
  const data = loadMoonsDataset();
  const { points } = data;
  const dataset = `moons, m = ${points.length}`;

  const runs = OPTIMIZERS.map((o) => {
    manualSeed(INIT_SEED);
    const model = binaryNetwork({ hidden: HIDDEN });
    const run = trainBinary(model, data, { optimizer: o.make(model.parameters()), epochs: EPOCHS, batchSize: BATCH, seed: 0, label: o.short.padEnd(19) });
    const accuracy = accuracyOf(model, data);
    const summary: ModelSummary = runSummary(run.history, {
      model: `[2, ${HIDDEN.join(', ')}, 1] network, ${o.name}`,
      dataset,
      learningRate: LEARNING_RATE,
      trainAccuracy: accuracy,
      testAccuracy: null,
    });
    return { ...o, model, run, accuracy, summary };
  });
  const summaries = runs.map((r) => r.summary);
  printSummaries(summaries);

  const paths = BOWL_RACE.map((o) => ({ name: o.name, points: bowlPath(o.make, BOWL_STEPS) }));
  console.log(`    elongated bowl 0.01·x² + y² after ${BOWL_STEPS} steps from (−10, 1): ${paths.map((p) => `${p.name.split(' (')[0]} f = ${(p.points.at(-1)?.f ?? NaN).toExponential(1)}`).join(', ')}`);

  const fmt = (p: { points: readonly { f: number }[] }): string => (p.points.at(-1)?.f ?? NaN).toExponential(1);
  const [gd, momentum, adam] = runs as [(typeof runs)[number], (typeof runs)[number], (typeof runs)[number]];
  return {
    id: 'optimization',
    title,
    course,
    paragraphs: [
      `The lab's "moons" data — scikit-learn's \`make_moons(n_samples=300, noise=.2)\`, generated here with a seed: two interleaving half circles with Gaussian noise of 0.2 — and its 3-layer network [2, ${HIDDEN.join(', ')}, 1] (ReLU, ReLU, sigmoid), He-initialised, every run starting from the same weights. Each is trained for ${EPOCHS.toLocaleString('en-US')} epochs on shuffled mini-batches of ${BATCH} with α = ${LEARNING_RATE}, by optim's \`fit\` with a different optimizer: \`SGD\` (plain mini-batch gradient descent), \`Momentum\` (the course's v = βv + (1 − β)dW, W = W − αv) and \`Adam\` (momentum plus RMSprop with bias correction).`,
      `With the same small learning rate and the same number of epochs, gradient descent and momentum are still on their way (${percent(gd.accuracy)} and ${percent(momentum.accuracy)} train accuracy; the course: 79.7% for both), while Adam has found the moons (${percent(adam.accuracy)}; the course: 94%). Momentum averages the gradients but takes steps of the same size; Adam divides each parameter's step by the running size of its gradients, so the weights whose gradients are tiny still move.`,
      `Why, in a picture: on the elongated bowl f(w) = 0.01·w₁² + w₂² (curvatures 100 times apart), gradient descent must keep α below 1 or diverge along the steep w₂ direction, so it zig-zags across the valley and crawls along it (f = ${fmt(paths[0]!)} after ${BOWL_STEPS} steps). Momentum's averaged velocity damps the zig-zag, which lets it take α = 2 — where gradient descent would diverge — and build up speed along the valley (f = ${fmt(paths[1]!)}). RMSprop and Adam divide each coordinate's step by the running size of its gradients, so both directions move at a similar pace (f = ${fmt(paths[2]!)} and ${fmt(paths[3]!)}).`,
    ],
    summaries,
    figures: [
      {
        spec: costCurveSpec(
          runs.map((r) => ({ name: r.short, points: r.run.history.costs })),
          { title: 'Cost per epoch, three optimizers', xTitle: 'epoch', width: 760, height: 240, dashed: [momentum.short] },
        ),
        caption: `The mean mini-batch cost J of each epoch (the lab's "cost per 100 epochs" plot). Same network, same data, same α = ${LEARNING_RATE}: only the update rule differs. Momentum (dashed) runs on top of gradient descent: averaging the gradients does not make small steps larger.`,
        wide: true,
      },
      {
        spec: decisionBoundaryPanelsSpec(
          runs.map((r) => ({ regions: decisionRegions((g) => probabilities(r.model, g), points, { resolution: 150 }), points, title: `${r.short}: ${percent(r.accuracy)}` })),
          { title: `Decision boundaries after ${EPOCHS.toLocaleString('en-US')} epochs`, columns: 3, size: 230 },
        ),
        caption: 'Gradient descent and momentum still draw a nearly straight boundary; Adam bends it between the moons.',
        wide: true,
      },
      {
        spec: optimizerPathsSpec(
          bowlContours([0.01, 0.05, 0.2, 0.5, 1, 2]),
          paths.map((p) => ({ name: p.name, points: p.points })),
          { title: `The first ${BOWL_STEPS} steps on the elongated bowl 0.01·w₁² + w₂², from (−10, 1)`, xDomain: [-11, 3], yDomain: [-1.2, 1.2], width: 760, height: 300 },
        ),
        caption: 'Level sets of f (grey ellipses; mind the axes: the bowl is 10 times longer than it is wide) and each optimizer\'s iterates from the same start. The cross marks the minimum.',
        wide: true,
      },
      {
        spec: costCurveSpec(
          paths.map((p) => ({ name: p.name, points: p.points.map((pt) => ({ iteration: pt.step, cost: Math.max(pt.f, 1e-10) })) })),
          { title: 'f(w) per step on the bowl', xTitle: 'step', yTitle: 'f(w)', logY: true, width: 760, height: 220, legendCorner: 'bottom-left' },
        ),
        caption: 'The same race as values (log scale): gradient descent falls at a slow constant rate set by the flat direction; the others reach the bottom many times faster.',
        wide: true,
      },
    ],
  };
}
