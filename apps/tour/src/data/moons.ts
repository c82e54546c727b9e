import { Generator, tensor } from '@dlkit/core';
import type { LabelledPoint, PlanarDataset } from './dataset.js';

/** Options of {@link loadMoonsDataset}. */
export interface MoonsOptions {
  /** Number of examples: `⌊m/2⌋` on the upper moon (y = 0), the rest on the lower one (default 300). */
  m?: number;
  /** Standard deviation of the Gaussian noise added to every coordinate (default 0.2). */
  noise?: number;
  /** Seed of the private random generator (default 3, as the course's `np.random.seed(3)`). */
  seed?: number;
}

/**
 * The course's "moons" dataset (Course 2, week 2, `load_dataset`, which calls scikit-learn's
 * `make_moons(n_samples=300, noise=.2)`): two interleaving half circles.
 *
 * As scikit-learn does: the upper moon `(cos t, sin t)` for `t = linspace(0, π, ⌊m/2⌋)` is class 0,
 * the lower moon `(1 − cos t, 1 − sin t − 0.5)` for `t = linspace(0, π, ⌈m/2⌉)` is class 1; the
 * examples are shuffled, then `noise · randn` is added to each coordinate.
 *
 * Seeded with dlkit's generator, so it is the same on every run and backend (the exact points
 * differ from NumPy's, the shape of the moons does not).
 *
 * @returns `X` of shape `[m, 2]`, `Y` of shape `[m, 1]`.
 * @example const { X, Y } = loadMoonsDataset(); // X: [300, 2], Y: [300, 1]
 */
export function loadMoonsDataset(options: MoonsOptions = {}): PlanarDataset {
  const m = options.m ?? 300;
  const noise = options.noise ?? 0.2;
  const generator = new Generator(options.seed ?? 3);
  const nOut = Math.floor(m / 2);
  const nIn = m - nOut;
  const angle = (i: number, n: number): number => (n > 1 ? (Math.PI * i) / (n - 1) : 0);
  const clean: LabelledPoint[] = [
    ...Array.from({ length: nOut }, (_, i) => ({ x1: Math.cos(angle(i, nOut)), x2: Math.sin(angle(i, nOut)), label: 0 })),
    ...Array.from({ length: nIn }, (_, i) => ({ x1: 1 - Math.cos(angle(i, nIn)), x2: 1 - Math.sin(angle(i, nIn)) - 0.5, label: 1 })),
  ];
  // Fisher–Yates shuffle, then the noise (scikit-learn's order).
  for (let i = clean.length - 1; i > 0; i--) {
    const j = Math.floor(generator.nextFloat() * (i + 1));
    [clean[i], clean[j]] = [clean[j]!, clean[i]!];
  }
  const points = clean.map((p) => ({ x1: p.x1 + noise * generator.nextNormal(), x2: p.x2 + noise * generator.nextNormal(), label: p.label }));
  return {
    X: tensor(points.map((p) => [p.x1, p.x2])),
    Y: tensor(points.map((p) => [p.label])),
    points,
  };
}
