import type { BackendChoice } from '../shared/backend-choice.js';
import type { Detection } from '@dlkit/detection';
import type { ShapeScene } from '@dlkit/tour/shape-scenes';
import type { YoloPageConfig } from './config.js';

/** Messages from the YOLO page to its training worker. */
export type YoloToWorker = { readonly type: 'train'; readonly config: YoloPageConfig; readonly backend: BackendChoice } | { readonly type: 'stop' };

/** Messages from the training worker to the YOLO page. */
export type YoloFromWorker =
  /** A run began: the held-out scenes it will draw detections on (ground truth included) and the anchors, as fractions. */
  | { readonly type: 'started'; readonly shown: readonly ShapeScene[]; readonly anchors: readonly (readonly [number, number])[] }
  /** Every `reportEvery` steps (and once at step 0, without a loss): mAP@0.5 and the shown scenes' detections. */
  | { readonly type: 'progress'; readonly step: number; readonly loss: number; readonly map: number; readonly detections: readonly (readonly Detection[])[] }
  | { readonly type: 'done'; readonly step: number; readonly loss: number; readonly map: number; readonly stopped: boolean }
  | { readonly type: 'error'; readonly message: string };
