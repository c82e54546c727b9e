import { ValueError } from '@dlkit/core';

/** Options of {@link ExponentiallyWeightedAverage} and {@link exponentiallyWeightedAverages}. */
export interface EwaOptions {
  /** Weight of the past, β in [0, 1): the average spans about `1/(1 − β)` values (default 0.9). */
  beta?: number;
  /** Divide by `1 − βᵗ` so the early averages are not biased toward the zero start (default false). */
  biasCorrection?: boolean;
}

function checkBeta(where: string, beta: number): void {
  if (!(beta >= 0 && beta < 1)) throw new ValueError(`${where}: beta must be in [0, 1), got ${String(beta)}`);
}

/**
 * The course's exponentially weighted (moving) average of a stream of numbers:
 *
 * ```
 * v₀ = 0,   v_t = β·v_{t−1} + (1 − β)·θ_t,   with bias correction v_t / (1 − βᵗ)
 * ```
 *
 * The building block of momentum, RMSprop and Adam, and handy for smoothing a loss curve.
 * @example
 * ```ts
 * const avg = new ExponentiallyWeightedAverage({ beta: 0.9, biasCorrection: true });
 * avg.update(10); // 10 (without correction: 1)
 * ```
 */
export class ExponentiallyWeightedAverage {
  /** Weight of the past, β in [0, 1). */
  readonly beta: number;
  /** Whether {@link ExponentiallyWeightedAverage.value} divides by `1 − βᵗ`. */
  readonly biasCorrection: boolean;
  #raw = 0;
  #t = 0;

  /**
   * Starts an empty average (v₀ = 0).
   *
   * @param options - `beta` (default 0.9) and `biasCorrection` (default false).
   */
  constructor(options: EwaOptions = {}) {
    this.beta = options.beta ?? 0.9;
    this.biasCorrection = options.biasCorrection ?? false;
    checkBeta('ExponentiallyWeightedAverage', this.beta);
  }

  /** Values seen so far. */
  get count(): number {
    return this.#t;
  }

  /** The current average (bias-corrected when asked for; 0 before any value). */
  get value(): number {
    if (this.#t === 0) return 0;
    return this.biasCorrection ? this.#raw / (1 - this.beta ** this.#t) : this.#raw;
  }

  /** Folds in the next value θ_t and returns the new average. */
  update(theta: number): number {
    if (!Number.isFinite(theta)) throw new ValueError(`ExponentiallyWeightedAverage.update: expected a finite number, got ${String(theta)}`);
    this.#t++;
    this.#raw = this.beta * this.#raw + (1 - this.beta) * theta;
    return this.value;
  }

  /** Starts over from v₀ = 0. */
  reset(): void {
    this.#raw = 0;
    this.#t = 0;
  }
}

/**
 * Every running value of the exponentially weighted average of `values` (one per input).
 * @example exponentiallyWeightedAverages([4, 4, 4], { beta: 0.5 }) // [2, 3, 3.5]
 * @example exponentiallyWeightedAverages([4, 4, 4], { beta: 0.5, biasCorrection: true }) // [4, 4, 4]
 */
export function exponentiallyWeightedAverages(values: readonly number[], options: EwaOptions = {}): number[] {
  const average = new ExponentiallyWeightedAverage(options);
  return values.map((v) => average.update(v));
}
