import { MetricInputError } from '../errors.js';
import { clippedMatches, countNgrams, maxCounts, type NgramCounts } from '../ngrams.js';
import { closestReferenceLength } from '../bleu/closest-reference-length.js';
import { describeValue } from '../describe-value.js';
import { exactSum } from '../exact-sum.js';
import { expectSameLength, expectStringArray } from '../validate.js';
import { NLTK_DEFAULT_WEIGHTS, resolveNltkOptions, type NltkBleuOptions, type NltkBleuSettings } from './options.js';
import { smoothPrecisions, type Precision } from './smoothing.js';

/**
 * An NLTK-compatible BLEU score with the numbers behind it.
 *
 * @example
 * ```ts
 * const { score, numerators, denominators } = nltkSentenceBleu([['the', 'cat']], ['the', 'cat']);
 * ```
 */
export interface NltkBleuScore {
  /** BLEU on NLTK's 0–1 scale. */
  readonly score: number;
  /**
   * The precisions whose weighted logs are summed, after smoothing (NLTK skips those ≤ 0). When
   * no unigram matches, NLTK returns 0 before smoothing and these are the raw precisions.
   */
  readonly precisions: number[];
  /** `numerators[n - 1]`: clipped n-gram matches summed over the corpus. */
  readonly numerators: number[];
  /** `denominators[n - 1]`: hypothesis n-grams summed over the corpus, each segment counting at least 1 (as NLTK). */
  readonly denominators: number[];
  /** 1 when c > r, 0 when c = 0, else exp(1 − r/c). */
  readonly brevityPenalty: number;
  /** c: hypothesis tokens in all. */
  readonly hypothesisLength: number;
  /** r: the sum of the reference lengths closest to each hypothesis length. */
  readonly referenceLength: number;
}

/** NLTK's `modified_precision` of one segment, from its n-gram counts (hypothesis first). */
function modifiedPrecision(counts: NgramCounts, order: number, hypothesisLength: number): Precision {
  const [hypothesis, ...references] = counts[order - 1]!;
  return {
    numerator: clippedMatches(hypothesis!, maxCounts(references)),
    // NLTK's max(1, …) keeps the fraction defined when the hypothesis is shorter than the order.
    denominator: Math.max(1, hypothesisLength - order + 1),
  };
}

function brevityPenalty(referenceLength: number, hypothesisLength: number): number {
  if (hypothesisLength > referenceLength) return 1;
  if (hypothesisLength === 0) return 0;
  return Math.exp(1 - referenceLength / hypothesisLength);
}

function effectiveWeights(settings: NltkBleuSettings, hypothesisLength: number): readonly number[] {
  const isDefault = settings.weights.length === 4 && settings.weights.every((w, i) => w === NLTK_DEFAULT_WEIGHTS[i]);
  if (settings.autoReweigh && isDefault && hypothesisLength < 4) return new Array<number>(hypothesisLength).fill(1 / hypothesisLength);
  return settings.weights;
}

function scoreCorpus(
  fn: string,
  listOfReferences: readonly (readonly (readonly string[])[])[],
  hypotheses: readonly (readonly string[])[],
  settings: NltkBleuSettings,
): NltkBleuScore {
  const maxOrder = settings.weights.length;
  const numerators = new Array<number>(maxOrder).fill(0);
  const denominators = new Array<number>(maxOrder).fill(0);
  let hypothesisLength = 0;
  let referenceLength = 0;
  let lastFivegramPrecision: Precision = { numerator: 0, denominator: 1 };

  hypotheses.forEach((hypothesis, index) => {
    const references = listOfReferences[index]!;
    // Smoothing method 5 also needs the last segment's 5-gram precision.
    const isLast = index === hypotheses.length - 1;
    const counts = countNgrams([hypothesis, ...references], isLast ? Math.max(maxOrder, 5) : maxOrder);
    for (let order = 1; order <= maxOrder; order++) {
      const p = modifiedPrecision(counts, order, hypothesis.length);
      numerators[order - 1]! += p.numerator;
      denominators[order - 1]! += p.denominator;
    }
    if (isLast) lastFivegramPrecision = modifiedPrecision(counts, 5, hypothesis.length);
    hypothesisLength += hypothesis.length;
    referenceLength += closestReferenceLength(hypothesis.length, references.map((r) => r.length));
  });

  const bp = brevityPenalty(referenceLength, hypothesisLength);
  const raw = numerators.map((numerator, i) => ({ numerator, denominator: denominators[i]! }));
  const lengths = { brevityPenalty: bp, hypothesisLength, referenceLength, numerators, denominators };
  // No unigram matches means no matches at all: NLTK returns 0 without smoothing.
  if (numerators[0] === 0) return { score: 0, precisions: raw.map((p) => p.numerator / p.denominator), ...lengths };

  const lastHypothesisLength = hypotheses[hypotheses.length - 1]!.length;
  const precisions = smoothPrecisions(fn, raw, { hypothesisLength, lastHypothesisLength, lastFivegramPrecision }, settings);
  const weights = effectiveWeights(settings, hypothesisLength);
  const weightedLogs: number[] = [];
  for (let i = 0; i < Math.min(weights.length, precisions.length); i++) {
    const p = precisions[i]!;
    if (p > 0) weightedLogs.push(weights[i]! * Math.log(p));
  }
  return { score: bp * Math.exp(exactSum(weightedLogs)), precisions, ...lengths };
}

