import { add, argMax, concat, manualSeed, noGrad, slice, type Tensor } from '@dlkit/core';
import { diceLoss, meanIoU, models, perClassIoU, pixelAccuracy, pixelCrossEntropy } from '@dlkit/cnn';
import { Adam, fit, progressBar } from '@dlkit/optim';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { rgbPanelsSpec, type RgbPanel } from './rgb-images.js';
import { generateScenes, maskColours, SCENE_CLASSES, type Scenes } from './scenes.js';

const SIDE = 24;
const TRAIN = 480;
const TEST = 120;
const DEPTH = 2;
const FILTERS = 8;
const EPOCHS = 10;
const BATCH = 16;
const LR = 0.01;
const SHOWN = 4;
/** Training scenes re-read after training for the train IoU. */
const TRAIN_EVAL = 120;

/** Logits `[n, SIDE, SIDE, classes]` of every scene, 40 at a time, without gradients. */
function predict(net: models.UNet, scenes: Scenes): Tensor {
  return noGrad(() => {
    const parts: Tensor[] = [];
    for (let i = 0; i < scenes.count; i += 40) {
      const n = Math.min(40, scenes.count - i);
      parts.push(net.forward(slice(scenes.images, [i, 0, 0, 0], [n, SIDE, SIDE, 3])));
    }
    return concat(parts, 0);
  });
}

/**
 * Course 4, week 3 — semantic segmentation with U-Net: generated scenes of discs, squares and
 * triangles in random colours on a shaded background, a per-pixel class for each, learned by
 * `models.unet` with per-pixel cross-entropy plus Dice loss; mean IoU on held-out scenes.
 */
