import { ValueError } from '@dlkit/core';

/** @internal Throws a ValueError unless `value` is an integer ≥ `min`. */
export function checkInteger(fn: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ValueError(`${fn}: ${name} must be an integer >= ${min}, got ${String(value)}`);
}

/** @internal Throws a ValueError unless `value` is a finite number in [min, max]. */
export function checkRange(fn: string, name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValueError(`${fn}: ${name} must be a number in [${min}, ${max}], got ${String(value)}`);
  }
}
