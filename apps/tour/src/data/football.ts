import { Generator, tensor } from '@dlkit/core';
import type { LabelledPoint, PlanarDataset } from './dataset.js';

/** Options of {@link loadFootballDataset}. */
export interface FootballOptions {
  /** Training examples (default 211, as the course's `train_X`). */
  trainSize?: number;
  /** Dev examples (default 200, as the course's `test_X`). */
  devSize?: number;
  /** Fraction of labels flipped at random, in both sets (default 0.06). */
  flip?: number;
  /** Width of the fuzzy band around the true boundary (standard deviation, default 0.05). */
  fuzz?: number;
  /** Seed of the private random generator (default 1). */
  seed?: number;
}

/** A train set and a dev set drawn from the same distribution. */
export interface TrainDevPlanar {
  readonly train: PlanarDataset;
  readonly dev: PlanarDataset;
}

/** Where the true boundary between the two teams' headers lies: `x₁ = boundary(x₂)`. */
export function footballBoundary(x2: number): number {
  return -0.12 + 0.14 * Math.sin(4.5 * x2 + 0.6) + 0.12 * x2;
}

/**
 * A stand-in for the course's regularization data (Course 2, week 1, `load_2D_dataset`): where on
 * a football field the French goalkeeper's kicks were headed by a French player (blue, y = 1) or an
 * opponent (red, y = 0). The course ships the points as `data.mat`; this generator draws a field
 * of the same size and difficulty, seeded:
 *
 * - positions uniform on `x₁ ∈ [−0.75, 0.45]`, `x₂ ∈ [−0.75, 0.65]` (the course's plot);
 * - blue left of a wavy boundary `x₁ = −0.12 + 0.14·sin(4.5·x₂ + 0.6) + 0.12·x₂`, red right of it,
 *   the boundary blurred by `fuzz · randn` per point;
 * - a fraction `flip` of the labels swapped (headers that went the other way) — the noise an
 *   unregularized network learns by heart.
 *
 * Train and dev sets come from the same distribution (211 and 200 points by default).
 * @example const { train, dev } = loadFootballDataset(); // train.X: [211, 2], dev.X: [200, 2]
 */
export function loadFootballDataset(options: FootballOptions = {}): TrainDevPlanar {
  const generator = new Generator(options.seed ?? 1);
  const flip = options.flip ?? 0.06;
  const fuzz = options.fuzz ?? 0.05;
  const draw = (m: number): PlanarDataset => {
    const points: LabelledPoint[] = [];
    for (let i = 0; i < m; i++) {
      const x1 = -0.75 + 1.2 * generator.nextFloat();
      const x2 = -0.75 + 1.4 * generator.nextFloat();
      const blue = x1 + fuzz * generator.nextNormal() < footballBoundary(x2);
      const flipped = generator.nextFloat() < flip;
      points.push({ x1, x2, label: blue !== flipped ? 1 : 0 });
    }
    return { X: tensor(points.map((p) => [p.x1, p.x2])), Y: tensor(points.map((p) => [p.label])), points };
  };
  const train = draw(options.trainSize ?? 211);
  const dev = draw(options.devSize ?? 200);
  return { train, dev };
}