export function segmentationChapter(): ReportSection {
  const course = 'Course 4 · week 3';
  const title = 'U-Net: semantic segmentation of generated scenes';
  printHeading(course, title);
  manualSeed(41);
  const train = generateScenes(TRAIN, SIDE, 1);
  const test = generateScenes(TEST, SIDE, 2);
  const classes = SCENE_CLASSES.length;
  const net = models.unet({ inChannels: 3, numClasses: classes, depth: DEPTH, baseFilters: FILTERS, batchNorm: true });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = fit(net, {
    step: (model, [x, y]) => {
      const logits = model.forward(x);
      return add(pixelCrossEntropy(logits, y), diceLoss(logits, y));
    },
    data: [train.images, train.masks],
    optimizer: new Adam(net.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    seed: 5,
    callbacks: [progressBar({ label: 'U-Net' })],
  });
  const seconds = (performance.now() - start) / 1000;
  net.eval();
  const trainSubset = generateScenes(TRAIN_EVAL, SIDE, 1); // the first TRAIN_EVAL training scenes (same seed)
  const trainLogits = predict(net, trainSubset);
  const testLogits = predict(net, test);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const trainIoU = meanIoU(trainLogits, trainSubset.masks, classes);
  const testIoU = meanIoU(testLogits, test.masks, classes);
  const testPerClass = perClassIoU(testLogits, test.masks, classes);
  const testPixels = pixelAccuracy(testLogits, test.masks);
  const losses = result.history['loss']!;
  const parameters = net.parameters().reduce((s, p) => s + p.size, 0);
  const summaries: ModelSummary[] = [{
    model: `U-Net (depth ${DEPTH}, ${FILTERS}–${FILTERS * 2 ** DEPTH} filters, batch norm, transposed convs), cross-entropy + Dice`,
    dataset: `generated ${SIDE}×${SIDE} scenes, ${TRAIN} train / ${TEST} test`,
    iterations: EPOCHS * Math.ceil(TRAIN / BATCH),
    learningRate: LR,
    finalCost: losses.at(-1)!,
    metric: 'mean IoU',
    trainAccuracy: trainIoU,
    testAccuracy: testIoU,
    seconds,
  }];
  printSummaries(summaries);
  console.log(`    ${parameters} parameters; test pixel accuracy ${percent(testPixels)}; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);

  const predicted = noGrad(() => argMax(slice(testLogits, [0, 0, 0, 0], [SHOWN, SIDE, SIDE, classes]), -1).dataSync());
  const images = slice(test.images, [0, 0, 0, 0], [SHOWN, SIDE, SIDE, 3]).dataSync();
  const truth = slice(test.masks, [0, 0, 0], [SHOWN, SIDE, SIDE]).dataSync();
  const area = SIDE * SIDE;
  const panels: RgbPanel[] = [];
  for (let k = 0; k < SHOWN; k++) {
    const scene = (data: ArrayLike<number>, per: number): ArrayLike<number> => Array.prototype.slice.call(data, k * area * per, (k + 1) * area * per) as number[];
    const iou = meanIoU(slice(testLogits, [k, 0, 0, 0], [1, SIDE, SIDE, classes]), slice(test.masks, [k, 0, 0], [1, SIDE, SIDE]), classes);
    panels.push(
      { rgb: scene(images, 3), height: SIDE, width: SIDE, caption: `test scene ${k + 1}` },
      { rgb: maskColours(scene(truth, 1)), height: SIDE, width: SIDE, caption: 'ground truth' },
      { rgb: maskColours(scene(predicted, 1)), height: SIDE, width: SIDE, caption: `U-Net (IoU ${iou.toFixed(2)})` },
    );
  }
  const perClassText = SCENE_CLASSES.map((name, c) => `${name} ${testPerClass[c]!.toFixed(3)}`).join(', ');
  return {
    id: 'segmentation',
    title,
    course,
    paragraphs: [
      `Semantic segmentation gives every pixel a class. U-Net (Ronneberger et al. 2015) does it with a contracting path — two 3 × 3 convolutions with ReLU, then a 2 × 2 max pool, the filters doubling at each level — and an expanding path that doubles the resolution with a 2 × 2 transposed convolution, concatenates the feature map of the same level from the contracting path (the skip connection that brings the fine detail back), and applies two 3 × 3 convolutions; a 1 × 1 convolution gives the class logits of each pixel. \`models.unet({ inChannels: 3, numClasses: ${classes}, depth: ${DEPTH}, baseFilters: ${FILTERS} })\` builds it with same padding, so the output has the input's size; \`batchNorm: true\` adds batch normalization after each 3 × 3 convolution (the paper has none; with it the network learns in the few hundred steps this chapter can afford) — ${parameters.toLocaleString('en-US')} parameters.`,
      `No segmentation data set ships offline, so the scenes are generated: ${SIDE} × ${SIDE} pictures with a shaded, noisy background and 2 or 3 shapes — discs, squares and triangles — of random size, place and colour, apart from each other. The colour says nothing about the class; the network must recognize the shape. ${TRAIN} training scenes, ${TEST} held-out scenes drawn with another seed. The loss is the per-pixel cross-entropy (\`pixelCrossEntropy\`) plus the soft Dice loss (\`diceLoss\`), which scores each class by its overlap so that the small shapes weigh as much as the background; ${EPOCHS} epochs of Adam (α = ${LR}) with optim's \`fit\` and a custom step, loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}.`,
      `On the held-out scenes the mean intersection over union (\`meanIoU\`: per class |predicted ∩ true| / |predicted ∪ true| over all pixels, averaged over the ${classes} classes) is ${testIoU.toFixed(3)} (${trainIoU.toFixed(3)} on ${TRAIN_EVAL} training scenes); per class: ${perClassText}. Pixel accuracy is ${percent(testPixels)}. Training and evaluation took ${cpuSeconds.toFixed(0)} CPU seconds (${seconds.toFixed(0)} s wall-clock training) on the ts backend.`,
    ],
    summaries,
    figures: [
      { spec: costCurveSpec([{ name: 'cross-entropy + Dice', points: losses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'Training loss per epoch', xTitle: 'epoch' }), caption: 'Per-pixel cross-entropy plus Dice loss, mean over the batches of each epoch.' },
      { spec: rgbPanelsSpec(panels, { title: 'Held-out scenes: image, ground truth, U-Net prediction', columns: 3, scale: 3 }), caption: `Masks in class colours: ${SCENE_CLASSES.join(', ')} (dark, orange, blue, yellow).`, wide: true },
    ],
  };
}
