import { Generator, tensor } from '@dlkit/core';
import type { LabelledPoint, PlanarDataset } from './dataset.js';

/** Options of {@link loadPlanarDataset}. */
export interface PlanarDatasetOptions {
  /** Number of examples, split evenly between the two classes (default 400). */
  m?: number;
  /** Maximum ray of the petals (default 4). */
  petals?: number;
  /** Seed of the private random generator (default 1, as the course's `np.random.seed(1)`). */
  seed?: number;
}

/**
 * The course's planar "flower" dataset (Course 1, week 3, `load_planar_dataset`): two classes of
 * `m / 2` points each, laid out as petals of a flower that no straight line can separate.
 *
 * For class `j` (0 red, 1 blue), with `N = m / 2` and `a = 4`:
 * `t = linspace(j·3.12, (j+1)·3.12, N) + randn(N)·0.2`, `r = a·sin(4t) + randn(N)·0.2`,
 * `X = [r·sin t, r·cos t]`, `Y = j`.
 *
 * Seeded with dlkit's generator, so it is the same on every run and backend (the exact points
 * differ from NumPy's, the shape of the flower does not).
 *
 * @returns `X` of shape `[m, 2]`, `Y` of shape `[m, 1]`.
 * @example const { X, Y } = loadPlanarDataset(); // X: [400, 2], Y: [400, 1]
 */
export function loadPlanarDataset(options: PlanarDatasetOptions = {}): PlanarDataset {
  const m = options.m ?? 400;
  const a = options.petals ?? 4;
  const generator = new Generator(options.seed ?? 1);
  const N = Math.floor(m / 2);
  const points: LabelledPoint[] = [];
  for (let j = 0; j < 2; j++) {
    const start = j * 3.12;
    const stop = (j + 1) * 3.12;
    // Draw all t noise first, then all r noise, as NumPy's vectorised code does.
    const t = Array.from({ length: N }, (_, i) => start + ((stop - start) * i) / Math.max(1, N - 1) + generator.nextNormal() * 0.2);
    const r = t.map((ti) => a * Math.sin(4 * ti) + generator.nextNormal() * 0.2);
    for (let i = 0; i < N; i++) {
      const ti = t[i]!;
      const ri = r[i]!;
      points.push({ x1: ri * Math.sin(ti), x2: ri * Math.cos(ti), label: j });
    }
  }
  const X = tensor(points.map((p) => [p.x1, p.x2]));
  const Y = tensor(points.map((p) => [p.label]));
  return { X, Y, points };
}
