import { manualSeed, ValueError } from '@dlkit/core';
import { logUniform, Momentum, oneMinusLogUniform, ProgressBar, randomSearch, type TrialResult } from '@dlkit/optim';
import { loadMoonsDataset } from '../../data/moons.js';
import { searchScatterSpec, type SearchPoint } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { EPOCHS as LAB_EPOCHS, LEARNING_RATE as LAB_ALPHA } from './chapter-optimization.js';
import { accuracyOf, binaryNetwork, trainBinary } from './training.js';

const HIDDEN = [5, 2] as const;
const TRIALS = 30;
const TRIAL_EPOCHS = 150;
const BATCH = 64;
const SEARCH_SEED = 1;
const INIT_SEED = 2;

/** The search space: the course's `r = −4·rand(), α = 10^r` and `β = 1 − 10^r, r ∈ [−3, −1]`. */
const SPACE = { alpha: logUniform(1e-4, 1), beta: oneMinusLogUniform(0.9, 0.999) };
type Space = typeof SPACE;

/** What each trial keeps besides its dev accuracy. */
interface TrialExtra {
  readonly trainAccuracy: number;
  readonly finalCost: number;
  readonly seconds: number;
  readonly diverged: boolean;
}

function extraOf(result: TrialResult<Space>): TrialExtra {
  return result.extra as unknown as TrialExtra;
}

/**
 * Course 2, week 3 — hyperparameter tuning: a random search over the learning rate α on a log
 * scale (optim's `logUniform`, the course's `r = −4·rand(); α = 10^r`) and momentum's β on the
 * `1 − β` log scale (`oneMinusLogUniform`), each configuration a short run scored on a dev set.
 */
