import { Generator as RandomGenerator, ValueError } from '@dlkit/core';
import { checkSpace, gridConfigurations, sampleConfiguration, type Configuration, type SearchSpace } from './space.js';

/** What a trial returns: its score, or the score with anything else worth keeping. */
export type TrialOutcome = number | { score: number; [extra: string]: unknown };

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
}

/** Options shared by {@link randomSearch} and {@link gridSearch}. */
export interface SearchOptions {
  /** `'min'` when lower scores are better (a dev error, the default), `'max'` for accuracy. */
  mode?: 'min' | 'max';
}

async function runTrials<S extends SearchSpace>(configs: Configuration<S>[], trial: Trial<S>, mode: 'min' | 'max', where: string): Promise<TrialResult<S>[]> {
  if (mode !== 'min' && mode !== 'max') throw new ValueError(`${where}: mode must be 'min' or 'max', got ${String(mode)}`);
  const results: TrialResult<S>[] = [];
  for (const [index, config] of configs.entries()) {
    const outcome = await trial(config, index);
    const { score, ...extra } = typeof outcome === 'number' ? { score: outcome } : outcome;
    if (typeof score !== 'number' || Number.isNaN(score)) throw new ValueError(`${where}: trial ${index} returned score ${String(score)}; expected a number`);
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
  return runTrials(configs, trial, options.mode ?? 'min', 'randomSearch');
}

/**
 * Grid search: every combination of `pointsPerDimension` values per dimension (all of a
 * choice's options; log-spaced for log scales), best first.
 * @example await gridSearch({ lr: logUniform(1e-3, 1), act: choice(['relu', 'tanh']) }, trial, { pointsPerDimension: 4 }) // 8 trials
 */
export async function gridSearch<S extends SearchSpace>(space: S, trial: Trial<S>, options: SearchOptions & { pointsPerDimension?: number } = {}): Promise<TrialResult<S>[]> {
  const configs = gridConfigurations(space, options.pointsPerDimension ?? 3);
  return runTrials(configs, trial, options.mode ?? 'min', 'gridSearch');
}
