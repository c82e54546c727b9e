import { manualSeed } from '@dlkit/core';
import { meanAveragePrecision, shapeIou, type Anchor } from '@dlkit/detection';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { anchorsSpec, detectionPanelsSvg } from './detection-figures.js';
import { shapeScenes, SHAPE_CLASSES } from './shape-scenes.js';
import { detect, groundTruthsOf, trainShapeYolo, type ShapeYoloOptions } from './shape-yolo.js';
import { slidingWindowRace } from './sliding-windows.js';

const SIDE = 32;
const TRAIN_SCENES = 3000;
const TEST_SCENES = 300;
const YOLO: ShapeYoloOptions = { side: SIDE, gridSize: 4, anchors: 3, epochs: 8, batchSize: 32, learningRate: 0.01, channels: [8, 16, 32] };
/** Test scenes drawn before and after NMS. */
const SHOWN = 4;
/** Score threshold of the pictures (the mAP uses every detection above 0.05). */
const PICTURE_THRESHOLD = 0.3;

const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

const pixels = (a: Anchor): string => `${(a[0] * SIDE).toFixed(1)} × ${(a[1] * SIDE).toFixed(1)}`;

/**
 * Course 4, week 3 — object detection: a small YOLO (v2 as taught: a 4 × 4 grid, 3 anchors from
 * k-means) trained on generated scenes of rectangles, ellipses and triangles, evaluated by mAP@0.5
 * on held-out scenes; detections before and after non-max suppression; and the convolutional
 * implementation of sliding windows against the naive loop.
 */
