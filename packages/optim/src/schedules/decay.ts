import { ValueError } from '@dlkit/core';
import { assertAbove, assertStep, type Schedule } from './schedule.js';

/** Options of {@link inverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** Initial learning rate α₀. */
  lr0: number;
  /** Decay rate (the course's `decay_rate`). */
  decayRate: number;
  /** Decay only every `timeInterval` epochs, in steps (the course's "fixed interval scheduling"); default 1, smooth. */
  timeInterval?: number;
}

/**
 * The course's learning-rate decay `α = α₀ / (1 + decayRate·epoch)`; with `timeInterval`, the
 * epoch is replaced by `⌊epoch / timeInterval⌋` (a staircase).
 * @example inverseTimeDecay({ lr0: 0.2, decayRate: 1 })(3) // 0.05
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): Schedule {
  const { lr0, decayRate, timeInterval = 1 } = options;
  assertAbove('inverseTimeDecay', 'lr0', lr0, 0, true);
  assertAbove('inverseTimeDecay', 'decayRate', decayRate, 0, true);
  assertAbove('inverseTimeDecay', 'timeInterval', timeInterval, 0);
  return (t) => {
    assertStep('inverseTimeDecay', t);
    const interval = timeInterval === 1 ? t : Math.floor(t / timeInterval);
    return lr0 / (1 + decayRate * interval);
  };
}

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** Initial learning rate α₀. */
  lr0: number;
  /** Factor per `decaySteps` (default 0.95, the course's example). */
  gamma?: number;
  /** Steps per factor of `gamma` (default 1). */
  decaySteps?: number;
  /** Multiply only at whole multiples of `decaySteps` (default false). */
  staircase?: boolean;
}

/**
 * Exponential decay `α = γ^(t / decaySteps)·α₀` — the course's `0.95^epoch·α₀` by default, and
 * PyTorch's `ExponentialLR` (`decaySteps` 1).
 * @example exponentialDecay({ lr0: 0.1 })(2) // 0.09025
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const { lr0, gamma = 0.95, decaySteps = 1, staircase = false } = options;
  assertAbove('exponentialDecay', 'lr0', lr0, 0, true);
  assertAbove('exponentialDecay', 'gamma', gamma, 0);
  assertAbove('exponentialDecay', 'decaySteps', decaySteps, 0);
  return (t) => {
    assertStep('exponentialDecay', t);
    const exponent = staircase ? Math.floor(t / decaySteps) : t / decaySteps;
    return lr0 * gamma ** exponent;
  };
}

/** Options of {@link inverseSqrtDecay}. */
export interface InverseSqrtDecayOptions {
  /** The constant k. */
  k: number;
  /** Initial learning rate α₀ it multiplies (default 1, so the schedule is `k/√epoch`). */
  lr0?: number;
}

/**
 * The course's `α = k/√epoch · α₀`, with epochs numbered from 1 as in the course
 * (so `t = 0`, the first epoch, gives `k·α₀`).
 * @example inverseSqrtDecay({ k: 0.1 })(3) // 0.05 (epoch 4)
 */
export function inverseSqrtDecay(options: InverseSqrtDecayOptions): Schedule {
  const { k, lr0 = 1 } = options;
  assertAbove('inverseSqrtDecay', 'k', k, 0, true);
  assertAbove('inverseSqrtDecay', 'lr0', lr0, 0, true);
  return (t) => {
    assertStep('inverseSqrtDecay', t);
    return (k * lr0) / Math.sqrt(t + 1);
  };
}

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** Initial learning rate α₀. */
  lr0: number;
  /** Steps between drops. */
  stepSize: number;
  /** Factor of each drop (default 0.1). */
  gamma?: number;
}

/**
 * A staircase: `α = α₀·γ^⌊t / stepSize⌋` (PyTorch's `StepLR`).
 * @example stepDecay({ lr0: 0.1, stepSize: 30 })(65) // 0.001
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  const { lr0, stepSize, gamma = 0.1 } = options;
  assertAbove('stepDecay', 'lr0', lr0, 0, true);
  if (!(Number.isInteger(stepSize) && stepSize > 0)) throw new ValueError(`stepDecay: stepSize must be a positive integer, got ${String(stepSize)}`);
  assertAbove('stepDecay', 'gamma', gamma, 0);
  return (t) => {
    assertStep('stepDecay', t);
    return lr0 * gamma ** Math.floor(t / stepSize);
  };
}

/** Options of {@link piecewiseConstant}. */
export interface PiecewiseConstantOptions {
  /** Increasing steps where the rate changes. */
  boundaries: readonly number[];
  /** One more value than boundaries: `values[i]` holds until `boundaries[i]` (exclusive). */
  values: readonly number[];
}

/**
 * The course's "discrete staircase" set by hand: `values[0]` before `boundaries[0]`,
 * `values[1]` from there until `boundaries[1]`, and so on.
 * @example piecewiseConstant({ boundaries: [10, 20], values: [0.1, 0.01, 0.001] })(15) // 0.01
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Schedule {
  const { boundaries, values } = options;
  if (values.length !== boundaries.length + 1) {
    throw new ValueError(`piecewiseConstant: expected ${boundaries.length + 1} values for ${boundaries.length} boundaries, got ${values.length}`);
  }
  boundaries.forEach((b, i) => {
    if (!Number.isFinite(b) || (i > 0 && b <= boundaries[i - 1]!)) throw new ValueError(`piecewiseConstant: boundaries must increase, got [${boundaries.join(', ')}]`);
  });
  values.forEach((v) => assertAbove('piecewiseConstant', 'each value', v, 0, true));
  return (t) => {
    assertStep('piecewiseConstant', t);
    let i = 0;
    while (i < boundaries.length && t >= boundaries[i]!) i++;
    return values[i]!;
  };
}
