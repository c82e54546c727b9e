import { noGrad } from '@dlkit/core';
import type { MnistSplit } from '../../data/mnist.js';
import { confusionMatrixSpec, costCurveSpec, imageGridSpec } from '../../report/charts.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries, runSummary } from '../../summary.js';
import { deepLogits, toTensors, trainDeepNetwork } from './deep-network.js';
import { labelledDigits } from './predictions.js';

const DIMS = [784, 128, 64, 10] as const;
const EPOCHS = 8;
const BATCH = 64;
const LEARNING_RATE = 0.2;

/**
 * Course 1, week 4 — a deep L-layer network, `[784, 128, 64, 10]` with ReLU hidden layers and a
 * softmax output, He-initialised, trained by mini-batch gradient descent on real MNIST digits and
 * measured on a held-out test split.
 */
export function deepNetworkChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 1 · week 4';
  const title = 'A deep neural network on MNIST digits';
  printHeading(course, title);
  const run = trainDeepNetwork(mnist.train, {
    dims: DIMS,
    epochs: EPOCHS,
    batchSize: BATCH,
    learningRate: LEARNING_RATE,
    test: mnist.test,
    label: `L-layer network ${DIMS.join('-')}`,
  });
  const test = toTensors(mnist.test, DIMS[0]);
  const predicted = noGrad(() => deepLogits(run.params, test.X).argMax(-1)).dataSync();
  const summary: ModelSummary = runSummary(run.history, {
    model: `L-layer network [${DIMS.join(', ')}], ReLU + softmax`,
    dataset: 'MNIST, 10 classes',
    learningRate: LEARNING_RATE,
    trainAccuracy: run.trainAccuracy.at(-1) ?? NaN,
    testAccuracy: run.testAccuracy.at(-1) ?? NaN,
  });
  printSummaries([summary]);

  const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  const mistakes: number[] = [];
  mnist.test.labels.forEach((label, i) => {
    const p = predicted[i] ?? 0;
    confusion[label]![p]! += 1;
    if (p !== label) mistakes.push(i);
  });
  const right = (i: number): boolean => predicted[i] === mnist.test.labels[i];
  const firstDigits = labelledDigits(mnist.test, Array.from({ length: 24 }, (_, i) => i), (i) => ({
    text: `${predicted[i]}`,
    correct: right(i),
  }));
  const wrongDigits = labelledDigits(mnist.test, mistakes.slice(0, 12), (i) => ({
    text: `${predicted[i]} (${mnist.test.labels[i]})`,
    correct: false,
  }));
  const epochs = (values: readonly number[]) => values.map((cost, e) => ({ iteration: e + 1, cost }));
  return {
    id: 'deep-network',
    title,
    course,
    paragraphs: [
      `An L-layer network, [LINEAR → RELU] × ${DIMS.length - 2} → LINEAR → SOFTMAX with layer sizes n = [${DIMS.join(', ')}], on real 28×28 MNIST digits: ${mnist.train.count.toLocaleString('en-US')} for training, ${mnist.test.count.toLocaleString('en-US')} held out for testing. Weights use He initialisation W[l] = randn(n[l], n[l−1])·√(2/n[l−1]), biases start at zero.`,
      `Training is still plain gradient descent θ := θ − α·dθ (α = ${LEARNING_RATE}), one update per shuffled mini-batch of ${BATCH} digits, ${EPOCHS} passes over the data — ${run.history.iterations.toLocaleString('en-US')} updates in all. The cost is the softmax cross-entropy −1/m Σ Σ y log softmax(z), computed from the logits with \`logSoftmax\`.`,
    ],
    summaries: [summary],
    figures: [
      {
        spec: costCurveSpec([{ name: 'mini-batch cost', points: run.history.costs }], { title: 'Learning curve', xTitle: 'update', logY: true }),
        caption: 'The mini-batch cost (log scale), averaged over every 10 updates: noisy, as mini-batch costs are, and falling.',
      },
      {
        spec: costCurveSpec(
          [
            { name: 'train', points: epochs(run.trainAccuracy) },
            { name: 'test', points: epochs(run.testAccuracy) },
          ],
          { title: 'Accuracy after each epoch', xTitle: 'epoch', yTitle: 'accuracy', zero: false, integerX: true, legendCorner: 'bottom-right' },
        ),
        caption: 'Train and held-out test accuracy; the gap between them is the variance the next course fights.',
      },
      {
        spec: imageGridSpec(firstDigits, { title: 'Test digits and the predicted class', columns: 12 }),
        caption: 'The first 24 test digits with the network\'s prediction (green: right, red: wrong).',
        wide: true,
      },
      {
        spec: confusionMatrixSpec(confusion, { title: 'Confusion matrix (test set)' }),
        caption: 'Rows: the true digit; columns: the prediction. Off-diagonal cells are the mistakes.',
      },
      {
        spec: imageGridSpec(wrongDigits, { title: 'Some mistakes: predicted (true)', columns: 4 }),
        caption: 'Test digits the network got wrong — several are hard for people too.',
      },
    ],
  };
}
