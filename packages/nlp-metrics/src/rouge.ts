import { MetricInputError } from './errors.js';
import { clippedMatches, countNgrams } from './ngrams.js';
import { describeValue } from './describe-value.js';
import { expectOptions, expectSameLength, expectString, expectStringArray } from './validate.js';

/**
 * Precision, recall and F1 of one ROUGE variant, each in [0, 1].
 *
 * @example
 * ```ts
 * const { precision, recall, f } = rouge('the cat sat', 'the cat').rouge1; // 2/3, 1, 0.8
 * ```
 */
export interface RougeMeasure {
  /** Overlap over the hypothesis's n-grams (ROUGE-L: LCS length over hypothesis length). */
  readonly precision: number;
  /** Overlap over the reference's n-grams (ROUGE-L: LCS length over reference length). */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  readonly f: number;
}

/**
 * ROUGE-1 (unigram overlap), ROUGE-2 (bigram overlap) and ROUGE-L (longest common subsequence).
 *
 * @example
 * ```ts
 * const { rouge1, rouge2, rougeL } = rouge('the cat sat', 'the cat sat down');
 * ```
 */
export interface RougeScore {
  /** Unigram overlap. */
  readonly rouge1: RougeMeasure;
  /** Bigram overlap. */
  readonly rouge2: RougeMeasure;
  /** Longest common subsequence. */
  readonly rougeL: RougeMeasure;
}

/**
 * How text becomes tokens: `'rouge-score'` (the default) lowercases and keeps runs of `[a-z0-9]`,
 * as Google's `rouge-score` package does without stemming, which drops non-ASCII letters;
 * `'unicode'` lowercases and keeps runs of Unicode letters, marks and digits; or a function.
 *
 * @example
 * ```ts
 * rouge('Straße', 'straße', { tokenize: 'unicode' });
 * rouge('a|b', 'a|b', { tokenize: (text) => text.split('|') });
 * ```
 */
export type RougeTokenizer = 'rouge-score' | 'unicode' | ((text: string) => readonly string[]);

/**
 * Options of {@link rouge} and {@link corpusRouge}.
 *
 * @example
 * ```ts
 * const options: RougeOptions = { tokenize: 'unicode' };
 * ```
 */
export interface RougeOptions {
  /** Default `'rouge-score'`. */
  readonly tokenize?: RougeTokenizer;
}