export async function tuningChapter(): Promise<ReportSection> {
  const course = 'Course 2 · week 3';
  const title = 'Hyperparameter tuning: random search on a log scale';
  printHeading(course, title);
  const train = loadMoonsDataset({ m: 300, seed: 3 });
  const dev = loadMoonsDataset({ m: 200, seed: 4 });
  const dataset = `moons, ${train.points.length} train / ${dev.points.length} dev`;

  const bar = new ProgressBar({ label: `random search, ${TRIALS} trials`, total: TRIALS });
  const start = performance.now();
  const results = await randomSearch(
    SPACE,
    ({ alpha, beta }, index) => {
      manualSeed(INIT_SEED);
      const model = binaryNetwork({ hidden: HIDDEN });
      const trialStart = performance.now();
      let finalCost = NaN;
      let diverged = false;
      try {
        const run = trainBinary(model, train, { optimizer: new Momentum(model.parameters(), { lr: alpha, beta }), epochs: TRIAL_EPOCHS, batchSize: BATCH, seed: 0, progress: false });
        finalCost = run.history.costs.at(-1)?.cost ?? NaN;
      } catch (error) {
        // fit stops with a ValueError when the cost becomes NaN or ∞: α too large.
        if (!(error instanceof ValueError)) throw error;
        diverged = true;
      }
      const score = diverged ? 0 : accuracyOf(model, dev);
      const extra: TrialExtra = { trainAccuracy: diverged ? 0 : accuracyOf(model, train), finalCost, seconds: (performance.now() - trialStart) / 1000, diverged };
      bar.update(index + 1, Number.isFinite(finalCost) ? { loss: finalCost } : undefined);
      return { score, ...extra };
    },
    { trials: TRIALS, seed: SEARCH_SEED, mode: 'max' },
  );
  bar.finish();
  const seconds = (performance.now() - start) / 1000;
  const updates = TRIAL_EPOCHS * Math.ceil(train.points.length / BATCH);
  const summaries: ModelSummary[] = results.slice(0, 3).map((r, rank) => ({
    model: `Random search #${rank + 1} of ${TRIALS}: momentum α = ${r.config.alpha.toPrecision(2)}, β = ${r.config.beta.toPrecision(3)}`,
    dataset,
    iterations: updates,
    learningRate: Number(r.config.alpha.toPrecision(2)),
    finalCost: extraOf(r).finalCost,
    trainAccuracy: extraOf(r).trainAccuracy,
    testAccuracy: r.score,
    heldOut: 'dev',
    seconds: extraOf(r).seconds,
  }));
  printSummaries(summaries);
  const byAlpha = [...results].sort((a, b) => a.config.alpha - b.config.alpha);
  console.log(`    dev accuracy by α: ${byAlpha.map((r) => `${r.config.alpha.toExponential(0)} ${(r.score * 100).toFixed(0)}%`).join(', ')}  (${seconds.toFixed(1)} s)`);

  const best = results[0]!;
  const points: SearchPoint[] = results.map((r) => ({ alpha: r.config.alpha, other: r.config.beta, score: r.score, best: r === best }));
  // The trials within 3 points of the best one, and how far the trials with α < 0.01 got.
  const good = results.filter((r) => r.score >= best.score - 0.03);
  const goodRange = [Math.min(...good.map((r) => r.config.alpha)), Math.max(...good.map((r) => r.config.alpha))] as const;
  const orders = Math.round(Math.log10(goodRange[0] / LAB_ALPHA));
  const small = results.filter((r) => r.config.alpha < 0.01);
  const smallBest = small.length > 0 ? Math.max(...small.map((r) => r.score)) : null;
  const decade = (lo: number, hi: number) => results.filter((r) => r.config.alpha >= lo && r.config.alpha < hi).length;
  return {
    id: 'tuning',
    title,
    course,
    paragraphs: [
      `Which learning rate, and which momentum β? The course's advice: sample at random rather than on a grid, and on the appropriate scale — for α, \`r = −4·rand()\`, \`α = 10^r\`, so each decade from 0.0001 to 1 gets the same share of trials (here ${[1e-4, 1e-3, 1e-2, 1e-1].map((lo) => decade(lo, lo * 10)).join(', ')}); for β, \`1 − β = 10^r\` with r in [−3, −1], as β = 0.999 averages over 1,000 steps and 0.99 over only 100. optim's \`randomSearch({ alpha: logUniform(1e-4, 1), beta: oneMinusLogUniform(0.9, 0.999) }, trial, { trials: ${TRIALS}, seed: ${SEARCH_SEED}, mode: 'max' })\` draws the configurations and runs the trials one after another.`,
      `Each trial trains the optimization chapter's [2, ${HIDDEN.join(', ')}, 1] network on the moons (${train.points.length} points) from the same initial weights with \`Momentum\` for only ${TRIAL_EPOCHS} epochs (${updates} mini-batch updates) and is scored by its accuracy on ${dev.points.length} dev points drawn separately. ${smallBest === null ? '' : `The ${small.length} trials with α < 0.01 reach at most ${percent(smallBest)}: so small a step has barely moved the weights in ${updates} updates. `}The ${good.length} trials within 3 points of the best lie between α = ${goodRange[0].toPrecision(2)} and ${goodRange[1].toPrecision(2)}, ${orders >= 1 ? `about ${orders === 1 ? 'one order' : `${orders} orders`} of magnitude above the optimization lab's α = ${LAB_ALPHA}, which has ${LAB_EPOCHS.toLocaleString('en-US')} epochs to get there: a good α depends on the budget of steps` : 'the learning rate to start from'}. The best configuration, α = ${best.config.alpha.toPrecision(2)} and β = ${best.config.beta.toPrecision(3)}, reaches ${percent(best.score)} dev accuracy.${results.some((r) => extraOf(r).diverged) ? ' Trials whose cost became NaN (α too large) are shown at 0%.' : ''}`,
    ],
    summaries,
    figures: [
      {
        spec: searchScatterSpec(points, { title: `Random search: dev accuracy of ${TRIALS} short trials against α`, alphaDomain: [1e-4, 1], otherTitle: 'β', oneMinusOther: true }),
        caption: 'One dot per trial, α on a logarithmic axis (the scale it was sampled on), coloured by 1 − β on a log scale (β = 0.9 yellow, 0.999 dark purple); the ringed dot is the best configuration. On a linear axis nine tenths of these trials would be squeezed into the leftmost tenth.',
        wide: true,
      },
    ],
  };
}
