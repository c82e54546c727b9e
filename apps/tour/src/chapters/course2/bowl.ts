import { tensor, type Tensor } from '@dlkit/core';
import type { Optimizer } from '@dlkit/optim';

/** Curvatures of the elongated bowl `f(x, y) = a·x² + b·y²` (condition number b/a = 100). */
export const BOWL = { a: 0.01, b: 1 } as const;

/** The elongated quadratic bowl `f(w) = 0.01·w₁² + w₂²` of a `[2]` tensor. */
export function bowl(w: Tensor): Tensor {
  return w.square().mul(tensor([BOWL.a, BOWL.b], { dtype: 'float64' })).sum();
}

/** `f(x, y)` for plain numbers. */
export function bowlValue(x: number, y: number): number {
  return BOWL.a * x * x + BOWL.b * y * y;
}

/** One point of an optimizer's path on the bowl. */
export interface PathPoint {
  readonly step: number;
  readonly x: number;
  readonly y: number;
  /** `f(x, y)` at this point. */
  readonly f: number;
}

/**
 * Runs `steps` updates of an optimizer on the bowl from `start` and returns every point visited
 * (the start first). `make` builds the optimizer over the one parameter `w = [x, y]` (float64).
 * @example bowlPath((p) => new Adam(p, { lr: 0.5 }), 60)
 */
export function bowlPath(make: (params: Tensor[]) => Optimizer, steps: number, start: readonly [number, number] = [-10, 1]): PathPoint[] {
  const w = tensor([...start], { dtype: 'float64', requiresGrad: true });
  const optimizer = make([w]);
  const path: PathPoint[] = [{ step: 0, x: start[0], y: start[1], f: bowlValue(start[0], start[1]) }];
  for (let step = 1; step <= steps; step++) {
    optimizer.zeroGrad();
    bowl(w).backward();
    optimizer.step();
    const [x = NaN, y = NaN] = w.dataSync();
    path.push({ step, x, y, f: bowlValue(x, y) });
  }
  return path;
}

/**
 * Level sets `f(x, y) = c` of the bowl for each `c` of `levels`, as closed polylines of `points`
 * vertices: the ellipses `x = √(c/a)·cos t`, `y = √(c/b)·sin t`.
 */
export function bowlContours(levels: readonly number[], points = 120): { level: number; order: number; x: number; y: number }[] {
  return levels.flatMap((level) =>
    Array.from({ length: points + 1 }, (_, order) => {
      const t = (2 * Math.PI * order) / points;
      return { level, order, x: Math.sqrt(level / BOWL.a) * Math.cos(t), y: Math.sqrt(level / BOWL.b) * Math.sin(t) };
    }),
  );
}
