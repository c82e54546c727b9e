import { ValueError } from '@dlkit/core';
import { checkInteger, checkRange } from './validate.js';

/** Options of {@link Vocabulary.build} and {@link Vocabulary.fromCounts}. */
export interface VocabularyOptions {
  /** Words seen fewer times are dropped (gensim's `min_count`, default 5). */
  minCount?: number;
  /** Keep at most this many words, the most frequent (default: no limit). The unknown token is not counted. */
  maxSize?: number;
  /**
   * The token that stands for every dropped or unseen word, at index 0, its count the number of
   * dropped occurrences (default `'<unk>'`; `null` for none, as gensim).
   */
  unkToken?: string | null;
}

/**
 * A word list with counts, sorted by descending frequency (ties in order of first occurrence),
 * with the index ↔ word maps and word2vec's frequency tables: sub-sampling keep probabilities and
 * the unigram^0.75 negative-sampling distribution.
 * @example
 * ```ts
 * const vocab = Vocabulary.build('a b a c a b'.split(' '), { minCount: 2 });
 * vocab.words; // ['<unk>', 'a', 'b']
 * vocab.index('c'); // 0 (the unknown token)
 * ```
 */
export class Vocabulary {
  /** index → word. */
  readonly words: readonly string[];
  /** index → count (for the unknown token: the occurrences of dropped words). */
  readonly counts: Float64Array;
  /** Index of the unknown token, or -1 when there is none. */
  readonly unkIndex: number;
  private readonly lookup: Map<string, number>;

  private constructor(words: string[], counts: Float64Array, unkIndex: number) {
    this.words = words;
    this.counts = counts;
    this.unkIndex = unkIndex;
    this.lookup = new Map(words.map((word, i) => [word, i]));
  }

