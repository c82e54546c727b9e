import { noGrad } from '@dlkit/core';
import { loadPlanarDataset } from '../../data/flower.js';
import { costCurveSpec, decisionBoundaryPanelsSpec, decisionBoundarySpec } from '../../report/charts.js';
import { decisionRegions } from '../../report/decision-regions.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries, runSummary } from '../../summary.js';
import { binaryAccuracy } from './metrics.js';
import { logisticPredict, trainLogisticRegression } from './logistic-regression.js';
import { shallowPredict, trainShallowNetwork } from './shallow-network.js';

const ITERATIONS = 10_000;
const LEARNING_RATE = 1.2;
const HIDDEN = 4;
/** Hidden-layer sizes of the course's "tuning hidden layer size" experiment. */
const SWEEP = [1, 2, 3, 5, 20, 50] as const;
const SWEEP_ITERATIONS = 2_500;

/**
 * Course 1, week 3 — planar data classification with one hidden layer: logistic regression cannot
 * separate the "flower" dataset, a network with 4 tanh hidden units can; then the course's
 * experiment with other hidden-layer sizes.
 */
export function shallowNetworkChapter(): ReportSection {
  const course = 'Course 1 · week 3';
  const title = 'A shallow neural network on the planar "flower" data';
  printHeading(course, title);
  const data = loadPlanarDataset();
  const { X, Y, points } = data;
  const dataset = `flower, m = ${points.length}`;

  const logistic = trainLogisticRegression(X, Y, { iterations: 2_000, learningRate: LEARNING_RATE, label: 'logistic regression' });
  const shallow = trainShallowNetwork(X, Y, {
    iterations: ITERATIONS,
    learningRate: LEARNING_RATE,
    hiddenUnits: HIDDEN,
    seed: 1,
    label: `shallow network n_h=${HIDDEN}`,
  });
  const summaries: ModelSummary[] = [
    runSummary(logistic.history, {
      model: 'Logistic regression',
      dataset,
      learningRate: LEARNING_RATE,
      trainAccuracy: binaryAccuracy(noGrad(() => logisticPredict(logistic.params, X)), Y),
      testAccuracy: null,
    }),
    runSummary(shallow.history, {
      model: `Shallow network (n_h = ${HIDDEN}, tanh)`,
      dataset,
      learningRate: LEARNING_RATE,
      trainAccuracy: binaryAccuracy(noGrad(() => shallowPredict(shallow.params, X)), Y),
      testAccuracy: null,
    }),
  ];
  printSummaries(summaries);

  const sweep = SWEEP.map((nh) => {
    const run = trainShallowNetwork(X, Y, {
      iterations: SWEEP_ITERATIONS,
      learningRate: LEARNING_RATE,
      hiddenUnits: nh,
      seed: 1,
      label: `  sweep n_h=${String(nh).padEnd(2)}`,
    });
    const accuracy = binaryAccuracy(noGrad(() => shallowPredict(run.params, X)), Y);
    return { nh, accuracy, regions: decisionRegions((g) => shallowPredict(run.params, g), points, { resolution: 120 }) };
  });
  console.log(`    hidden-layer sizes: ${sweep.map((s) => `n_h=${s.nh} ${(s.accuracy * 100).toFixed(1)}%`).join(', ')}`);

  const [logisticSummary, shallowSummary] = summaries as [ModelSummary, ModelSummary];
  return {
    id: 'shallow-network',
    title,
    course,
    paragraphs: [
      `The course's \`load_planar_dataset\`: ${points.length} points in two classes (red y = 0, blue y = 1) arranged as the petals of a flower, t = linspace(j·3.12, (j+1)·3.12, N) + 0.2·randn, r = 4·sin(4t) + 0.2·randn, x = (r sin t, r cos t). No straight line separates them.`,
      `Logistic regression draws one straight boundary and stays near chance (${(logisticSummary.trainAccuracy * 100).toFixed(1)}%; the course reports 47%). A network with one hidden layer of ${HIDDEN} tanh units — W1 = 0.01·randn(4, 2), b1 = 0, W2 = 0.01·randn(1, 4), b2 = 0, ${ITERATIONS.toLocaleString('en-US')} gradient-descent steps with α = ${LEARNING_RATE} — bends the boundary around the petals and reaches ${(shallowSummary.trainAccuracy * 100).toFixed(1)}% (the course: 90%). Backpropagation (the course's \`backward_propagation\`) is autograd's \`J.backward()\`.`,
    ],
    summaries,
    figures: [
      {
        spec: decisionBoundarySpec(
          { regions: decisionRegions((g) => logisticPredict(logistic.params, g), points), points },
          { title: `Logistic regression: ${(logisticSummary.trainAccuracy * 100).toFixed(1)}%` },
        ),
        caption: 'A linear model can only cut the plane in two halves.',
      },
      {
        spec: decisionBoundarySpec(
          { regions: decisionRegions((g) => shallowPredict(shallow.params, g), points), points },
          { title: `Hidden layer of ${HIDDEN} tanh units: ${(shallowSummary.trainAccuracy * 100).toFixed(1)}%` },
        ),
        caption: 'The background is the class the network predicts at each point of a 200 × 200 grid.',
      },
      {
        spec: costCurveSpec(
          [
            { name: 'logistic regression', points: logistic.history.costs },
            { name: `shallow network (n_h = ${HIDDEN})`, points: shallow.history.costs },
          ],
          { title: 'Learning curves', width: 760, height: 220 },
        ),
        caption: 'Cost J per gradient-descent step: logistic regression stalls near log 2 ≈ 0.69, the hidden layer keeps learning.',
        wide: true,
      },
      {
        spec: decisionBoundaryPanelsSpec(
          sweep.map((s) => ({ regions: s.regions, points, title: `n_h = ${s.nh}: ${(s.accuracy * 100).toFixed(1)}%` })),
          { title: `Tuning the hidden-layer size (${SWEEP_ITERATIONS.toLocaleString('en-US')} steps each)`, columns: 3, size: 220 },
        ),
        caption: 'The course\'s experiment: one or two units underfit; a handful capture the petals; many more units fit the noise without doing much better.',
        wide: true,
      },
    ],
  };
}
