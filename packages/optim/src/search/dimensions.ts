import { ValueError, type Generator as RandomGenerator } from '@dlkit/core';

/**
 * One hyperparameter's range: how to sample it at random and which values a grid visits.
 * Build them with {@link uniform}, {@link logUniform}, {@link oneMinusLogUniform},
 * {@link integer} and {@link choice}.
 */
export interface Dimension<T> {
  /** What kind of range (for printing). */
  readonly kind: 'uniform' | 'logUniform' | 'oneMinusLogUniform' | 'integer' | 'choice';
  /** A random value. */
  sample(random: RandomGenerator): T;
  /** `points` values spread over the range (every value for a choice or a small integer range). */
  grid(points: number): T[];
}

function checkRange(where: string, low: number, high: number, positive = false): void {
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) throw new ValueError(`${where}: expected finite low <= high, got ${low} and ${high}`);
  if (positive && !(low > 0)) throw new ValueError(`${where}: needs low > 0 (a log scale), got ${low}`);
}

function spread(low: number, high: number, points: number): number[] {
  if (points <= 1 || low === high) return [low];
  return Array.from({ length: points }, (_, i) => low + ((high - low) * i) / (points - 1));
}

/**
 * Uniform on `[low, high]` — right for hyperparameters whose effect is linear in their value,
 * such as the number of layers or hidden units.
 * @example uniform(0.1, 0.5) // dropout rate
 */
export function uniform(low: number, high: number): Dimension<number> {
  checkRange('uniform', low, high);
  return { kind: 'uniform', sample: (random) => low + (high - low) * random.nextFloat(), grid: (points) => spread(low, high, points) };
}

/**
 * Uniform on a log scale (the course's "appropriate scale"): `r = log₁₀low + (log₁₀high −
 * log₁₀low)·rand()`, value `10^r`, so 1e-4…1e-3 gets as many samples as 0.1…1. For learning
 * rates, regularization strengths, ε.
 * @example logUniform(1e-4, 1) // r = -4·rand(); α = 10^r
 */
export function logUniform(low: number, high: number): Dimension<number> {
  checkRange('logUniform', low, high, true);
  const a = Math.log10(low);
  const b = Math.log10(high);
  return {
    kind: 'logUniform',
    sample: (random) => 10 ** (a + (b - a) * random.nextFloat()),
    grid: (points) => spread(a, b, points).map((r) => 10 ** r),
  };
}

/**
 * For averaging rates β near 1 (momentum, Adam's β₂): `1 − β` is log-uniform, so 0.9…0.99 is
 * sampled as often as 0.99…0.999, where β matters far more (the course's `β = 1 − 10^r`).
 * @example oneMinusLogUniform(0.9, 0.999)
 */
export function oneMinusLogUniform(low: number, high: number): Dimension<number> {
  checkRange('oneMinusLogUniform', low, high);
  if (!(low >= 0 && high < 1)) throw new ValueError(`oneMinusLogUniform: expected 0 <= low <= high < 1, got ${low} and ${high}`);
  const inner = logUniform(1 - high, 1 - low);
  return {
    kind: 'oneMinusLogUniform',
    sample: (random) => 1 - inner.sample(random),
    grid: (points) => inner.grid(points).map((v) => 1 - v).reverse(),
  };
}

/**
 * A uniform integer in `[low, high]` (both included): hidden units, layers, mini-batch size.
 * @example integer(50, 100)
 */
export function integer(low: number, high: number): Dimension<number> {
  if (!(Number.isInteger(low) && Number.isInteger(high) && low <= high)) throw new ValueError(`integer: expected integers low <= high, got ${low} and ${high}`);
  return {
    kind: 'integer',
    sample: (random) => random.nextInt(low, high + 1),
    grid: (points) => (high - low + 1 <= points ? Array.from({ length: high - low + 1 }, (_, i) => low + i) : [...new Set(spread(low, high, points).map(Math.round))]),
  };
}

/**
 * One of a list of options, equally likely: an activation, an optimizer, a batch size of 2ⁿ.
 * @example choice(['relu', 'tanh'] as const)
 */
export function choice<const T>(options: readonly T[]): Dimension<T> {
  if (!Array.isArray(options) || options.length === 0) throw new ValueError('choice: expected a non-empty list of options');
  return { kind: 'choice', sample: (random) => options[random.nextInt(0, options.length)]!, grid: () => [...options] };
}