  /**
   * Counts the tokens and keeps the words seen at least `minCount` times (at most `maxSize`).
   * @param tokens any iterable of tokens (e.g. all sentences flattened).
   * @example Vocabulary.build(['x', 'y', 'x'], { minCount: 1, unkToken: null }).words // ['x', 'y']
   */
  static build(tokens: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    const counts = new Map<string, number>();
    for (const token of tokens) {
      if (typeof token !== 'string') throw new ValueError(`Vocabulary.build: tokens must be strings, got ${typeof token}`);
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    return Vocabulary.fromCounts(counts, options);
  }

  /**
   * A vocabulary from word counts already made (a Map keeps its insertion order for ties).
   * @example Vocabulary.fromCounts(new Map([['a', 3], ['b', 1]]), { minCount: 2 }).words // ['<unk>', 'a']
   */
  static fromCounts(counts: ReadonlyMap<string, number>, options: VocabularyOptions = {}): Vocabulary {
    const { minCount = 5, maxSize = Infinity, unkToken = '<unk>' } = options;
    checkInteger('Vocabulary.build', 'minCount', minCount, 1);
    if (maxSize !== Infinity) checkInteger('Vocabulary.build', 'maxSize', maxSize, 1);
    const entries = [...counts].filter(([word, count]) => {
      if (!Number.isFinite(count) || count < 0) throw new ValueError(`Vocabulary.build: the count of ${JSON.stringify(word)} must be a finite number >= 0, got ${count}`);
      return count >= minCount && word !== unkToken;
    });
    entries.sort((a, b) => b[1] - a[1]);
    const kept = entries.slice(0, maxSize);
    let keptTotal = 0;
    for (const [, count] of kept) keptTotal += count;
    let total = 0;
    for (const count of counts.values()) total += count;
    const words = kept.map(([word]) => word);
    const values = kept.map(([, count]) => count);
    if (unkToken !== null) {
      words.unshift(unkToken);
      values.unshift(total - keptTotal);
    }
    return new Vocabulary(words, Float64Array.from(values), unkToken === null ? -1 : 0);
  }

  /** Number of entries, the unknown token included. */
  get size(): number {
    return this.words.length;
  }

  /** Sum of the counts of the kept words (the unknown token excluded): gensim's `retain_total`. */
  get totalCount(): number {
    let total = 0;
    for (let i = 0; i < this.counts.length; i++) if (i !== this.unkIndex) total += this.counts[i]!;
    return total;
  }

  /** Whether `word` is in the vocabulary (the unknown token counts as in it). */
  has(word: string): boolean {
    return this.lookup.has(word);
  }

  /**
   * The index of `word`; an unknown word gets {@link Vocabulary.unkIndex}, or a ValueError when there is no unknown token.
   * @example vocab.index('a') // 1
   */
  index(word: string): number {
    const found = this.lookup.get(word);
    if (found !== undefined) return found;
    if (this.unkIndex >= 0) return this.unkIndex;
    throw new ValueError(`Vocabulary.index: ${JSON.stringify(word)} is not in the vocabulary (and it has no unknown token)`);
  }

  /**
   * The word at `index`.
   * @example vocab.word(1) // 'a'
   */
  word(index: number): string {
    const word = this.words[index];
    if (word === undefined || !Number.isInteger(index)) throw new ValueError(`Vocabulary.word: index must be an integer in [0, ${this.size}), got ${index}`);
    return word;
  }

  /**
   * The indices of `tokens` (unknown words → the unknown token's index).
   * @example vocab.encode(['a', 'zzz']) // Int32Array [1, 0]
   */
  encode(tokens: readonly string[]): Int32Array {
    return Int32Array.from(tokens, (token) => this.index(token));
  }

  /**
   * word2vec's sub-sampling: the probability of keeping each occurrence of each word, gensim's
   * rule `p = (√(c/t) + 1) · t/c` capped at 1, with `t = sample · totalCount` when `sample < 1`,
   * else `t = sample` as an absolute count (gensim: `int(sample · (3 + √5) / 2)`). `sample = 0`
   * keeps everything. The unknown token's probability is 0 (it is never trained).
   * @returns Float64Array [size]
   * @example vocab.keepProbabilities(1e-3)[1] // e.g. 0.0456 for a very frequent word
   */
  keepProbabilities(sample = 1e-3): Float64Array {
    checkRange('Vocabulary.keepProbabilities', 'sample', sample, 0, Number.MAX_VALUE);
    const threshold = sample === 0 ? 0 : sample < 1 ? sample * this.totalCount : Math.trunc((sample * (3 + Math.sqrt(5))) / 2);
    return Float64Array.from(this.counts, (count, i) => {
      if (i === this.unkIndex) return 0;
      if (threshold === 0 || count === 0) return 1;
      return Math.min(1, (Math.sqrt(count / threshold) + 1) * (threshold / count));
    });
  }

  /**
   * The negative-sampling distribution `P(w) ∝ count(w)^exponent` (word2vec's unigram^0.75) as a
   * cumulative table: entry i is `Σ_{j ≤ i} P(j)`, the last entry 1. Draw a word with
   * {@link sampleFromCumulative}. The unknown token has probability 0.
   * @returns Float64Array [size]
   * @example sampleFromCumulative(vocab.negativeSamplingTable(0.75), Math.random())
   */
  negativeSamplingTable(exponent = 0.75): Float64Array {
    checkRange('Vocabulary.negativeSamplingTable', 'exponent', exponent, -Number.MAX_VALUE, Number.MAX_VALUE);
    const weights = Float64Array.from(this.counts, (count, i) => (i === this.unkIndex || count === 0 ? 0 : count ** exponent));
    let total = 0;
    for (const w of weights) total += w;
    if (total === 0) throw new ValueError('Vocabulary.negativeSamplingTable: the vocabulary has no counted word');
    let cumulative = 0;
    return weights.map((w) => (cumulative += w) / total);
  }
}

/**
 * The index drawn from a cumulative table (see {@link Vocabulary.negativeSamplingTable}) for a
 * uniform `u` in [0, 1): the first i with `table[i] > u` (binary search, O(log n)).
 * @example sampleFromCumulative(Float64Array.of(0.25, 1), 0.5) // 1
 */
export function sampleFromCumulative(table: Float64Array, u: number): number {
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
