import { ValueError } from '@dlkit/core';
import { assertAbove, assertStep, type Schedule } from './schedule.js';

/** Options of {@link cosineDecay}. */
export interface CosineDecayOptions {
  /** Initial learning rate α₀. */
  lr0: number;
  /** Steps from α₀ down to `minLr` (PyTorch's `T_max`); the rate stays at `minLr` afterwards. */
  totalSteps: number;
  /** Final learning rate (PyTorch's `eta_min`, default 0). */
  minLr?: number;
}

/**
 * Cosine annealing `α = minLr + (α₀ − minLr)·(1 + cos(π·t/T))/2` for `t ≤ T`, then `minLr`
 * (PyTorch's `CosineAnnealingLR` within its first period).
 * @example cosineDecay({ lr0: 0.1, totalSteps: 100 })(50) // 0.05
 */
export function cosineDecay(options: CosineDecayOptions): Schedule {
  const { lr0, totalSteps, minLr = 0 } = options;
  assertAbove('cosineDecay', 'lr0', lr0, 0, true);
  if (!(Number.isInteger(totalSteps) && totalSteps > 0)) throw new ValueError(`cosineDecay: totalSteps must be a positive integer, got ${String(totalSteps)}`);
  assertAbove('cosineDecay', 'minLr', minLr, 0, true);
  return (t) => {
    assertStep('cosineDecay', t);
    const progress = Math.min(t, totalSteps) / totalSteps;
    return minLr + ((lr0 - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}
