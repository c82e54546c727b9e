import { Tensor, ValueError } from '@dlkit/core';

/** What a beam-search step returns for the prefixes it was given. */
export interface BeamStepResult<S> {
  /** `log P(next token | prefix)` for every prefix: a `[prefixes, vocab]` tensor or one row per prefix. */
  readonly logProbs: Tensor | readonly ArrayLike<number>[];
  /** Each prefix's new state (e.g. an RNN's `h`, a transformer's cache), handed back with its extensions. */
  readonly states?: readonly S[];
}

/**
 * A model step: given the live prefixes (token ids, the start prefix included) and their states,
 * the log-probabilities of each prefix's next token.
 */
export type BeamStep<S> = (prefixes: readonly (readonly number[])[], states: readonly S[]) => BeamStepResult<S>;

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions<S> {
  /** Hypotheses kept at each step, the course's `B` (1 is greedy decoding). */
  beamWidth: number;
  /** Most tokens generated after the start prefix. */
  maxLength: number;
  /** The course's `α` in `1/Ty^α Σ log P` (default 0: no normalization; the course suggests 0.7). */
  lengthPenalty?: number;
  /** End-of-sequence token: a hypothesis that emits it is finished. Without one, every hypothesis runs `maxLength` tokens. */
  eos?: number;
  /** Tokens every prefix starts with (e.g. `[bos]`; default none); not counted in `Ty`, not returned. */
  start?: readonly number[];
  /** The state of the start prefix (default `undefined`). */
  initialState?: S;
  /** How many hypotheses to return (default `beamWidth`). */
  numReturn?: number;
}

/** One hypothesis found by {@link beamSearch}. */
export interface Hypothesis {
  /** The generated tokens (the start prefix left out, `eos` included when emitted). */
  readonly tokens: number[];
  /** `Σ log P(y<t> | x, y<1..t−1>)`. */
  readonly logProb: number;
  /** The length-normalized objective `logProb / Ty^α`, `Ty = tokens.length`. */
  readonly score: number;
  /** Whether it ended with `eos`. */
  readonly finished: boolean;
}

interface Beam<S> {
  readonly tokens: number[];
  readonly logProb: number;
  readonly state: S;
}

/** The step's log-probabilities as one row per prefix, checked against the prefix count. */
export function rows(logProbs: Tensor | readonly ArrayLike<number>[], count: number, where = 'beamSearch'): ArrayLike<number>[] {
  if (logProbs instanceof Tensor) {
    if (logProbs.rank !== 2 || logProbs.shape[0] !== count) {
      throw new ValueError(`${where}: the step must return logProbs [${count}, vocab] for ${count} prefixes, got [${logProbs.shape.join(', ')}]`);
    }
    const data = logProbs.dataSync();
    const vocab = logProbs.shape[1]!;
    return Array.from({ length: count }, (_, i) => data.subarray(i * vocab, (i + 1) * vocab));
  }
  if (logProbs.length !== count) throw new ValueError(`${where}: the step returned ${logProbs.length} rows of logProbs for ${count} prefixes`);
  return [...logProbs];
}

/**
 * Beam search (the course's week 3): keeps the `beamWidth` most likely prefixes by `Σ log P` at each
 * step, moves those that emit `eos` to the finished set, and ranks the finished (and, at
 * `maxLength`, the unfinished) hypotheses by the length-normalized objective
 * `1/Ty^α Σ_t log P(y<t> | x, y<1..t−1>)`. With `beamWidth: 1` it is greedy decoding.
 *
 * The step function sees only token prefixes and opaque states, so any model fits: an RNN
 * decoder (state = its `h`/`c`), a transformer (state = its cache, or none), a lookup table.
 * @returns up to `numReturn` hypotheses, best score first
 * @example
 * ```ts
 * const best = beamSearch((prefixes, states) => ({ logProbs: decoder(prefixes, states) }), {
 *   beamWidth: 3, maxLength: 20, lengthPenalty: 0.7, eos: EOS, start: [BOS],
 * })[0]!.tokens;
 * ```
 */
export function beamSearch<S = undefined>(step: BeamStep<S>, options: BeamSearchOptions<S>): Hypothesis[] {
  const { beamWidth, maxLength } = options;
  const alpha = options.lengthPenalty ?? 0;
  const numReturn = options.numReturn ?? beamWidth;
  for (const [name, value] of [['beamWidth', beamWidth], ['maxLength', maxLength], ['numReturn', numReturn]] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new ValueError(`beamSearch: ${name} must be a positive integer, got ${String(value)}`);
  }
  if (!(alpha >= 0)) throw new ValueError(`beamSearch: lengthPenalty must be ≥ 0, got ${alpha}`);
  const start = [...(options.start ?? [])];
  const score = (logProb: number, length: number): number => (alpha === 0 ? logProb : logProb / length ** alpha);
  const done: Hypothesis[] = [];
  let live: Beam<S>[] = [{ tokens: [], logProb: 0, state: options.initialState as S }];

  for (let length = 1; length <= maxLength && live.length > 0; length++) {
    const result = step(live.map((b) => [...start, ...b.tokens]), live.map((b) => b.state));
    const table = rows(result.logProbs, live.length);
    if (result.states !== undefined && result.states.length !== live.length) {
      throw new ValueError(`beamSearch: the step returned ${result.states.length} states for ${live.length} prefixes`);
    }
    const candidates: { beam: number; token: number; logProb: number }[] = [];
    table.forEach((row, beam) => {
      for (let token = 0; token < row.length; token++) candidates.push({ beam, token, logProb: live[beam]!.logProb + row[token]! });
    });
    candidates.sort((a, b) => b.logProb - a.logProb);
    const next: Beam<S>[] = [];
    for (const c of candidates.slice(0, beamWidth)) {
      if (c.logProb === -Infinity) break;
      const tokens = [...live[c.beam]!.tokens, c.token];
      if (c.token === options.eos) done.push({ tokens, logProb: c.logProb, score: score(c.logProb, length), finished: true });
      else next.push({ tokens, logProb: c.logProb, state: result.states ? result.states[c.beam]! : live[c.beam]!.state });
    }
    live = next;
  }
  const unfinished = live.map((b) => ({ tokens: b.tokens, logProb: b.logProb, score: score(b.logProb, b.tokens.length), finished: false }));
  return [...done, ...unfinished].sort((a, b) => b.score - a.score).slice(0, numReturn);
}
