import type { Tensor } from '@dlkit/core';

/**
 * A labelled 2-D point set, batch first: `X` is `[m, 2]` and `Y` is `[m, 1]` with 0/1 labels
 * (the course's `X` of shape `(2, m)` and `Y` of shape `(1, m)`, transposed).
 */
export interface PlanarDataset {
  /** Inputs, `[m, 2]` float32. */
  readonly X: Tensor;
  /** Labels, `[m, 1]` float32 with values 0 or 1. */
  readonly Y: Tensor;
  /** The same points as plain objects, for plotting. */
  readonly points: readonly LabelledPoint[];
}

/** One point of a {@link PlanarDataset}. */
export interface LabelledPoint {
  readonly x1: number;
  readonly x2: number;
  readonly label: number;
}
