import { ValueError } from '@dlkit/core';

/**
 * A learning-rate schedule: the learning rate at step or epoch `t`, counted from 0.
 * Schedules are pure functions, so a resumed run gets the same rates as an uninterrupted one.
 * Use one per epoch or per optimizer step (see `lrScheduler` and {@link LRScheduler}).
 * @example const schedule: Schedule = (t) => 0.1 * 0.95 ** t;
 */
export type Schedule = (t: number) => number;

/** Throws unless `t` is a non-negative integer. */
export function assertStep(where: string, t: number): void {
  if (!(Number.isInteger(t) && t >= 0)) throw new ValueError(`${where}: t must be an integer >= 0 (the epoch or step, from 0), got ${String(t)}`);
}

/** Throws unless `value` is a finite number above `min` (or at least `min` when `inclusive`). */
export function assertAbove(where: string, name: string, value: number, min: number, inclusive = false): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (inclusive ? value >= min : value > min);
  if (!ok) throw new ValueError(`${where}: ${name} must be a finite number ${inclusive ? '>=' : '>'} ${min}, got ${String(value)}`);
}

/**
 * The same learning rate at every step.
 * @example constant(1e-3)(100) // 0.001
 */
export function constant(lr: number): Schedule {
  assertAbove('constant', 'lr', lr, 0, true);
  return (t) => {
    assertStep('constant', t);
    return lr;
  };
}
