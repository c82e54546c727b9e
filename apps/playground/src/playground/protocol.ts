import type { BackendChoice } from '../shared/backend-choice.js';
import type { LabelledPoint } from '@dlkit/tour/planar-datasets';
import type { TrainConfig } from './config.js';

/** The square the dataset and the boundary grid cover: `[min, max]` on both axes. */
export interface PlotBounds {
  readonly min: number;
  readonly max: number;
}

/** Messages from the page to the training worker. */
export type ToWorker = { readonly type: 'train'; readonly config: TrainConfig; readonly backend: BackendChoice } | { readonly type: 'stop' };

/** Messages from the training worker to the page. */
export type FromWorker =
  | { readonly type: 'dataset'; readonly points: readonly LabelledPoint[]; readonly bounds: PlotBounds }
  | {
      readonly type: 'progress';
      readonly step: number;
      readonly loss: number;
      readonly accuracy: number;
      /** `P(y = 1)` on the boundary grid, row-major from the top-left corner. */
      readonly grid: Float32Array;
    }
  | { readonly type: 'done'; readonly step: number; readonly loss: number; readonly accuracy: number; readonly stopped: boolean }
  | { readonly type: 'error'; readonly message: string };
