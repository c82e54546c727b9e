import { noGrad, tensor, type Tensor } from '@dlkit/core';
import type { RegionCell } from './charts.js';

/** Options of {@link decisionRegions}. */
export interface DecisionRegionOptions {
  /** Grid cells per side (default 200). */
  resolution?: number;
  /** Margin added around the points' extent (default 1, as the course's plot). */
  margin?: number;
}

/**
 * Evaluates a binary classifier on a fine grid over the points' extent and returns the predicted
 * regions as rectangles. Neighbouring cells of a grid row with the same prediction are merged, so a
 * 200 × 200 grid becomes a few hundred rectangles, not 40,000.
 *
 * @param predict maps inputs `[n, 2]` to probabilities `[n, 1]` of class 1.
 * @param points the data, to size the grid.
 */
export function decisionRegions(
  predict: (X: Tensor) => Tensor,
  points: readonly { readonly x1: number; readonly x2: number }[],
  options: DecisionRegionOptions = {},
): RegionCell[] {
  const n = options.resolution ?? 200;
  const margin = options.margin ?? 1;
  const x1Min = Math.min(...points.map((p) => p.x1)) - margin;
  const x1Max = Math.max(...points.map((p) => p.x1)) + margin;
  const x2Min = Math.min(...points.map((p) => p.x2)) - margin;
  const x2Max = Math.max(...points.map((p) => p.x2)) + margin;
  const dx = (x1Max - x1Min) / n;
  const dy = (x2Max - x2Min) / n;
  const grid = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      grid[(r * n + c) * 2] = x1Min + (c + 0.5) * dx;
      grid[(r * n + c) * 2 + 1] = x2Min + (r + 0.5) * dy;
    }
  }
  const probabilities = noGrad(() => predict(tensor(grid, { shape: [n * n, 2] }))).dataSync();
  const cells: RegionCell[] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      const cls = (probabilities[r * n + c] ?? 0) > 0.5 ? 1 : 0;
      let end = c + 1;
      while (end < n && ((probabilities[r * n + end] ?? 0) > 0.5 ? 1 : 0) === cls) end++;
      cells.push({ x1: x1Min + c * dx, x1End: x1Min + end * dx, x2: x2Min + r * dy, x2End: x2Min + (r + 1) * dy, predicted: cls });
      c = end;
    }
  }
  return cells;
}
