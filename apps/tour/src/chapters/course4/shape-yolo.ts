import { nn, noGrad, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import {
  encodeTargets, kmeansAnchors, meanAveragePrecision, yoloEval, yoloLoss, YOLO_V1_LOSS,
  type Anchor, type Detection, type GroundTruth, type YoloConfig, type YoloLossWeights, type YoloTargets,
} from '@dlkit/detection';
import { Adam, cosineDecay, fit, lrScheduler, progressBar, type BatchSource, type Callback } from '@dlkit/optim';
import { sceneImages, SHAPE_CLASSES, type ShapeScene } from './shape-scenes.js';

/** A batch of scenes: images `[m, side, side, 3]` and their YOLO targets. */
export interface SceneBatch {
  readonly images: Tensor;
  readonly targets: YoloTargets;
}

/** Sizes of the YOLO run (the chapter's defaults, smaller in the tests). */
export interface ShapeYoloOptions {
  readonly side: number;
  readonly gridSize: number;
  readonly anchors: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Channels of the three conv stages. */
  readonly channels: readonly [number, number, number];
  readonly progress?: boolean;
  /** The YOLO loss's weights (default YOLOv1's). */
  readonly loss?: YoloLossWeights;
}

/**
 * A small YOLO: three 3 × 3 conv + ReLU + 2 × 2 max-pool stages (side / 8 = S cells per side),
 * then a 3 × 3 conv and the 1 × 1 conv head with `B·(5 + K)` channels.
 */
export function tinyYolo(options: ShapeYoloOptions, config: YoloConfig): nn.Sequential {
  const [c1, c2, c3] = options.channels;
  const out = config.anchors.length * (5 + config.numClasses);
  return new nn.Sequential(
    new Conv2d(3, c1, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2),
    new Conv2d(c1, c2, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2),
    new Conv2d(c2, c3, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2),
    new Conv2d(c3, c3, 3, { padding: 'same' }), new nn.ReLU(),
    new Conv2d(c3, out, 1),
  );
}

/** The ground truths of scenes in meanAveragePrecision's form. */
export function groundTruthsOf(scenes: readonly ShapeScene[]): GroundTruth[] {
  return scenes.flatMap((s, image) => s.objects.map((o) => ({ image, label: o.label, box: o.box })));
}

/**
 * Detections of scenes: score threshold 0.05 so the precision–recall curve is complete, NMS at
 * `iouThreshold` per class (default) or across classes (the lab's `yolo_non_max_suppression`).
 */
export function detect(model: nn.Sequential, scenes: readonly ShapeScene[], config: YoloConfig, side: number, iouThreshold = 0.5, perClass = true): Detection[][] {
  return noGrad(() => {
    const out: Detection[][] = [];
    for (let i = 0; i < scenes.length; i += 100) {
      const chunk = scenes.slice(i, i + 100);
      const found = yoloEval(model.forward(sceneImages(chunk, side)), config, { scoreThreshold: 0.05, iouThreshold, maxDetections: 100, perClass });
      out.push(...found.map((list) => list.map((d) => ({ ...d, image: Number(d.image) + i }))));
    }
    return out;
  });
}

/** mAP@0.5 (VOC all-point) of the model on scenes. */
export function sceneMap(model: nn.Sequential, scenes: readonly ShapeScene[], config: YoloConfig, side: number, perClass = true): number {
  return meanAveragePrecision({ detections: detect(model, scenes, config, side, 0.5, perClass).flat(), groundTruths: groundTruthsOf(scenes) }, { iouThreshold: 0.5 }).map;
}

/** What {@link trainShapeYolo} returns. */
export interface ShapeYoloResult {
  readonly model: nn.Sequential;
  readonly config: YoloConfig;
  readonly anchorIou: number;
  readonly losses: number[];
}

/**
 * Trains the small YOLO on scenes: anchors by k-means (1 − IoU) on the training boxes, YOLOv2's
 * YOLOv1's loss weights (by default), Adam with cosine annealing through optim's `fit` with a custom step.
 */
export function trainShapeYolo(train: readonly ShapeScene[], options: ShapeYoloOptions, callbacks: Callback[] = []): ShapeYoloResult {
  const shapes: Anchor[] = train.flatMap((s) => s.objects.map(({ box }) => [box[2] - box[0], box[3] - box[1]] as const));
  const { anchors, meanIou } = kmeansAnchors(shapes, options.anchors, { seed: 0 });
  const config: YoloConfig = { gridSize: options.gridSize, anchors, numClasses: SHAPE_CLASSES.length };
  const model = tinyYolo(options, config);
  const data: BatchSource<SceneBatch> = {
    length: train.length,
    batch: (indices) => {
      const scenes = indices.map((i) => train[i]!);
      return { images: sceneImages(scenes, options.side), targets: encodeTargets(scenes.map((s) => s.objects), config) };
    },
  };
  const result = fit(model, {
    step: (m, batch) => yoloLoss(m.forward(batch.images), batch.targets, config, options.loss ?? YOLO_V1_LOSS).total,
    data,
    optimizer: new Adam(model.parameters(), { lr: options.learningRate }),
    epochs: options.epochs,
    batchSize: options.batchSize,
    seed: 5,
    callbacks: [
      // Cosine annealing to 5 % of α over the run: the last epochs settle the boxes.
      lrScheduler(cosineDecay({ lr0: options.learningRate, totalSteps: options.epochs * Math.ceil(train.length / options.batchSize), minLr: options.learningRate / 20 }), { per: 'step' }),
      ...callbacks,
      ...(options.progress === false ? [] : [progressBar({ label: 'YOLO on shape scenes' })]),
    ],
  });
  return { model, config, anchorIou: meanIou, losses: result.history['loss']! };
}