export function detectionChapter(): ReportSection {
  const course = 'Course 4 · week 3';
  const title = 'Object detection: YOLO with anchors, NMS and sliding windows';
  printHeading(course, title);
  manualSeed(13);
  const chapterStart = process.cpuUsage();
  const train = shapeScenes(TRAIN_SCENES, 1), test = shapeScenes(TEST_SCENES, 2);
  const objects = train.reduce((s, sc) => s + sc.objects.length, 0);

  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const yolo = trainShapeYolo(train, YOLO);
  const seconds = (performance.now() - start) / 1000;
  const detections = detect(yolo.model, test, yolo.config, SIDE);
  const result = meanAveragePrecision({ detections: detections.flat(), groundTruths: groundTruthsOf(test) }, { iouThreshold: 0.5 });
  const trainSubset = train.slice(0, TEST_SCENES);
  const trainMap = meanAveragePrecision({ detections: detect(yolo.model, trainSubset, yolo.config, SIDE).flat(), groundTruths: groundTruthsOf(trainSubset) }, { iouThreshold: 0.5 }).map;
  const cocoMap = meanAveragePrecision({ detections: detections.flat(), groundTruths: groundTruthsOf(test) }, { interpolation: 'coco' }).map;
  const yoloCpu = cpuSince(cpuStart);

  const shown = test.slice(0, SHOWN);
  const before = detect(yolo.model, shown, yolo.config, SIDE, 1).map((d) => d.filter((x) => x.score >= PICTURE_THRESHOLD));
  const after = detect(yolo.model, shown, yolo.config, SIDE).map((d) => d.filter((x) => x.score >= PICTURE_THRESHOLD));
  const candidates = before.reduce((s, d) => s + d.length, 0), kept = after.reduce((s, d) => s + d.length, 0);

  const race = slidingWindowRace({ trainCrops: 1200, epochs: 4, images: 8, side: 64 });
  const speedup = race.naiveSeconds / race.convSeconds;
  const chapterCpu = cpuSince(chapterStart);

  const anchors = yolo.config.anchors;
  const parameters = yolo.model.parameters().reduce((s, p) => s + p.size, 0);
  const dataset = `generated scenes ${SIDE}×${SIDE}, ${TRAIN_SCENES} train / ${TEST_SCENES} test`;
  const summaries: ModelSummary[] = [{
    model: `YOLO (4 conv stages [${YOLO.channels.join(', ')}], S = ${YOLO.gridSize}, B = ${anchors.length})`,
    dataset,
    iterations: YOLO.epochs * Math.ceil(TRAIN_SCENES / YOLO.batchSize),
    learningRate: YOLO.learningRate,
    finalCost: yolo.losses.at(-1)!,
    metric: 'mAP@0.5',
    trainAccuracy: trainMap,
    testAccuracy: result.map,
    seconds,
  }];
  printSummaries(summaries);
  const perClass = result.perClass.map((c) => `${SHAPE_CLASSES[Number(c.label)]} ${c.ap.toFixed(3)}`).join(', ');
  console.log(`    mAP@0.5 ${result.map.toFixed(3)} (${perClass}); COCO mAP@[.5:.95] ${cocoMap.toFixed(3)}; ${parameters} parameters; CPU ${yoloCpu.toFixed(1)} s`);
  console.log(`    anchors ${anchors.map(pixels).join(', ')} px (mean IoU ${yolo.anchorIou.toFixed(3)})`);
  console.log(`    sliding windows: ${race.windows} windows × ${race.images} images, naive ${race.naiveSeconds.toFixed(2)} s, convolutional ${race.convSeconds.toFixed(3)} s (×${speedup.toFixed(1)}), max |Δ| ${race.maxDifference.toExponential(1)}`);
  console.log(`    chapter CPU ${chapterCpu.toFixed(1)} s`);

  const shapes: Anchor[] = train.flatMap((s) => s.objects.map(({ box }) => [box[2] - box[0], box[3] - box[1]] as const));
  const cluster = (shape: Anchor): number => anchors.reduce((best, a, j) => (shapeIou(shape, a) > shapeIou(shape, anchors[best]!) ? j : best), 0);
  return {
    id: 'detection',
    title,
    course,
    paragraphs: [
      `Object detection finds every object of an image with its class and a box. The data are generated (the course's car images are not available offline): ${SIDE} × ${SIDE} scenes on a dark noisy background with 1 to 3 filled rectangles, ellipses and triangles of random colour, each side 10 to 16 pixels, allowed to overlap a little (IoU up to 0.2) — ${objects.toLocaleString('en-US')} objects in ${TRAIN_SCENES.toLocaleString('en-US')} training scenes. Colour says nothing about the class; only the shape does.`,
      `YOLO (v2 as the course teaches it) divides the image into an S × S = ${YOLO.gridSize} × ${YOLO.gridSize} grid; each cell predicts, for each of B = ${anchors.length} anchor boxes, \`[tx, ty, tw, th, to, c1..c${SHAPE_CLASSES.length}]\`: a centre \`(σ(t) + cell)/S\`, a size \`anchor·eᵗ\`, a confidence σ(to) and class probabilities. The anchors are YOLOv2's dimension clusters: \`kmeansAnchors\` on the training boxes' shapes with the distance 1 − IoU found ${anchors.map(pixels).join(', ')} pixels (mean IoU of a box with its anchor ${yolo.anchorIou.toFixed(2)}). \`encodeTargets\` gives each object to the cell holding its centre and the anchor of best shape IoU (the generator keeps two centres out of one cell).`,
      `The network is ${parameters.toLocaleString('en-US')} parameters of \`@dlkit/cnn\` layers: three 3 × 3 conv + ReLU + 2 × 2 max-pool stages (32 → 4 cells), a 3 × 3 conv and a 1 × 1 conv with B·(5 + K) = ${anchors.length * (5 + SHAPE_CLASSES.length)} channels. It trains with \`yoloLoss\` (YOLOv1's weights λcoord = 5, λnoobj = 0.5) for ${YOLO.epochs} epochs of Adam (α = ${YOLO.learningRate}) through optim's \`fit\` with a custom step, loss ${yolo.losses[0]!.toFixed(2)} → ${yolo.losses.at(-1)!.toFixed(2)} (${seconds.toFixed(0)} s wall on a shared machine; the whole YOLO part — training and every evaluation — took ${yoloCpu.toFixed(0)} CPU seconds).`,
      `On ${TEST_SCENES} held-out scenes, \`yoloEval\` (score = confidence × class probability, then per-class NMS at IoU 0.5) and \`meanAveragePrecision\` give mAP@0.5 = ${result.map.toFixed(3)} (VOC all-point AP: ${perClass}); COCO's mAP@[.5:.95] is ${cocoMap.toFixed(3)}, and ${trainMap.toFixed(3)} mAP@0.5 on ${TEST_SCENES} training scenes. The pictures show what non-max suppression does: above a score of ${PICTURE_THRESHOLD}, the ${SHOWN} scenes have ${candidates} candidate boxes — neighbouring cells and anchors that all see the same object — and NMS keeps ${kept}.`,
      `Before YOLO came sliding windows: crop every window, classify it. A window classifier (conv 5 × 5 → pool → conv 3 × 3 → pool → FC → FC, ${percent(race.accuracy)} accurate on held-out 16 × 16 crops of background or one shape) run on ${race.windows} windows (stride ${race.stride}) of ${race.images} scenes of 64 × 64 took ${race.naiveSeconds.toFixed(2)} CPU seconds in the naive loop. \`convolutionalize\` turns its FC layers into a 2 × 2 convolution and a 1 × 1 convolution with the same weights, and one forward pass over the whole images gives every window's scores in ${race.convSeconds.toFixed(3)} s — ${speedup.toFixed(0)}× faster, and the same scores (largest difference ${race.maxDifference.toExponential(1)}), because neighbouring windows share their convolutions. The whole chapter took ${chapterCpu.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    figures: [
      { svg: detectionPanelsSvg([{ title: `Before NMS: every box with score ≥ ${PICTURE_THRESHOLD}`, panels: shown.map((scene, i) => ({ scene, detections: before[i]! })) }, { title: 'After per-class NMS (IoU 0.5)', panels: shown.map((scene, i) => ({ scene, detections: after[i]! })) }], SIDE), caption: 'Held-out scenes with the YOLO detections (class and score), before and after non-max suppression.', wide: true },
      { spec: anchorsSpec(shapes, anchors, cluster, SIDE), caption: 'Width and height of every training box, coloured by the anchor it is closest to (IoU); the squares are the anchors k-means found.' },
      { spec: costCurveSpec([{ name: 'YOLO loss', points: yolo.losses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'YOLO loss per epoch', xTitle: 'epoch', yTitle: 'loss', integerX: true }), caption: 'The YOLO loss (coordinates, objectness, no-object and classes), mean per epoch.' },
    ],
  };
}
