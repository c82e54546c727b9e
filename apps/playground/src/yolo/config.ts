/** Everything that defines one training run of the YOLO page; the same config gives the same run. */
export interface YoloPageConfig {
  /** Generated training scenes (the tour's `shapeScenes`, seed 1). */
  readonly trainScenes: number;
  /** Held-out scenes (seed 2) the mAP@0.5 is measured on; the first `shown` of them are drawn. */
  readonly heldOutScenes: number;
  /** Held-out scenes drawn with their boxes at each report. */
  readonly shown: number;
  /** Scenes per mini-batch. */
  readonly batchSize: number;
  /** Adam's initial step size α (cosine-annealed to α/20 over the run, as the tour's chapter does). */
  readonly learningRate: number;
  /** Mini-batch steps to run. */
  readonly steps: number;
  /** Steps between two reports (loss point, mAP and redrawn boxes). */
  readonly reportEvery: number;
  /** Seeds the initial weights and the batch order. */
  readonly seed: number;
  /** Channels of the three conv stages of the tour's `tinyYolo`. */
  readonly channels: readonly [number, number, number];
}

/** The YOLO page's starting point: the tour's Course 4 week 3 network, shortened for a browser. */
export const DEFAULT_YOLO_CONFIG: YoloPageConfig = {
  trainScenes: 1000,
  heldOutScenes: 100,
  shown: 4,
  batchSize: 32,
  learningRate: 0.01,
  steps: 300,
  reportEvery: 20,
  seed: 1,
  channels: [8, 16, 32],
};

/** The scene side in pixels and the grid of the tour's chapter: 32 × 32 images, 4 × 4 cells, 3 anchors. */
export const YOLO_SCENE = { side: 32, gridSize: 4, anchors: 3 } as const;

/** The page draws detections scoring at least this by default (the mAP counts every one above 0.05). */
export const DEFAULT_SCORE_THRESHOLD = 0.2;