function expectTokenLists(fn: string, label: string, value: unknown, nonEmpty: boolean): asserts value is readonly (readonly string[])[] {
  if (!Array.isArray(value)) throw new MetricInputError(fn, `${label} must be an array of token arrays, got ${describeValue(value)}`);
  if (nonEmpty && value.length === 0) throw new MetricInputError(fn, `${label} must hold at least one token array, got an empty array`);
  value.forEach((tokens: unknown, index) => expectStringArray(fn, `${label}[${index}]`, tokens, false));
}

/**
 * Corpus-level BLEU with the semantics of NLTK's `nltk.translate.bleu_score.corpus_bleu`, on
 * pre-tokenized input and NLTK's 0–1 scale: n-gram matches and totals are summed over the corpus
 * (micro-average), the brevity penalty uses the summed closest reference lengths, and the
 * weighted log precisions are combined after Chen & Cherry smoothing. Agrees with NLTK 3.8 to
 * 1e-9 and in practice to rounding, NLTK's quirks included (the smoothing methods that look at a
 * single segment see the corpus's last one).
 *
 * An empty hypothesis or reference token list is valid; a hypothesis without references,
 * mismatched lengths or non-string tokens raise {@link MetricInputError}.
 *
 * @param listOfReferences - `listOfReferences[i]`: the tokenized references of `hypotheses[i]`
 * @param hypotheses - tokenized system outputs
 * @param options - weights (default BLEU-4 uniform), smoothing method 0–7 and its parameters
 *
 * @example
 * ```ts
 * const hyp = 'it is a guide to action which ensures that the military always obeys the commands of the party'.split(' ');
 * const ref = 'it is a guide to action that ensures that the military will forever heed party commands'.split(' ');
 * nltkCorpusBleu([[ref]], [hyp]).score; // 0.4208… as NLTK's corpus_bleu
 * nltkCorpusBleu([[ref]], [hyp], { smoothing: 2 }).score; // 0.4550…
 * ```
 */
export function nltkCorpusBleu(
  listOfReferences: readonly (readonly (readonly string[])[])[],
  hypotheses: readonly (readonly string[])[],
  options?: NltkBleuOptions,
): NltkBleuScore {
  const fn = 'nltkCorpusBleu';
  expectTokenLists(fn, 'hypotheses', hypotheses, true);
  if (!Array.isArray(listOfReferences)) throw new MetricInputError(fn, `listOfReferences must be an array, got ${describeValue(listOfReferences)}`);
  expectSameLength(fn, hypotheses.length, listOfReferences.length, 'listOfReferences');
  listOfReferences.forEach((references: unknown, index) => expectTokenLists(fn, `listOfReferences[${index}]`, references, true));
  return scoreCorpus(fn, listOfReferences, hypotheses, resolveNltkOptions(fn, options));
}

/**
 * Sentence-level BLEU with the semantics of NLTK's `sentence_bleu` (a corpus of one segment), on
 * pre-tokenized input and NLTK's 0–1 scale.
 *
 * @param references - the tokenized references, at least one
 * @param hypothesis - the tokenized system output
 * @param options - as for {@link nltkCorpusBleu}
 *
 * @example
 * ```ts
 * const refs = [['the', 'cat', 'is', 'on', 'the', 'mat'], ['there', 'is', 'a', 'cat', 'on', 'the', 'mat']];
 * nltkSentenceBleu(refs, ['the', 'cat', 'the', 'cat', 'on', 'the', 'mat'], { smoothing: 1 }).score; // 0.4671…
 * ```
 */
export function nltkSentenceBleu(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  options?: NltkBleuOptions,
): NltkBleuScore {
  const fn = 'nltkSentenceBleu';
  expectTokenLists(fn, 'references', references, true);
  expectStringArray(fn, 'hypothesis', hypothesis, false);
  return scoreCorpus(fn, [references], [hypothesis], resolveNltkOptions(fn, options));
}
