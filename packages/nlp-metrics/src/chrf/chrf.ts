import { clippedMatches, countNgrams } from '../ngrams.js';
import { referenceCountLabel } from '../reference-count.js';
import { SACREBLEU_VERSION } from '../sacrebleu-version.js';
import { expectReferenceSets, expectString, expectStringArray } from '../validate.js';
import { chrFScore, type ChrFStatistics } from './f-score.js';
import { resolveChrFOptions, type ChrFOptions, type ChrFSettings } from './options.js';
import { chrFCharacters, chrFWords } from './units.js';

/**
 * A chrF or chrF++ score with what sacreBLEU reports about it.
 *
 * @example
 * ```ts
 * const { score, name, signature } = chrF(hypotheses, references, { wordOrder: 2 }); // name: 'chrF2++'
 * ```
 */
export interface ChrFScore {
  /** chrF on the 0–100 scale. */
  readonly score: number;
  /** sacreBLEU's name for the variant: `chrF2` for chrF, `chrF2++` for chrF++ (β, then one `+` per word order). */
  readonly name: string;
  /** sacreBLEU's signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
  readonly signature: string;
}

const sum = (counts: readonly number[]): number => counts.reduce((total, count) => total + count, 0);

/**
 * The statistics against the reference that gives the segment its best score (the first, on a
 * tie): per order (characters 1…charOrder, then words 1…wordOrder) hypothesis n-grams, reference
 * n-grams and clipped matches.
 */
function segmentStatistics(hypothesis: string, references: readonly string[], settings: ChrFSettings): ChrFStatistics {
  const characters = (text: string): string[] => chrFCharacters(text, settings.whitespace);
  const byOrder = countNgrams([characters(hypothesis), ...references.map(characters)], settings.charOrder);
  if (settings.wordOrder > 0) byOrder.push(...countNgrams([chrFWords(hypothesis), ...references.map(chrFWords)], settings.wordOrder));

  let best: ChrFStatistics = [];
  let bestScore = -1;
  references.forEach((_, r) => {
    const statistics = byOrder.flatMap(([hypothesisCounts, ...referenceCounts]) => {
      const referenceTotal = sum(referenceCounts[r]!);
      // sacreBLEU counts no hypothesis n-grams for an order the reference has none of.
      return [referenceTotal > 0 ? sum(hypothesisCounts!) : 0, referenceTotal, clippedMatches(hypothesisCounts!, referenceCounts[r]!)];
    });
    const score = chrFScore(statistics, settings);
    if (score > bestScore) {
      bestScore = score;
      best = statistics;
    }
  });
  return best;
}

function chrFSignature(settings: ChrFSettings, referenceCount: number | 'var'): string {
  return [
    `nrefs:${referenceCount}`,
    `case:${settings.lowercase ? 'lc' : 'mixed'}`,
    `eff:${settings.epsSmoothing ? 'no' : 'yes'}`,
    `nc:${settings.charOrder}`,
    `nw:${settings.wordOrder}`,
    `space:${settings.whitespace ? 'yes' : 'no'}`,
    `version:${SACREBLEU_VERSION}`,
  ].join('|');
}

function scoreCorpus(hypotheses: readonly string[], references: readonly (readonly string[])[], settings: ChrFSettings): ChrFScore {
  const prepare = (text: string): string => (settings.lowercase ? text.toLowerCase() : text);
  const totals: ChrFStatistics = new Array<number>(3 * (settings.charOrder + settings.wordOrder)).fill(0);
  hypotheses.forEach((hypothesis, index) => {
    const statistics = segmentStatistics(prepare(hypothesis), references[index]!.map(prepare), settings);
    statistics.forEach((value, i) => (totals[i]! += value));
  });
  return {
    score: chrFScore(totals, settings),
    name: `chrF${settings.beta}${'+'.repeat(settings.wordOrder)}`,
    signature: chrFSignature(settings, referenceCountLabel(references)),
  };
}

/**
 * Corpus-level chrF (Popović 2015) and chrF++ (Popović 2017, `wordOrder: 2`) exactly as
 * sacreBLEU 2.6.0 computes them: character n-gram (orders 1–6) and optional word n-gram
 * precision and recall, summed over the corpus, combined into F_β with β = 2. With several
 * references, each segment uses the one it scores best against.
 *
 * `references[i]` holds every reference of `hypotheses[i]`. Empty strings are valid; an empty
 * corpus, a hypothesis without references, mismatched lengths or non-strings raise
 * {@link MetricInputError}.
 *
 * @param hypotheses - system outputs, one string per segment
 * @param references - `references[i]`: the references of `hypotheses[i]`, at least one
 * @param options - orders, β, case, whitespace and smoothing; sacreBLEU's defaults
 *
 * @example
 * ```ts
 * chrF(['The cat sat on the mat.'], [['The cat is on the mat.']]).score; // 67.17…
 * chrF(['The cat sat on the mat.'], [['The cat is on the mat.']], { wordOrder: 2 }).name; // 'chrF2++'
 * ```
 */
export function chrF(hypotheses: readonly string[], references: readonly (readonly string[])[], options?: ChrFOptions): ChrFScore {
  const fn = 'chrF';
  expectStringArray(fn, 'hypotheses', hypotheses, true);
  expectReferenceSets(fn, 'references', references, hypotheses.length);
  return scoreCorpus(hypotheses, references, resolveChrFOptions(fn, options));
}

/**
 * Sentence-level chrF/chrF++ as sacreBLEU's `sentence_chrf` (a corpus of one segment).
 *
 * @param hypothesis - one system output
 * @param references - its references, at least one
 * @param options - as for {@link chrF}
 *
 * @example
 * ```ts
 * sentenceChrF('The cat sat on the mat.', ['The cat is on the mat.']).score; // 67.17…
 * ```
 */
export function sentenceChrF(hypothesis: string, references: readonly string[], options?: ChrFOptions): ChrFScore {
  const fn = 'sentenceChrF';
  expectString(fn, 'hypothesis', hypothesis);
  expectStringArray(fn, 'references', references, true);
  return scoreCorpus([hypothesis], [references], resolveChrFOptions(fn, options));
}
