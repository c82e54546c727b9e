import { referenceCountLabel } from '../reference-count.js';
import { expectReferenceSets, expectString, expectStringArray } from '../validate.js';
import { computeBleu } from './compute.js';
import { resolveBleuOptions, type BleuOptions, type BleuSettings } from './options.js';
import { bleuSignature } from './signature.js';
import { addSegment, emptyStatistics } from './statistics.js';
import { bleuWords } from './tokenizers.js';

/**
 * A BLEU score with everything sacreBLEU reports about it.
 *
 * @example
 * ```ts
 * const { score, precisions, brevityPenalty, signature } = corpusBleu(hypotheses, references);
 * ```
 */
export interface BleuScore {
  /** BLEU on the 0–100 scale. */
  readonly score: number;
  /** `precisions[n - 1]`: the (smoothed) modified n-gram precision on the 0–100 scale; 0 for orders never reached. */
  readonly precisions: number[];
  /** `counts[n - 1]`: matched (clipped) hypothesis n-grams, before any `add-k` smoothing. */
  readonly counts: number[];
  /** `totals[n - 1]`: hypothesis n-grams, before any `add-k` smoothing. */
  readonly totals: number[];
  /** exp(1 − r/c) when the hypotheses are shorter than the references, else 1 (0 for empty hypotheses). */
  readonly brevityPenalty: number;
  /** c: hypothesis tokens in all. */
  readonly hypothesisLength: number;
  /** r: the sum of the reference lengths closest to each hypothesis length. */
  readonly referenceLength: number;
  /** c / r, or 0 when r is 0. */
  readonly ratio: number;
  /** sacreBLEU's reproducibility signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  readonly signature: string;
}

function words(text: string, settings: BleuSettings): string[] {
  return bleuWords(settings.lowercase ? text.toLowerCase() : text, settings.tokenize);
}

function scoreCorpus(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  settings: BleuSettings,
): BleuScore {
  const statistics = emptyStatistics(settings.maxNgramOrder);
  hypotheses.forEach((hypothesis, index) => {
    addSegment(statistics, words(hypothesis, settings), references[index]!.map((reference) => words(reference, settings)));
  });
  const { hypothesisLength, referenceLength, counts, totals } = statistics;
  return {
    ...computeBleu(statistics, settings),
    counts,
    totals,
    hypothesisLength,
    referenceLength,
    ratio: referenceLength === 0 ? 0 : hypothesisLength / referenceLength,
    signature: bleuSignature(settings, referenceCountLabel(references)),
  };
}

/**
 * Corpus-level BLEU exactly as sacreBLEU computes it (`sacrebleu.corpus_bleu`): clipped n-gram
 * matches and totals summed over all segments, the brevity penalty from the summed lengths, the
 * geometric mean of the 1- to 4-gram precisions. Same scores as sacreBLEU 2.6.0 on the same input.
 *
 * Unlike sacreBLEU, references are grouped by hypothesis: `references[i]` holds every reference
 * of `hypotheses[i]`, and their number may differ between hypotheses (the signature then says
 * `nrefs:var`). An empty hypothesis or reference string is valid (it has no tokens); an empty
 * corpus, a hypothesis without references, mismatched lengths or non-strings raise
 * {@link MetricInputError}.
 *
 * @param hypotheses - system outputs, one string per segment
 * @param references - `references[i]`: the references of `hypotheses[i]`, at least one
 * @param options - tokenizer, case, smoothing, n-gram order; sacreBLEU's defaults
 * @returns the score (0–100) with its precisions, counts, brevity penalty, lengths and signature
 *
 * @example
 * ```ts
 * const bleu = corpusBleu(
 *   ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'],
 *   [
 *     ['The dog bit the man.', 'The dog had bit the man.'],
 *     ['It was not unexpected.', 'No one was surprised.'],
 *     ['The man bit him first.', 'The man had bitten the dog.'],
 *   ],
 * );
 * bleu.score; // 48.53…, as `sacrebleu.corpus_bleu(hyps, [refsA, refsB])`
 * bleu.signature; // 'nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0'
 * ```
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  options?: BleuOptions,
): BleuScore {
  const fn = 'corpusBleu';
  expectStringArray(fn, 'hypotheses', hypotheses, true);
  expectReferenceSets(fn, 'references', references, hypotheses.length);
  return scoreCorpus(hypotheses, references, resolveBleuOptions(fn, options));
}

/**
 * Sentence-level BLEU as sacreBLEU's `sentence_bleu` (a corpus of one segment). Pass
 * `effectiveOrder: true` for the usual sentence-level variant, which averages only the n-gram
 * orders the hypothesis is long enough to have.
 *
 * @param hypothesis - one system output
 * @param references - its references, at least one
 * @param options - as for {@link corpusBleu}
 *
 * @example
 * ```ts
 * sentenceBleu('The cat is on the mat.', ['The cat sat on the mat.']).score; // 48.89…
 * sentenceBleu('Hello', ['Hello'], { effectiveOrder: true }).score; // 100
 * ```
 */
export function sentenceBleu(hypothesis: string, references: readonly string[], options?: BleuOptions): BleuScore {
  const fn = 'sentenceBleu';
  expectString(fn, 'hypothesis', hypothesis);
  expectStringArray(fn, 'references', references, true);
  return scoreCorpus([hypothesis], [references], resolveBleuOptions(fn, options));
}