const TOKENIZERS = {
  'rouge-score': (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [],
  unicode: (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [],
};

function resolveTokenizer(fn: string, options: RougeOptions | undefined): (text: string) => readonly string[] {
  expectOptions(fn, options);
  const tokenize = options?.tokenize ?? 'rouge-score';
  if (typeof tokenize === 'function') {
    return (text) => {
      const tokens: unknown = tokenize(text);
      expectStringArray(fn, 'the tokens returned by options.tokenize', tokens, false);
      return tokens;
    };
  }
  if (tokenize !== 'rouge-score' && tokenize !== 'unicode') {
    throw new MetricInputError(fn, `options.tokenize must be 'rouge-score', 'unicode' or a function, got ${describeValue(tokenize)}`);
  }
  return TOKENIZERS[tokenize];
}

function measure(matches: number, hypothesisCount: number, referenceCount: number): RougeMeasure {
  // As rouge-score: an empty side gives precision or recall 0 rather than 0/0.
  const precision = matches / Math.max(hypothesisCount, 1);
  const recall = matches / Math.max(referenceCount, 1);
  const f = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f };
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (const tokenA of a) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = tokenA === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

function scorePair(hypothesis: readonly string[], reference: readonly string[]): RougeScore {
  const [unigrams, bigrams] = countNgrams([hypothesis, reference], 2);
  const ngrams = (order: number): number => Math.max(0, hypothesis.length - order + 1);
  const referenceNgrams = (order: number): number => Math.max(0, reference.length - order + 1);
  return {
    rouge1: measure(clippedMatches(unigrams![0]!, unigrams![1]!), ngrams(1), referenceNgrams(1)),
    rouge2: measure(clippedMatches(bigrams![0]!, bigrams![1]!), ngrams(2), referenceNgrams(2)),
    rougeL: measure(longestCommonSubsequence(hypothesis, reference), hypothesis.length, reference.length),
  };
}

const VARIANTS = ['rouge1', 'rouge2', 'rougeL'] as const;

/** For each variant, the reference with the highest F (the first on a tie), as rouge-score's `score_multi`. */
function bestOver(scores: readonly RougeScore[]): RougeScore {
  const best = (variant: (typeof VARIANTS)[number]): RougeMeasure =>
    scores.reduce((top, score) => (score[variant].f > top.f ? score[variant] : top), scores[0]![variant]);
  return { rouge1: best('rouge1'), rouge2: best('rouge2'), rougeL: best('rougeL') };
}

function scoreSegment(hypothesis: string, references: readonly string[], tokenize: (text: string) => readonly string[]): RougeScore {
  const hypothesisTokens = tokenize(hypothesis);
  return bestOver(references.map((reference) => scorePair(hypothesisTokens, tokenize(reference))));
}

function toReferenceList(fn: string, label: string, references: unknown): readonly string[] {
  if (typeof references === 'string') return [references];
  expectStringArray(fn, label, references, true);
  return references;
}

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L (Lin 2004) of one hypothesis: n-gram overlap and longest common
 * subsequence, each as precision, recall and F1, with Google's `rouge-score` definitions
 * (no stemming). With several references, each variant takes the reference it scores the best F on.
 *
 * @param hypothesis - the generated text (e.g. a summary)
 * @param references - one reference or several
 * @param options - the tokenizer
 *
 * @example
 * ```ts
 * const { rouge1, rougeL } = rouge('the cat was found under the bed', 'the cat was under the bed');
 * rouge1.recall; // 1
 * rougeL.precision; // 6 / 7
 * ```
 */
export function rouge(hypothesis: string, references: string | readonly string[], options?: RougeOptions): RougeScore {
  const fn = 'rouge';
  expectString(fn, 'hypothesis', hypothesis);
  const referenceList = toReferenceList(fn, 'references', references);
  return scoreSegment(hypothesis, referenceList, resolveTokenizer(fn, options));
}

/**
 * ROUGE-1/2/L averaged over a corpus: the mean of each segment's precision, recall and F (the
 * usual way ROUGE is reported, as rouge-score's aggregator without bootstrap resampling).
 *
 * @param hypotheses - one generated text per segment, at least one
 * @param references - `references[i]`: the reference (or references) of `hypotheses[i]`
 * @param options - the tokenizer
 *
 * @example
 * ```ts
 * corpusRouge(['the cat sat', 'a dog ran'], ['the cat sat down', ['a dog ran', 'the dog ran']]).rouge1.f; // (6/7 + 1) / 2
 * ```
 */
export function corpusRouge(
  hypotheses: readonly string[],
  references: readonly (string | readonly string[])[],
  options?: RougeOptions,
): RougeScore {
  const fn = 'corpusRouge';
  expectStringArray(fn, 'hypotheses', hypotheses, true);
  if (!Array.isArray(references)) throw new MetricInputError(fn, `references must be an array, got ${describeValue(references)}`);
  expectSameLength(fn, hypotheses.length, references.length);
  const tokenize = resolveTokenizer(fn, options);
  const scores = hypotheses.map((hypothesis, i) => scoreSegment(hypothesis, toReferenceList(fn, `references[${i}]`, references[i]), tokenize));
  const mean = (variant: (typeof VARIANTS)[number], field: keyof RougeMeasure): number =>
    scores.reduce((sum, score) => sum + score[variant][field], 0) / scores.length;
  const averaged = (variant: (typeof VARIANTS)[number]): RougeMeasure => ({
    precision: mean(variant, 'precision'),
    recall: mean(variant, 'recall'),
    f: mean(variant, 'f'),
  });
  return { rouge1: averaged('rouge1'), rouge2: averaged('rouge2'), rougeL: averaged('rougeL') };
}
