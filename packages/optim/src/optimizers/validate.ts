import { ValueError } from '@dlkit/core';

/** Throws unless `value` is a finite number `>= 0` (or `> 0` when `positive`). */
export function assertNonNegative(where: string, name: string, value: number, positive = false): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (positive ? value > 0 : value >= 0);
  if (!ok) throw new ValueError(`${where}: ${name} must be a finite number ${positive ? '> 0' : '>= 0'}, got ${String(value)}`);
}

/** Throws unless `value` is in `[0, 1)`, the range of decay rates such as momentum and betas. */
export function assertDecayRate(where: string, name: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && value < 1)) {
    throw new ValueError(`${where}: ${name} must be in [0, 1), got ${String(value)}`);
  }
}
