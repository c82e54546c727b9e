import { ValueError } from '@dlkit/core';

/** A satisficing constraint: the metric must stay within bounds ("running time ≤ 100 ms"). */
export interface SatisficingConstraint {
  /** At most this (inclusive). */
  max?: number;
  /** At least this (inclusive). */
  min?: number;
}

/** The keys of `C` whose values are numbers: the metrics a candidate reports. */
export type NumericKeys<C> = { [K in keyof C]: C[K] extends number ? K : never }[keyof C] & string;

/** Options of {@link selectByMetrics}. */
export interface MetricSelection<M extends string> {
  /** The one metric to optimize. */
  optimizing: M;
  /** `'max'` (default, for accuracy) or `'min'` (for an error). */
  mode?: 'max' | 'min';
  /** Metrics that only need to be good enough. */
  satisficing?: Partial<Record<M, SatisficingConstraint>>;
}

/** What {@link selectByMetrics} decided. */
export interface SelectionResult<C> {
  /** The best candidate among those that satisfy every constraint, or null when none does. */
  best: C | null;
  /** Candidates meeting every constraint, best first. */
  feasible: C[];
  /** Candidates failing a constraint, with the metrics they failed. */
  rejected: {
    /** The rejected candidate. */
    candidate: C;
    /** Names of the satisficing metrics it failed. */
    failed: string[];
  }[];
}

/**
 * Course 3's single-number evaluation with an optimizing metric and satisficing metrics: keep the
 * candidates that satisfy every constraint, then rank them by the one optimizing metric.
 * @example
 * ```ts
 * selectByMetrics(
 *   [{ name: 'A', accuracy: 0.90, runningTimeMs: 80 }, { name: 'B', accuracy: 0.92, runningTimeMs: 95 }, { name: 'C', accuracy: 0.95, runningTimeMs: 1500 }],
 *   { optimizing: 'accuracy', satisficing: { runningTimeMs: { max: 100 } } },
 * ).best?.name; // 'B'
 * ```
 */
export function selectByMetrics<C extends object>(candidates: readonly C[], selection: MetricSelection<NumericKeys<C>>): SelectionResult<C> {
  type M = NumericKeys<C>;
  const read = (candidate: C, metric: M): unknown => (candidate as Record<string, unknown>)[metric];
  const { optimizing, mode = 'max', satisficing = {} } = selection;
  if (mode !== 'max' && mode !== 'min') throw new ValueError(`selectByMetrics: mode must be 'max' or 'min', got ${String(mode)}`);
  const constraints = Object.entries(satisficing) as [M, SatisficingConstraint | undefined][];
  const feasible: C[] = [];
  const rejected: { candidate: C; failed: string[] }[] = [];
  candidates.forEach((candidate, i) => {
    const value = read(candidate, optimizing);
    if (typeof value !== 'number' || Number.isNaN(value)) throw new ValueError(`selectByMetrics: candidate ${i} has no number for the optimizing metric '${optimizing}'`);
    const failed: string[] = [];
    for (const [metric, bounds] of constraints) {
      if (!bounds) continue;
      const v = read(candidate, metric);
      if (typeof v !== 'number' || Number.isNaN(v)) throw new ValueError(`selectByMetrics: candidate ${i} has no number for the satisficing metric '${metric}'`);
      if ((bounds.max !== undefined && v > bounds.max) || (bounds.min !== undefined && v < bounds.min)) failed.push(metric);
    }
    if (failed.length > 0) rejected.push({ candidate, failed });
    else feasible.push(candidate);
  });
  const score = (candidate: C): number => read(candidate, optimizing) as number;
  feasible.sort((a, b) => (mode === 'max' ? score(b) - score(a) : score(a) - score(b)));
  return { best: feasible[0] ?? null, feasible, rejected };
}
