import { ValueError } from '@dlkit/core';
import { assertAbove, assertStep, constant, type Schedule } from './schedule.js';

/** Options of {@link linearWarmup}. */
export interface LinearWarmupOptions {
  /** Steps of the ramp. */
  warmupSteps: number;
  /** What follows the ramp: a schedule (restarted at 0 after the warmup) or a constant rate. */
  then: Schedule | number;
}

/**
 * Linear warmup: the rate climbs as `α·(t + 1)/warmupSteps` to the follow-up schedule's first
 * value α, then the follow-up runs (its own `t` restarting from 0).
 * @example linearWarmup({ warmupSteps: 4, then: cosineDecay({ lr0: 0.1, totalSteps: 96 }) })(1) // 0.05
 */
export function linearWarmup(options: LinearWarmupOptions): Schedule {
  const { warmupSteps } = options;
  if (!(Number.isInteger(warmupSteps) && warmupSteps > 0)) throw new ValueError(`linearWarmup: warmupSteps must be a positive integer, got ${String(warmupSteps)}`);
  const then = typeof options.then === 'number' ? constant(options.then) : options.then;
  if (typeof then !== 'function') throw new ValueError(`linearWarmup: then must be a schedule or a number, got ${String(options.then)}`);
  return (t) => {
    assertStep('linearWarmup', t);
    return t < warmupSteps ? (then(0) * (t + 1)) / warmupSteps : then(t - warmupSteps);
  };
}

/** Options of {@link transformerSchedule}. */
export interface TransformerScheduleOptions {
  /** The model width d_model. */
  dModel: number;
  /** Warmup steps (default 4000, as in "Attention Is All You Need"). */
  warmupSteps?: number;
  /** A constant factor in front (default 1). */
  factor?: number;
}

/**
 * The transformer's schedule, `α = factor·d_model^−½·min(s^−½, s·warmup^−³ᐟ²)` with `s = t + 1`:
 * a linear rise for `warmupSteps`, then decay ∝ 1/√step. Use it per optimizer step.
 * @example transformerSchedule({ dModel: 512 })(3999) // ≈ 7.0e-4, the peak
 */
export function transformerSchedule(options: TransformerScheduleOptions): Schedule {
  const { dModel, warmupSteps = 4000, factor = 1 } = options;
  assertAbove('transformerSchedule', 'dModel', dModel, 0);
  assertAbove('transformerSchedule', 'warmupSteps', warmupSteps, 0);
  assertAbove('transformerSchedule', 'factor', factor, 0, true);
  return (t) => {
    assertStep('transformerSchedule', t);
    const s = t + 1;
    return factor * dModel ** -0.5 * Math.min(s ** -0.5, s * warmupSteps ** -1.5);
  };
}
