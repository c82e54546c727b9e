import { alignSequences, type AlignmentStep } from './edit-alignment.js';
import { MetricInputError } from './errors.js';
import { codePoints, splitWhitespace } from './python-text.js';
import { describeValue } from './describe-value.js';
import { expectSameLength, expectStringArray } from './validate.js';

/**
 * An error rate with the edit operations behind it.
 *
 * @example
 * ```ts
 * const { errorRate, substitutions, deletions, insertions, alignments } = wer(hypotheses, references);
 * ```
 */
export interface ErrorRate {
  /** (S + D + I) / N: may exceed 1 when the hypothesis has many insertions. */
  readonly errorRate: number;
  /** S: reference units replaced by another unit. */
  readonly substitutions: number;
  /** D: reference units missing from the hypothesis. */
  readonly deletions: number;
  /** I: hypothesis units with no reference counterpart. */
  readonly insertions: number;
  /** H: reference units matched exactly. */
  readonly hits: number;
  /** N = S + D + H: reference units in all. */
  readonly referenceLength: number;
  /** Hypothesis units in all (S + I + H). */
  readonly hypothesisLength: number;
  /** One minimum-cost alignment per hypothesis–reference pair, in input order. */
  readonly alignments: AlignmentStep[][];
}

function asPairs(fn: string, hypotheses: unknown, references: unknown): [readonly string[], readonly string[]] {
  if (typeof hypotheses === 'string' && typeof references === 'string') return [[hypotheses], [references]];
  if (typeof hypotheses === 'string' || typeof references === 'string') {
    throw new MetricInputError(fn, `expected two strings or two arrays of strings, got ${describeValue(hypotheses)} and ${describeValue(references)}`);
  }
  expectStringArray(fn, 'hypotheses', hypotheses, true);
  expectStringArray(fn, 'references', references, true);
  expectSameLength(fn, hypotheses.length, references.length);
  return [hypotheses, references];
}

function errorRate(
  fn: string,
  unit: string,
  split: (text: string) => string[],
  hypotheses: string | readonly string[],
  references: string | readonly string[],
): ErrorRate {
  const [hypothesisList, referenceList] = asPairs(fn, hypotheses, references);
  const counts = { substitution: 0, deletion: 0, insertion: 0, match: 0 };
  const alignments = hypothesisList.map((hypothesis, i) => {
    const steps = alignSequences(split(referenceList[i]!), split(hypothesis));
    for (const step of steps) counts[step.type] += 1;
    return steps;
  });
  const referenceLength = counts.substitution + counts.deletion + counts.match;
  if (referenceLength === 0) {
    throw new MetricInputError(fn, `the references hold no ${unit}s, so the error rate (errors / reference ${unit}s) is undefined`);
  }
  return {
    errorRate: (counts.substitution + counts.deletion + counts.insertion) / referenceLength,
    substitutions: counts.substitution,
    deletions: counts.deletion,
    insertions: counts.insertion,
    hits: counts.match,
    referenceLength,
    hypothesisLength: counts.substitution + counts.insertion + counts.match,
    alignments,
  };
}

/**
 * Word error rate: the minimum number of word substitutions, deletions and insertions that turn
 * the hypothesis into the reference, divided by the reference length. Words are split on
 * whitespace. For a corpus, edits and reference words are summed over all pairs (as jiwer),
 * not averaged per sentence.
 *
 * @param hypotheses - one hypothesis, or one per segment
 * @param references - the matching reference (one per hypothesis); together they must hold at least one word
 * @returns the rate, the S/D/I/H counts and the word alignment of each pair
 *
 * @example
 * ```ts
 * const result = wer('the cat sat on mat', 'the cat sat on the mat');
 * result.errorRate; // 1 / 6
 * result.deletions; // 1
 * ```
 */
export function wer(hypotheses: string | readonly string[], references: string | readonly string[]): ErrorRate {
  return errorRate('wer', 'word', splitWhitespace, hypotheses, references);
}

/**
 * Character error rate: as {@link wer} over the characters (Unicode code points) of each text,
 * after trimming it and collapsing each run of whitespace into one space (as jiwer).
 *
 * @param hypotheses - one hypothesis, or one per segment
 * @param references - the matching reference (one per hypothesis); together they must hold at least one character
 *
 * @example
 * ```ts
 * cer('kitten', 'sitting').errorRate; // 3 / 7: two substitutions, one deletion
 * ```
 */
export function cer(hypotheses: string | readonly string[], references: string | readonly string[]): ErrorRate {
  return errorRate('cer', 'character', (text) => codePoints(splitWhitespace(text).join(' ')), hypotheses, references);
}
