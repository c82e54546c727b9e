import { manualSeed, type Tensor } from '@dlkit/core';
import { encodeTargets, kmeansAnchors, yoloLoss, YOLO_V1_LOSS, type Anchor, type Detection, type YoloConfig } from '@dlkit/detection';
import { Adam, cosineDecay, LRScheduler, permutation } from '@dlkit/optim';
import { sceneImages, shapeScenes, SHAPE_CLASSES, type ShapeScene } from '@dlkit/tour/shape-scenes';
import { detect, sceneMap, tinyYolo } from '@dlkit/tour/shape-yolo';
import { YOLO_SCENE, type YoloPageConfig } from './config.js';

/** One report of a run: the mean YOLO loss of the mini-batches since the last report. */
export interface YoloProgress {
  readonly step: number;
  readonly loss: number;
}

/** The model's view of the held-out scenes at one point of training. */
export interface YoloEvaluation {
  /** mAP@0.5 (VOC all-point, per-class NMS at IoU 0.5) over every held-out scene. */
  readonly map: number;
  /** Per shown scene, its detections after NMS scoring at least 0.05, best first (boxes as fractions). */
  readonly detections: readonly (readonly Detection[])[];
}

/** The tour's small YOLO being trained on shape scenes (no DOM: it runs in a worker or in Node). */
export interface YoloTrainer {
  /** The grid, the k-means anchors and the classes of the model's output. */
  readonly yolo: YoloConfig;
  /** The held-out scenes that {@link YoloTrainer.evaluate} draws detections for. */
  readonly shown: readonly ShapeScene[];
  /** Runs `n` mini-batch steps (never past `config.steps`). */
  train(n: number): YoloProgress;
  /** Detects on the held-out scenes: their mAP@0.5 and the shown scenes' boxes. */
  evaluate(): YoloEvaluation;
}

/**
 * Builds the tour's Course 4 week 3 YOLO (`tinyYolo`: 3 conv + pool stages, a 4 × 4 grid, 3 anchors
 * from k-means on the training boxes, YOLOv1's loss weights) and returns a {@link YoloTrainer}
 * whose loop is the chapter's `trainShapeYolo` cut into calls: Adam cosine-annealed from α to α/20
 * over `config.steps`, the scenes reshuffled every epoch. The weights and batch order follow
 * `config.seed`; the scenes are the chapter's (training seed 1, held-out seed 2).
 * @example const trainer = createYoloTrainer(DEFAULT_YOLO_CONFIG); trainer.train(20); trainer.evaluate().map;
 */
export function createYoloTrainer(config: YoloPageConfig): YoloTrainer {
  const { side, gridSize } = YOLO_SCENE;
  const train = shapeScenes(config.trainScenes, 1);
  const heldOut = shapeScenes(config.heldOutScenes, 2);
  const shown = heldOut.slice(0, config.shown);
  const shapes: Anchor[] = train.flatMap((s) => s.objects.map(({ box }) => [box[2] - box[0], box[3] - box[1]] as const));
  const { anchors } = kmeansAnchors(shapes, YOLO_SCENE.anchors, { seed: 0 });
  const yolo: YoloConfig = { gridSize, anchors, numClasses: SHAPE_CLASSES.length };
  manualSeed(config.seed);
  const model = tinyYolo({ side, gridSize, anchors: anchors.length, epochs: 1, batchSize: config.batchSize, learningRate: config.learningRate, channels: config.channels }, yolo);
  const optimizer = new Adam(model.parameters(), { lr: config.learningRate });
  const scheduler = new LRScheduler(optimizer, cosineDecay({ lr0: config.learningRate, totalSteps: Math.max(1, config.steps), minLr: config.learningRate / 20 }));
  let order: number[] = [];
  let next = 0;
  let epoch = 0;
  let step = 0;

  const batch = (): { images: Tensor; scenes: ShapeScene[] } => {
    if (next + config.batchSize > order.length) {
      order = permutation(train.length, config.seed * 1000 + epoch++);
      next = 0;
    }
    const scenes = order.slice(next, next + config.batchSize).map((k) => train[k]!);
    next += config.batchSize;
    return { images: sceneImages(scenes, side), scenes };
  };

  return {
    yolo,
    shown,
    train(n) {
      let total = 0;
      let count = 0;
      for (let i = 0; i < n && step < config.steps; i++) {
        const { images, scenes } = batch();
        const cost = yoloLoss(model.forward(images), encodeTargets(scenes.map((s) => s.objects), yolo), yolo, YOLO_V1_LOSS).total;
        optimizer.zeroGrad();
        cost.backward();
        optimizer.step();
        scheduler.step();
        total += cost.item();
        count++;
        step++;
      }
      return { step, loss: count > 0 ? total / count : Number.NaN };
    },
    evaluate() {
      return {
        map: sceneMap(model, heldOut, yolo, side),
        detections: detect(model, shown, yolo, side),
      };
    },
  };
}
