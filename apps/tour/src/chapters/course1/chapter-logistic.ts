import { noGrad, tensor, type Tensor } from '@dlkit/core';
import { MNIST_PIXELS, type DigitSet, type MnistSplit } from '../../data/mnist.js';
import { costCurveSpec, imageGridSpec, weightMapSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ReportSection } from '../../report/types.js';
import { printHeading, printSummaries, runSummary } from '../../summary.js';
import { binaryAccuracy } from './metrics.js';
import { logisticPredict, trainLogisticRegression } from './logistic-regression.js';
import { labelledDigits } from './predictions.js';

/** The digit the binary classifier looks for. */
const TARGET = 1;
const ITERATIONS = 150;
const LEARNING_RATE = 0.5;

function binaryTask(set: DigitSet): { X: Tensor; Y: Tensor } {
  return {
    X: tensor(set.images, { shape: [set.count, MNIST_PIXELS] }),
    Y: tensor(Float32Array.from(set.labels, (d) => (d === TARGET ? 1 : 0)), { shape: [set.count, 1] }),
  };
}

/**
 * Sixteen test digits to show: the first few mistakes, then alternately target digits and others,
 * in test-set order.
 */
function pickExamples(set: DigitSet, probabilities: ArrayLike<number>): number[] {
  const mistakes: number[] = [];
  const targets: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const isTarget = set.labels[i] === TARGET;
    if ((probabilities[i] ?? 0) > 0.5 !== isTarget) mistakes.push(i);
    else (isTarget ? targets : others).push(i);
  }
  const picked = mistakes.slice(0, 4);
  for (let k = 0; picked.length < 16 && k < set.count; k++) {
    const t = targets[k];
    const o = others[k];
    if (t !== undefined) picked.push(t);
    if (o !== undefined && picked.length < 16) picked.push(o);
  }
  return picked;
}

/**
 * Course 1, week 2 — logistic regression as a neural network: one sigmoid neuron that reads the 784
 * pixels of an MNIST digit and answers "is it a 1?" (the course's cat/non-cat classifier, on digits).
 */
export function logisticRegressionChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 1 · week 2';
  const title = 'Logistic regression as a neural network';
  printHeading(course, title);
  const train = binaryTask(mnist.train);
  const test = binaryTask(mnist.test);
  const { params, history } = trainLogisticRegression(train.X, train.Y, {
    iterations: ITERATIONS,
    learningRate: LEARNING_RATE,
    label: `logistic regression "is it a ${TARGET}?"`,
  });
  const trainProbabilities = noGrad(() => logisticPredict(params, train.X));
  const testProbabilities = noGrad(() => logisticPredict(params, test.X));
  const trainAccuracy = binaryAccuracy(trainProbabilities, train.Y);
  const testAccuracy = binaryAccuracy(testProbabilities, test.Y);
  const baseline = 1 - mnist.test.labels.filter((d) => d === TARGET).length / mnist.test.count;
  const summary = runSummary(history, {
    model: 'Logistic regression (1 sigmoid unit)',
    dataset: `MNIST, "is it a ${TARGET}?"`,
    learningRate: LEARNING_RATE,
    trainAccuracy,
    testAccuracy,
  });
  printSummaries([summary]);
  console.log(`    (always answering "no" would score ${percent(baseline)} on the test set)`);

  const testValues = testProbabilities.dataSync();
  const shown = pickExamples(mnist.test, testValues);
  const digits = labelledDigits(mnist.test, shown, (i) => {
    const p = testValues[i] ?? 0;
    const isTarget = mnist.test.labels[i] === TARGET;
    return { text: `${p > 0.5 ? 'yes' : 'no'} ${Math.round(p * 100)}%`, correct: p > 0.5 === isTarget };
  });
  return {
    id: 'logistic-regression',
    title,
    course,
    paragraphs: [
      `The simplest neural network: one unit computes ŷ = σ(w·x + b) from the 784 pixel values of a 28×28 digit. Parameters start at zero (\`initialize_with_zeros\`), the cost is the cross-entropy J = −1/m Σ [y log ŷ + (1−y) log(1−ŷ)], and each of the ${ITERATIONS} full-batch gradient-descent steps (α = ${LEARNING_RATE}) gets dw and db from \`J.backward()\` and updates with \`noGrad(() => w.assign(w.sub(w.grad.mul(α))))\`.`,
      `The task is "is this digit a ${TARGET}?" on ${mnist.train.count.toLocaleString('en-US')} real MNIST training digits, tested on ${mnist.test.count.toLocaleString('en-US')} held-out ones. Only ${percent(1 - baseline)} of the test digits are ${TARGET}s, so answering "no" every time scores ${percent(baseline)}: the model has to beat that.`,
    ],
    summaries: [summary],
    figures: [
      {
        spec: costCurveSpec([{ name: 'cost', points: history.costs }], { title: 'Learning curve', logY: true }),
        caption: 'The cross-entropy cost (log scale) falls with every gradient-descent step.',
      },
      {
        spec: weightMapSpec(params.w.dataSync(), { title: 'The learned weights w, as an image' }),
        caption: `Blue pixels push towards "${TARGET}", red ones away: a vertical stroke in the middle, empty sides.`,
      },
      {
        spec: imageGridSpec(digits, { title: `Test digits: "is it a ${TARGET}?"`, columns: 8 }),
        caption: `Test digits, half of them ${TARGET}s, with the model's answer and its probability ŷ (green: right, red: wrong; the mistakes come first).`,
        wide: true,
      },
    ],
  };
}
