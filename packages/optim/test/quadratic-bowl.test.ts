/**
 * The course's picture of why momentum, RMSprop and Adam help: an elongated quadratic bowl
 * f(x, y) = 0.01·x² + y² (condition number 100). Plain gradient descent must keep α small
 * enough for the steep y direction, so it crawls along x; even with the best α from a grid it
 * needs hundreds of steps. Each optimizer runs from (−10, 1) until f < 1e-4.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dlkit/core';
import { Adam, Momentum, RMSprop, SGD, type Optimizer } from '@dlkit/optim';

const TOLERANCE = 1e-4;
const MAX_STEPS = 3000;
const bowl = (w: Tensor): Tensor => w.square().mul(tensor([0.01, 1], { dtype: 'float64' })).sum();

/** Steps until f(w) < TOLERANCE (or Infinity within MAX_STEPS). */
function stepsToMinimum(make: (params: Tensor[]) => Optimizer): number {
  const w = tensor([-10, 1], { dtype: 'float64', requiresGrad: true });
  const optimizer = make([w]);
  for (let step = 1; step <= MAX_STEPS; step++) {
    optimizer.zeroGrad();
    bowl(w).backward();
    optimizer.step();
    if (bowl(w).item() < TOLERANCE) return step;
  }
  return Infinity;
}

const counts: Record<string, number> = {};

describe('on an elongated quadratic bowl', () => {
  const gdRates = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
  const gdCounts = gdRates.map((lr) => stepsToMinimum((p) => new SGD(p, { lr })));
  const bestGd = Math.min(...gdCounts);
  counts[`gradient descent (best α of ${gdRates.length}: ${gdRates[gdCounts.indexOf(bestGd)]})`] = bestGd;

  it('plain gradient descent needs hundreds of steps even with its best learning rate', () => {
    expect(bestGd).toBeGreaterThan(200);
    expect(bestGd).toBeLessThan(MAX_STEPS);
  });

  it('gradient descent takes exactly 233 steps at α 0.98 (float64, deterministic)', () => {
    expect(bestGd).toBe(233);
  });

  // [name, optimizer, the exact step count it takes (deterministic in float64)]
  const contenders: [string, (p: Tensor[]) => Optimizer, number][] = [
    ['momentum (course form, β 0.9, α 5)', (p) => new Momentum(p, { lr: 5, beta: 0.9 }), 86],
    ['momentum (PyTorch form, β 0.8, α 0.9)', (p) => new Momentum(p, { lr: 0.9, beta: 0.8, form: 'pytorch' }), 47],
    ['Nesterov momentum (β 0.9, α 0.3)', (p) => new SGD(p, { lr: 0.3, momentum: 0.9, nesterov: true }), 39],
    ['RMSprop (α 0.3, β 0.99)', (p) => new RMSprop(p, { lr: 0.3, alpha: 0.99 }), 19],
    ['Adam (α 0.5)', (p) => new Adam(p, { lr: 0.5 }), 54],
  ];
  for (const [name, make, expected] of contenders) {
    it(`${name} reaches the minimum in under half the steps of the best gradient descent`, () => {
      const steps = stepsToMinimum(make);
      counts[name] = steps;
      expect(steps).toBeLessThan(bestGd / 2);
      expect(steps).toBe(expected);
    });
  }
});

afterAll(() => {
  console.log(`steps to f < ${TOLERANCE} on 0.01·x² + y²: ${Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
});
