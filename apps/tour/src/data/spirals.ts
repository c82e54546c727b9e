import { Generator, tensor } from '@dlkit/core';
import type { LabelledPoint, PlanarDataset } from './dataset.js';

/** Options of {@link loadSpiralsDataset}. */
export interface SpiralsOptions {
  /** Number of examples, split evenly between the two arms (default 400). */
  m?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate (default 0.1). */
  noise?: number;
  /** Seed of the private random generator (default 1). */
  seed?: number;
}

/**
 * Two interleaved spiral arms, TensorFlow Playground's hardest dataset: arm `j` at `t ∈ [0, 1)`
 * is `r·(sin θ, cos θ)` with `r = 5t` and `θ = 1.75·2π·t + jπ`, class `j`, plus Gaussian noise.
 * A network needs several hidden layers (or hand-made features) to separate them.
 *
 * @returns `X` of shape `[m, 2]`, `Y` of shape `[m, 1]`.
 * @example const { X, Y } = loadSpiralsDataset({ m: 200 }); // X: [200, 2], Y: [200, 1]
 */
export function loadSpiralsDataset(options: SpiralsOptions = {}): PlanarDataset {
  const m = options.m ?? 400;
  const noise = options.noise ?? 0.1;
  const generator = new Generator(options.seed ?? 1);
  const n = Math.floor(m / 2);
  const points: LabelledPoint[] = [];
  for (let j = 0; j < 2; j++) {
    for (let i = 0; i < n; i++) {
      const t = i / n;
      const r = 5 * t;
      const theta = 1.75 * 2 * Math.PI * t + j * Math.PI;
      points.push({ x1: r * Math.sin(theta) + noise * generator.nextNormal(), x2: r * Math.cos(theta) + noise * generator.nextNormal(), label: j });
    }
  }
  return { X: tensor(points.map((p) => [p.x1, p.x2])), Y: tensor(points.map((p) => [p.label])), points };
}
