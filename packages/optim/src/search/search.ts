import { Generator as RandomGenerator, ValueError } from '@dlkit/core';
import { checkSpace, gridConfigurations, sampleConfiguration, type Configuration, type SearchSpace } from './space.js';

/** What a trial returns: its score, or the score with anything else worth keeping. */
export type TrialOutcome = number | {
  /** The trial's score, compared by the search's `mode`. */
  score: number;
  [extra: string]: unknown;
};

/** A trial: trains and evaluates one configuration (possibly asynchronously) and returns its score. */
export type Trial<S extends SearchSpace> = (config: Configuration<S>, index: number) => TrialOutcome | Promise<TrialOutcome>;

/** One finished trial. */
export interface TrialResult<S extends SearchSpace> {
  /** The configuration tried. */
  config: Configuration<S>;
  /** Its score. */
  score: number;
  /** The order it ran in, from 0. */
  index: number;
  /** Whatever else the trial returned besides `score`. */
  extra: Record<string, unknown>;
  /** Why the trial failed (it threw or scored NaN), when failures are recorded; its score is then the worst possible. */
  failure?: string;
}

/** Options shared by {@link randomSearch} and {@link gridSearch}. */
export interface SearchOptions {
  /** `'min'` when lower scores are better (a dev error, the default), `'max'` for accuracy. */
  mode?: 'min' | 'max';
  /**
   * What a trial that throws or scores NaN does: stop the search (`'throw'`, the default) or count
   * as a failed trial (`'record'`: scored ±Infinity, listed last with the reason) — a learning
   * rate so large that training diverges is a result worth keeping.
   */
  onFailure?: 'throw' | 'record';
}

async function runTrials<S extends SearchSpace>(configs: Configuration<S>[], trial: Trial<S>, options: SearchOptions, where: string): Promise<TrialResult<S>[]> {
  const mode = options.mode ?? 'min';
  if (mode !== 'min' && mode !== 'max') throw new ValueError(`${where}: mode must be 'min' or 'max', got ${String(mode)}`);
  const record = options.onFailure === 'record';
  const worst = mode === 'min' ? Infinity : -Infinity;
  const results: TrialResult<S>[] = [];
  for (const [index, config] of configs.entries()) {
    let outcome: TrialOutcome;
    try {
      outcome = await trial(config, index);
    } catch (error) {
      if (!record) throw error;
      results.push({ config, score: worst, index, extra: {}, failure: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const { score, ...extra } = typeof outcome === 'number' ? { score: outcome } : outcome;
    if (typeof score !== 'number' || Number.isNaN(score)) {
      const reason = `trial ${index} returned score ${String(score)}; expected a number`;
      if (!record) throw new ValueError(`${where}: ${reason}`);
      results.push({ config, score: worst, index, extra, failure: reason });
      continue;
    }
    results.push({ config, score, index, extra });
  }
  return results.sort((a, b) => (mode === 'min' ? a.score - b.score : b.score - a.score) || a.index - b.index);
}

/**
 * Random search: `trials` configurations sampled from `space` (seeded), each scored by `trial`
 * one after another; returns every result, best first.
 * @example
 * ```ts
 * const results = await randomSearch(
 *   { lr: logUniform(1e-4, 1), beta: oneMinusLogUniform(0.9, 0.999), hidden: integer(16, 128) },
 *   ({ lr, beta, hidden }) => trainAndReturnDevError(lr, beta, hidden),
 *   { trials: 20, seed: 0 },
 * );
 * results[0].config; // the best configuration
 * ```
 */
export async function randomSearch<S extends SearchSpace>(space: S, trial: Trial<S>, options: SearchOptions & { trials: number; seed?: number }): Promise<TrialResult<S>[]> {
  checkSpace('randomSearch', space);
  const { trials, seed } = options;
  if (!(Number.isInteger(trials) && trials > 0)) throw new ValueError(`randomSearch: trials must be a positive integer, got ${String(trials)}`);
  const random = new RandomGenerator(seed ?? Math.floor(Math.random() * 2 ** 31));
  const configs = Array.from({ length: trials }, () => sampleConfiguration(space, random));
  return runTrials(configs, trial, options, 'randomSearch');
}

/**
 * Grid search: every combination of `pointsPerDimension` values per dimension (all of a
 * choice's options; log-spaced for log scales), best first.
 * @example await gridSearch({ lr: logUniform(1e-3, 1), act: choice(['relu', 'tanh']) }, trial, { pointsPerDimension: 4 }) // 8 trials
 */
export async function gridSearch<S extends SearchSpace>(space: S, trial: Trial<S>, options: SearchOptions & { pointsPerDimension?: number } = {}): Promise<TrialResult<S>[]> {
  const configs = gridConfigurations(space, options.pointsPerDimension ?? 3);
  return runTrials(configs, trial, options, 'gridSearch');
}
