import { Generator, tensor } from '@dlkit/core';
import type { LabelledPoint, PlanarDataset } from './dataset.js';

/** Options of {@link loadCirclesDataset}. */
export interface CirclesOptions {
  /** Number of examples: `⌊m/2⌋` on the outer circle (y = 0), the rest on the inner one (default 300). */
  m?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate (default 0.1). */
  noise?: number;
  /** Radius of the inner circle relative to the outer one (default 0.5). */
  factor?: number;
  /** Seed of the private random generator (default 1). */
  seed?: number;
}

/**
 * Two concentric circles, as scikit-learn's `make_circles(n_samples, noise, factor)` (the course's
 * initialization lab, Course 2, week 1, trains on it): the outer circle of radius 1 is class 0,
 * the inner one of radius `factor` class 1; the points are shuffled, then noise is added.
 *
 * @returns `X` of shape `[m, 2]`, `Y` of shape `[m, 1]`.
 * @example const { X, Y } = loadCirclesDataset({ m: 200 }); // X: [200, 2], Y: [200, 1]
 */
export function loadCirclesDataset(options: CirclesOptions = {}): PlanarDataset {
  const m = options.m ?? 300;
  const noise = options.noise ?? 0.1;
  const factor = options.factor ?? 0.5;
  const generator = new Generator(options.seed ?? 1);
  const nOut = Math.floor(m / 2);
  const nIn = m - nOut;
  // scikit-learn's linspace(0, 2π, n, endpoint=False).
  const circle = (n: number, radius: number, label: number): LabelledPoint[] =>
    Array.from({ length: n }, (_, i) => ({ x1: radius * Math.cos((2 * Math.PI * i) / n), x2: radius * Math.sin((2 * Math.PI * i) / n), label }));
  const clean = [...circle(nOut, 1, 0), ...circle(nIn, factor, 1)];
  for (let i = clean.length - 1; i > 0; i--) {
    const j = Math.floor(generator.nextFloat() * (i + 1));
    [clean[i], clean[j]] = [clean[j]!, clean[i]!];
  }
  const points = clean.map((p) => ({ x1: p.x1 + noise * generator.nextNormal(), x2: p.x2 + noise * generator.nextNormal(), label: p.label }));
  return { X: tensor(points.map((p) => [p.x1, p.x2])), Y: tensor(points.map((p) => [p.label])), points };
}
