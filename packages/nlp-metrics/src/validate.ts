import { describeValue } from './describe-value.js';
import { MetricInputError } from './errors.js';

// Every public function checks its input at run time as well: callers from JavaScript get no help
// from the types, and a metric must fail loudly rather than return NaN.

/** Asserts that `value` is a string. */
export function expectString(fn: string, label: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new MetricInputError(fn, `${label} must be a string, got ${describeValue(value)}`);
}

/** Asserts that `value` is an array of strings, non-empty when `nonEmpty` is set. */
export function expectStringArray(
  fn: string,
  label: string,
  value: unknown,
  nonEmpty: boolean,
): asserts value is readonly string[] {
  if (!Array.isArray(value)) throw new MetricInputError(fn, `${label} must be an array of strings, got ${describeValue(value)}`);
  if (nonEmpty && value.length === 0) throw new MetricInputError(fn, `${label} must hold at least one string, got an empty array`);
  value.forEach((item: unknown, index) => expectString(fn, `${label}[${index}]`, item));
}

/**
 * Asserts that `value` holds one non-empty array of strings per hypothesis: the references of
 * hypothesis `i` are `value[i]`.
 */
export function expectReferenceSets(
  fn: string,
  label: string,
  value: unknown,
  hypothesisCount: number,
): asserts value is readonly (readonly string[])[] {
  if (!Array.isArray(value)) throw new MetricInputError(fn, `${label} must be an array of reference arrays, got ${describeValue(value)}`);
  expectSameLength(fn, hypothesisCount, value.length, label);
  value.forEach((references: unknown, index) => expectStringArray(fn, `${label}[${index}]`, references, true));
}

/** Asserts that a corpus has as many references (or reference sets) as hypotheses. */
export function expectSameLength(fn: string, hypothesisCount: number, referenceCount: number, label = 'references'): void {
  if (hypothesisCount !== referenceCount) {
    throw new MetricInputError(
      fn,
      `expected one entry of ${label} per hypothesis (${hypothesisCount}), got ${referenceCount}`,
    );
  }
}

/** Asserts that `value` is one of `allowed`. */
export function expectOneOf<T extends string | number | boolean>(
  fn: string,
  label: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new MetricInputError(fn, `${label} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describeValue(value)}`);
  }
}

/** Asserts that `value` is an integer of at least `min`. */
export function expectInteger(fn: string, label: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MetricInputError(fn, `${label} must be an integer >= ${min}, got ${describeValue(value)}`);
  }
}

/** Asserts that `value` is a finite number of at least `min` (or above it, when `exclusive`). */
export function expectFiniteNumber(
  fn: string,
  label: string,
  value: unknown,
  min: number,
  exclusive = false,
): asserts value is number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min : value >= min);
  if (!ok) throw new MetricInputError(fn, `${label} must be a finite number ${exclusive ? '>' : '>='} ${min}, got ${describeValue(value)}`);
}

/** Asserts that `value` is a boolean. */
export function expectBoolean(fn: string, label: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw new MetricInputError(fn, `${label} must be a boolean, got ${describeValue(value)}`);
}

/** Asserts that `value` is a plain options object (or absent). */
export function expectOptions(fn: string, value: unknown): asserts value is object | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new MetricInputError(fn, `options must be an object, got ${describeValue(value)}`);
  }
}
