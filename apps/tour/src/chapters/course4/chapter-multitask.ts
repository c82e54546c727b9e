import { binaryCrossEntropyWithLogits, gather, manualSeed, nn, noGrad, tensor, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import { Adam, fit, progressBar } from '@dlkit/optim';
import { generateScenes, SCENE_LABELS, SCENE_SIDE, type SceneSet } from '../../data/scenes.js';
import { accuracyBarsSpec, imageGridSpec, type LabelledImage } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { cpuSecondsSince } from './digits.js';

const TRAIN = 3000;
const TEST = 1000;
const MISSING = 0.3;
const EPOCHS = 10;
const BATCH = 32;
const LR = 3e-3;

/**
 * One network for four questions: two conv/max-pool stages, then four logits, one per object
 * (sigmoid outputs, not a softmax: a scene can show several objects).
 */
export class SceneNet extends nn.Module {
  readonly conv1 = new Conv2d(3, 12, 3, { padding: 'same' });
  readonly conv2 = new Conv2d(12, 24, 3, { padding: 'same' });
  readonly pool = new MaxPool2d(2);
  readonly fc = new nn.Linear(24 * (SCENE_SIDE / 4) ** 2, SCENE_LABELS.length);

  /** `[m, 20, 20, 3]` → logits `[m, 4]`. */
  forward(x: Tensor): Tensor {
    const h = this.pool.forward(this.conv2.forward(this.pool.forward(this.conv1.forward(x).relu())).relu());
    return this.fc.forward(h.reshape([h.shape[0]!, -1]));
  }
}

type Batch = readonly [Tensor, Tensor, Tensor];

/** Trains a {@link SceneNet} with the summed per-label logistic loss, missing labels masked out. */
export function trainSceneNet(x: Tensor, y: Tensor, known: Tensor, options: { epochs: number; label: string; progress?: boolean }): { model: SceneNet; losses: number[]; seconds: number } {
  manualSeed(0);
  const model = new SceneNet();
  const start = performance.now();
  const result = fit(model, {
    step: (m: SceneNet, [xb, yb, kb]: Batch) => binaryCrossEntropyWithLogits(m.forward(xb), yb, { mask: kb }),
    data: [x, y, known] as Batch,
    optimizer: new Adam(model.parameters(), { lr: LR }),
    epochs: options.epochs,
    batchSize: BATCH,
    seed: 0,
    callbacks: options.progress === false ? [] : [progressBar({ label: options.label })],
  });
  return { model, losses: result.history['loss']!, seconds: (performance.now() - start) / 1000 };
}

/** Per-label accuracy (known labels only) of `model` on `set`: `[pedestrian, car, stop sign, traffic light]`. */
export function labelAccuracies(model: SceneNet, set: SceneSet): number[] {
  const predicted = noGrad(() => model.eval().forward(set.x).greater(0).cast('float32').dataSync());
  return SCENE_LABELS.map((_, k) => {
    let right = 0;
    let total = 0;
    for (let i = 0; i < set.count; i++) {
      if (!set.knownLabels[i * 4 + k]) continue;
      total++;
      if (predicted[i * 4 + k] === set.labels[i * 4 + k]) right++;
    }
    return right / total;
  });
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Course 3, week 2 (with Course 4's convolutions) — multi-task learning: one network answers four
 * yes/no questions about a street scene, trained on labels of which 30% are unknown, with the
 * unknown ones masked out of core's binary cross-entropy.
 */
export function multiTaskChapter(): ReportSection {
  const course = 'Course 3 · week 2 / Course 4';
  const title = 'Multi-task learning with missing labels';
  printHeading(course, title);
  const cpuStart = process.cpuUsage();
  const train = generateScenes({ count: TRAIN, seed: 1, missing: MISSING });
  const test = generateScenes({ count: TEST, seed: 2 });
  // The alternative without a mask: keep only the scenes whose four labels are all known.
  const complete = Array.from({ length: train.count }, (_, i) => i).filter((i) => [0, 1, 2, 3].every((k) => train.knownLabels[i * 4 + k]));
  const index = tensor(Int32Array.from(complete), { dtype: 'int32' });
  const masked = trainSceneNet(train.x, train.y, train.known, { epochs: EPOCHS, label: 'masked loss' });
  const few = trainSceneNet(gather(train.x, index, 0), gather(train.y, index, 0), gather(train.known, index, 0), { epochs: EPOCHS, label: 'complete only' });
  const maskedTest = labelAccuracies(masked.model, test);
  const fewTest = labelAccuracies(few.model, test);
  const maskedTrain = labelAccuracies(masked.model, train);
  const fewTrain = labelAccuracies(few.model, train);
  const cpuSeconds = cpuSecondsSince(cpuStart);
  const dataset = `generated scenes, ${TRAIN.toLocaleString('en-US')} train (${percent(MISSING)} of labels missing) / ${TEST.toLocaleString('en-US')} test`;
  const summaries: ModelSummary[] = [
    { model: 'One net, 4 sigmoid outputs, missing labels masked', dataset, iterations: EPOCHS * Math.ceil(TRAIN / BATCH), learningRate: LR, finalCost: masked.losses.at(-1)!, metric: 'mean per-label accuracy', trainAccuracy: mean(maskedTrain), testAccuracy: mean(maskedTest), seconds: masked.seconds },
    { model: `Same net, only the ${complete.length} fully labelled scenes`, dataset, iterations: EPOCHS * Math.ceil(complete.length / BATCH), learningRate: LR, finalCost: few.losses.at(-1)!, metric: 'mean per-label accuracy', trainAccuracy: mean(fewTrain), testAccuracy: mean(fewTest), seconds: few.seconds },
  ];
  printSummaries(summaries);
  console.log(`    per label (test, masked): ${SCENE_LABELS.map((l, k) => `${l} ${percent(maskedTest[k]!)}`).join(', ')}; CPU ${cpuSeconds.toFixed(1)} s`);

  const shownCount = 12;
  const predicted = noGrad(() => masked.model.forward(test.x.slice([0, 0, 0, 0], [shownCount, SCENE_SIDE, SCENE_SIDE, 3])).greater(0).dataSync());
  const pixels = test.x.dataSync();
  const initials = ['P', 'C', 'S', 'T'];
  const scenes: LabelledImage[] = Array.from({ length: shownCount }, (_, i) => {
    const said = initials.filter((_, k) => predicted[i * 4 + k]).join('') || '–';
    const right = [0, 1, 2, 3].every((k) => Number(predicted[i * 4 + k]) === test.labels[i * 4 + k]);
    return { pixels: pixels.subarray(i * SCENE_SIDE * SCENE_SIDE * 3, (i + 1) * SCENE_SIDE * SCENE_SIDE * 3), rgb: true, caption: said, correct: right };
  });
  const shownTrain: LabelledImage[] = Array.from({ length: 6 }, (_, i) => ({
    pixels: train.x.slice([i, 0, 0, 0], [1, SCENE_SIDE, SCENE_SIDE, 3]).dataSync(),
    rgb: true,
    caption: [0, 1, 2, 3].map((k) => (train.knownLabels[i * 4 + k] ? String(train.labels[i * 4 + k]) : '?')).join(''),
    correct: null,
  }));
  return {
    id: 'multi-task',
    title,
    course,
    paragraphs: [
      `Multi-task learning, as the lecture's self-driving example has it: one network looks at an image and answers several yes/no questions at once — is there a pedestrian, a car, a stop sign, a traffic light? The output is four sigmoid units rather than one softmax, since a scene may show all of them or none, and the loss is the sum of four logistic losses. The same low-level features (edges, colour blobs) serve all four tasks, which is why sharing one network pays. Here the scenes are generated (no such data ships offline): 20 × 20 colour images with a noisy background of random colour, each object present with probability ½, drawn in its own quadrant with a small random shift.`,
      `In labelled data some entries are often unknown — the lecture's "?". Here each of the ${TRAIN.toLocaleString('en-US')} training scenes' four labels is missing with probability ${MISSING}, independently. The loss must then sum over the known labels only: \`binaryCrossEntropyWithLogits(logits, y, { mask: known })\` leaves the masked entries out of the loss and its gradient and averages over the known ones. The alternative without a mask is to keep only the scenes whose labels are all known — ${complete.length.toLocaleString('en-US')} of ${TRAIN.toLocaleString('en-US')} (0.7⁴ ≈ 24%).`,
      `The network (two 3 × 3 conv + ReLU + 2 × 2 max-pool stages with 12 and 24 filters, then a linear layer to 4 logits) is trained both ways by optim's \`fit\` with a custom step (Adam, α = ${LR}, ${EPOCHS} epochs of batches of ${BATCH}). On ${TEST.toLocaleString('en-US')} test scenes with every label known, the masked loss on all the scenes gets ${percent(mean(maskedTest))} of the labels right on average (${SCENE_LABELS.map((l, k) => `${l} ${percent(maskedTest[k]!)}`).join(', ')}); training on the complete scenes only gets ${percent(mean(fewTest))}. The part took ${cpuSeconds.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    figures: [
      { spec: imageGridSpec(shownTrain, { title: 'Training scenes and their labels (P C S T; ? = missing)', columns: 6, side: SCENE_SIDE, scale: 4 }), caption: 'Labels in the order pedestrian, car, stop sign, traffic light: 1 present, 0 absent, ? unknown (masked out of the loss).' },
      { spec: imageGridSpec(scenes, { title: 'Test scenes: what the masked-loss net sees', columns: 6, side: SCENE_SIDE, scale: 4 }), caption: 'The initials of the objects the network says are present (P pedestrian, C car, S stop sign, T traffic light; – none); green when all four answers are right.' },
      {
        spec: accuracyBarsSpec(SCENE_LABELS.flatMap((label, k) => [
          { model: label, set: 'masked loss, all scenes', accuracy: maskedTest[k]! },
          { model: label, set: 'complete scenes only', accuracy: fewTest[k]! },
        ]), { title: 'Test accuracy per label', width: 760, domain: [0.5, 1] }),
        caption: `Each label's accuracy on the test scenes. Masking lets the ${percent(1 - MISSING)} of labels that are known in the partially labelled scenes train the network too.`,
        wide: true,
      },
    ],
  };
}
