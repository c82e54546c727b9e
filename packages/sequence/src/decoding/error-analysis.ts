import { ValueError } from '@dlkit/core';
import { rows, type BeamStep } from './beam-search.js';

/** Options of {@link sequenceLogProb}. */
export interface SequenceLogProbOptions<S> {
  /** Tokens every prefix starts with, as given to `beamSearch` (default none); not scored. */
  start?: readonly number[];
  /** The state of the start prefix (default `undefined`). */
  initialState?: S;
}

/**
 * `log P(y | x) = Σ_t log P(y<t> | x, y<1..t−1>)` of a given output `y` under the same step
 * function `beamSearch` uses, fed one token at a time (teacher forcing) — how the course scores
 * the human translation `y*` for error analysis.
 * @example
 * ```ts
 * const logProbReference = sequenceLogProb(step, referenceTokens, { start: [BOS] });
 * ```
 */
export function sequenceLogProb<S = undefined>(step: BeamStep<S>, tokens: readonly number[], options: SequenceLogProbOptions<S> = {}): number {
  const prefix = [...(options.start ?? [])];
  let state = options.initialState as S;
  let total = 0;
  for (const token of tokens) {
    const result = step([prefix], [state]);
    const row = rows(result.logProbs, 1, 'sequenceLogProb')[0]!;
    if (!Number.isInteger(token) || token < 0 || token >= row.length) {
      throw new ValueError(`sequenceLogProb: token ${String(token)} at position ${prefix.length} is outside the vocabulary [0, ${row.length})`);
    }
    total += row[token]!;
    if (result.states !== undefined) state = result.states[0]!;
    prefix.push(token);
  }
  return total;
}

/** One dev example for {@link beamErrorAnalysis}: the human reference `y*` and the search's output `ŷ`, each scored by the model. */
export interface BeamErrorExample {
  /** The reference's tokens `y*`. */
  readonly reference: readonly number[];
  /** `log P(y* | x)` under the model (see {@link sequenceLogProb}). */
  readonly referenceLogProb: number;
  /** The beam search's output `ŷ`. */
  readonly output: readonly number[];
  /** `log P(ŷ | x)` under the model. */
  readonly outputLogProb: number;
}

/**
 * Which part made an example wrong: `'search'` when the model prefers `y*` but the search returned
 * `ŷ` (a wider beam helps), `'model'` when the model itself scores `ŷ` at least as high as `y*`
 * (the RNN needs work: regularization, more data, another architecture), `'correct'` when `ŷ = y*`.
 */
export type BeamFault = 'search' | 'model' | 'correct';

/** Options of {@link blameBeamSearch} and {@link beamErrorAnalysis}. */
export interface BeamBlameOptions {
  /**
   * The length penalty `α` the search ranked by: compare `1/Ty^α log P` rather than `log P`
   * (default 0, the plain probabilities).
   */
  lengthPenalty?: number;
}

function objective(logProb: number, length: number, alpha: number): number {
  return alpha === 0 ? logProb : logProb / Math.max(length, 1) ** alpha;
}

/**
 * The course's beam-search error analysis for one example: if `P(y* | x) > P(ŷ | x)` the beam
 * search is at fault (it missed a sequence the model prefers); if `P(y* | x) ≤ P(ŷ | x)` the model
 * is (it prefers a worse output). With a length penalty the normalized objectives are compared.
 * @example blameBeamSearch({ reference: [4, 2], referenceLogProb: -1.2, output: [4, 7], outputLogProb: -2.5 }) // 'search'
 */
export function blameBeamSearch(example: BeamErrorExample, options: BeamBlameOptions = {}): BeamFault {
  const alpha = options.lengthPenalty ?? 0;
  if (!(alpha >= 0)) throw new ValueError(`blameBeamSearch: lengthPenalty must be ≥ 0, got ${alpha}`);
  const { reference, output, referenceLogProb, outputLogProb } = example;
  for (const [name, value] of [['referenceLogProb', referenceLogProb], ['outputLogProb', outputLogProb]] as const) {
    if (Number.isNaN(value) || value > 0) throw new ValueError(`blameBeamSearch: ${name} must be a log-probability (≤ 0), got ${value}`);
  }
  if (reference.length === output.length && reference.every((t, i) => t === output[i])) return 'correct';
  return objective(referenceLogProb, reference.length, alpha) > objective(outputLogProb, output.length, alpha) ? 'search' : 'model';
}

/** What {@link beamErrorAnalysis} found over a dev set. */
export interface BeamErrorReport {
  /** Each example's verdict, in order. */
  readonly faults: BeamFault[];
  /** Examples the search got right. */
  readonly correct: number;
  /** Wrong examples where the search is at fault (`P(y*) > P(ŷ)`). */
  readonly search: number;
  /** Wrong examples where the model is at fault (`P(y*) ≤ P(ŷ)`). */
  readonly model: number;
  /** `search / (search + model)`: the share of the errors a better search could fix (0 with no errors). */
  readonly searchFraction: number;
  /** `model / (search + model)` (0 with no errors). */
  readonly modelFraction: number;
  /** What to work on: the part at fault for most errors (`'none'` without errors). */
  readonly verdict: 'search' | 'model' | 'none';
}

/**
 * The course's error-analysis tally over a dev set: blames each wrong example on the search or on
 * the model ({@link blameBeamSearch}) and says which part is responsible for more of the errors —
 * only if the search is, is a wider beam worth it.
 * @example
 * ```ts
 * const report = beamErrorAnalysis(devExamples, { lengthPenalty: 0.7 });
 * console.log(`${(report.searchFraction * 100).toFixed(0)}% of errors are the search's: work on the ${report.verdict}`);
 * ```
 */
export function beamErrorAnalysis(examples: readonly BeamErrorExample[], options: BeamBlameOptions = {}): BeamErrorReport {
  const faults = examples.map((example) => blameBeamSearch(example, options));
  const count = (fault: BeamFault): number => faults.filter((f) => f === fault).length;
  const search = count('search');
  const model = count('model');
  const errors = search + model;
  return {
    faults,
    correct: count('correct'),
    search,
    model,
    searchFraction: errors === 0 ? 0 : search / errors,
    modelFraction: errors === 0 ? 0 : model / errors,
    verdict: errors === 0 ? 'none' : search > model ? 'search' : 'model',
  };
}
