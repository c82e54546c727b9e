import { ValueError } from '@dlkit/core';
import { equalize, type EqualizeMethod, neutralize } from './bias-projection.js';
import { type AnalogiesResult, type EvaluateOptions, evaluateAnalogies, evaluateWordPairs, type WordPairsResult } from './evaluate.js';
import { readGlove, toGloveText } from './formats/glove.js';
import { readWord2vec, toWord2vecBinary, toWord2vecText, type Word2vecBinaryWriteOptions, type Word2vecReadOptions } from './formats/word2vec.js';
import { topK } from './top-k.js';

/** A query term of {@link WordVectors.mostSimilar}: a word, or a vector of length `vectorSize`. */
export type Query = string | ArrayLike<number>;

/** Options of {@link WordVectors.mostSimilar} and {@link WordVectors.mostSimilarCosmul}. */
export interface MostSimilarOptions {
  /** Terms that pull towards the answer (the course's `e_b` and `e_c`). */
  positive?: readonly Query[];
  /** Terms that push away from it (the course's `e_a`). */
  negative?: readonly Query[];
  /** How many results (default 10). */
  topn?: number;
  /** Search only the first (most frequent) this many words (default: all), gensim's `restrict_vocab`. */
  restrictVocab?: number;
}

/** One result: the word and its score (cosine similarity, or the 3CosMul objective). */
export type Neighbour = [word: string, score: number];

/**
 * A set of word vectors, like gensim's `KeyedVectors`: lookups, cosine similarity, nearest
 * neighbours and analogies over the row-normalized matrix (computed once, lazily). Vectors are
 * float32 `[size, vectorSize]` in one buffer; a zero vector has a zero unit vector (similarity 0).
 * @example
 * ```ts
 * const wv = WordVectors.fromArrays(['king', 'queen', 'man', 'woman'], vectors);
 * wv.mostSimilar({ positive: ['woman', 'king'], negative: ['man'], topn: 1 }); // [['queen', 0.87]]
 * ```
 */
export class WordVectors {
  /** index → word (for trained vectors: by descending frequency). */
  readonly words: readonly string[];
  /** Length of each vector. */
  readonly vectorSize: number;
  /** The vectors, row-major `[size, vectorSize]`. */
  readonly vectors: Float32Array;
  private readonly lookup: Map<string, number>;
  private unit: Float32Array | undefined;

  private constructor(words: readonly string[], vectors: Float32Array, vectorSize: number) {
    this.words = words;
    this.vectors = vectors;
    this.vectorSize = vectorSize;
    this.lookup = new Map();
    words.forEach((word, i) => {
      if (typeof word !== 'string') throw new ValueError(`WordVectors.fromArrays: words must be strings, got ${typeof word} at ${i}`);
      if (this.lookup.has(word)) throw new ValueError(`WordVectors.fromArrays: duplicate word ${JSON.stringify(word)} at ${i}`);
      this.lookup.set(word, i);
    });
  }

  /**
   * Word vectors from words and one vector per word (arrays of numbers), or one flat row-major
   * buffer with `vectorSize` given. The values are copied (as float32).
   * @example WordVectors.fromArrays(['a', 'b'], [[1, 0], [0, 1]]).similarity('a', 'b') // 0
   */
  static fromArrays(words: readonly string[], vectors: readonly ArrayLike<number>[] | Float32Array, vectorSize?: number): WordVectors {
    if (vectors instanceof Float32Array) {
      if (vectorSize === undefined || !Number.isInteger(vectorSize) || vectorSize < 1 || vectors.length !== words.length * vectorSize) {
        throw new ValueError(`WordVectors.fromArrays: a flat buffer needs vectorSize with length = words × vectorSize, got length ${vectors.length}, ${words.length} words, vectorSize ${String(vectorSize)}`);
      }
      return new WordVectors([...words], vectors.slice(), vectorSize);
    }
    if (vectors.length !== words.length) throw new ValueError(`WordVectors.fromArrays: got ${words.length} words but ${vectors.length} vectors`);
    const size = vectorSize ?? vectors[0]?.length ?? 0;
    if (!Number.isInteger(size) || size < 1) throw new ValueError(`WordVectors.fromArrays: vectors must have length >= 1, got ${size}`);
    const flat = new Float32Array(words.length * size);
    vectors.forEach((vector, i) => {
      if (vector.length !== size) throw new ValueError(`WordVectors.fromArrays: vector ${i} (${JSON.stringify(words[i])}) has length ${vector.length}, expected ${size}`);
      for (let d = 0; d < size; d++) {
        const value = vector[d]!;
        if (!Number.isFinite(value)) throw new ValueError(`WordVectors.fromArrays: vector ${i} (${JSON.stringify(words[i])}) has a non-finite value ${value} at ${d}`);
        flat[i * size + d] = value;
      }
    });
    return new WordVectors([...words], flat, size);
  }

  /**
   * Reads the word2vec text or binary format, as gensim's `load_word2vec_format` (see {@link readWord2vec}).
   * @param data the file's bytes (binary by default) or text.
   * @example WordVectors.fromWord2vec(readFileSync('vectors.bin'), { binary: true })
   */
  static fromWord2vec(data: Uint8Array | string, options: Word2vecReadOptions = {}): WordVectors {
    return readWord2vec(data, options);
  }

  /**
   * Reads the GloVe text format (no header), see {@link readGlove}.
   * @example WordVectors.fromGlove(readFileSync('glove.6B.50d.txt', 'utf8'))
   */
  static fromGlove(data: Uint8Array | string): WordVectors {
    return readGlove(data);
  }

  /**
   * The word2vec binary format, byte for byte as gensim writes it (see {@link toWord2vecBinary}).
   * @example writeFileSync('vectors.bin', wv.toWord2vecBinary())
   */
  toWord2vecBinary(options: Word2vecBinaryWriteOptions = {}): Uint8Array {
    return toWord2vecBinary(this, options);
  }

  /**
   * The word2vec text format, as gensim writes it (see {@link toWord2vecText}).
   * @example writeFileSync('vectors.txt', wv.toWord2vecText())
   */
  toWord2vecText(): string {
    return toWord2vecText(this);
  }

  /**
   * The GloVe text format (see {@link toGloveText}).
   * @example writeFileSync('vectors.glove.txt', wv.toGloveText())
   */
  toGloveText(): string {
    return toGloveText(this);
  }

  /** Number of words. */
  get size(): number {
    return this.words.length;
  }

  /** Whether `word` has a vector. */
  has(word: string): boolean {
    return this.lookup.has(word);
  }

  /**
   * The row of `word`; a ValueError names a missing word.
   * @example wv.index('king') // 0
   */
  index(word: string): number {
    const found = this.lookup.get(word);
    if (found === undefined) throw new ValueError(`WordVectors: word ${JSON.stringify(word)} is not in the vocabulary (${this.size} words)`);
    return found;
  }

  /**
   * A copy of the vector of `word` (`norm: true`: of its unit vector).
   * @returns Float32Array [vectorSize]
   * @example wv.vector('king') // Float32Array(100) […]
   */
  vector(word: string, options: { norm?: boolean } = {}): Float32Array {
    const row = this.index(word) * this.vectorSize;
    const source = options.norm === true ? this.unitVectors() : this.vectors;
    return source.slice(row, row + this.vectorSize);
  }

  /**
   * The row-normalized matrix `[size, vectorSize]` (gensim's `get_normed_vectors()`), computed once.
   * @example wv.unitVectors().length // wv.size * wv.vectorSize
   */
  unitVectors(): Float32Array {
    if (this.unit === undefined) {
      const n = this.vectorSize;
      const unit = new Float32Array(this.vectors.length);
      for (let row = 0; row < this.vectors.length; row += n) {
        let sum = 0;
        for (let d = 0; d < n; d++) sum += this.vectors[row + d]! ** 2;
        const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
        for (let d = 0; d < n; d++) unit[row + d] = this.vectors[row + d]! * scale;
      }
      this.unit = unit;
    }
    return this.unit;
  }

  /**
   * The lab's `neutralize` of this word's vector: `e − (e·g / ‖g‖²) g`, orthogonal to the bias
   * direction g (see {@link neutralize}). The word vectors are not changed; {@link debias} makes new ones.
   * @returns Float64Array [vectorSize]
   * @example wv.neutralize('receptionist', biasDirection(wv, ['woman', 'man']))
   */
  neutralize(word: string, g: ArrayLike<number>): Float64Array {
    return neutralize(this.vector(word), g);
  }

  /**
   * The lab's `equalize` of a pair (`method: 'debiaswe'`: Bolukbasi et al.'s code), see {@link equalize}:
   * the two vectors end up symmetric about the plane orthogonal to g.
   * @returns the two equalized vectors, Float64Array [vectorSize] each.
   * @example const [eActor, eActress] = wv.equalize('actor', 'actress', g);
   */
  equalize(word1: string, word2: string, g: ArrayLike<number>, method: EqualizeMethod = 'lab'): [Float64Array, Float64Array] {
    return equalize(this.vector(word1), this.vector(word2), g, method);
  }

  /**
   * Cosine similarity of two words, `e_a·e_b / (‖e_a‖‖e_b‖)`.
   * @example wv.similarity('king', 'queen') // 0.65
   */
  similarity(a: string, b: string): number {
    const unit = this.unitVectors();
    return dotRows(unit, this.index(a) * this.vectorSize, unit, this.index(b) * this.vectorSize, this.vectorSize);
  }

  /**
   * Nearest words to the mean of the unit vectors of `positive` minus those of `negative`
   * (3CosAdd: for the analogy a : b :: c : ?, `positive: [b, c], negative: [a]` ranks words by
   * `cos(w, e_b − e_a + e_c)` after normalizing). Query words are excluded from the results, as
   * in gensim's `most_similar`; a query given as a vector is used as it is (not normalized), as gensim.
   * @example wv.mostSimilar({ positive: ['woman', 'king'], negative: ['man'], topn: 3 })
   */
  mostSimilar(options: MostSimilarOptions): Neighbour[] {
    const { terms, exclude, topn, limit } = this.parseQuery('mostSimilar', options);
    const n = this.vectorSize;
    const mean = new Float64Array(n);
    for (const { unit, weight } of terms) for (let d = 0; d < n; d++) mean[d]! += weight * unit[d]!;
    normalizeInPlace(mean);
    const scores = this.scoresAgainst(mean, limit);
    return this.collect(scores, topn, exclude, limit);
  }

  /**
   * Analogies by 3CosMul (Levy & Goldberg 2014), as gensim's `most_similar_cosmul`: ranks words by
   * `Π_pos (1 + cos(w, p))/2 / (Π_neg (1 + cos(w, n))/2 + 1e-6)`, excluding the query words.
   * @example wv.mostSimilarCosmul({ positive: ['woman', 'king'], negative: ['man'], topn: 3 })
   */
  mostSimilarCosmul(options: MostSimilarOptions): Neighbour[] {
    const { terms, exclude, topn, limit } = this.parseQuery('mostSimilarCosmul', options);
    const positive = new Float64Array(limit).fill(1);
    const negative = new Float64Array(limit).fill(1);
    let anyNegative = false;
    for (const { unit, weight } of terms) {
      const cos = this.scoresAgainst(unit, limit);
      const target = weight > 0 ? positive : negative;
      anyNegative ||= weight < 0;
      for (let i = 0; i < limit; i++) target[i]! *= (1 + cos[i]!) / 2;
    }
    const scores = new Float64Array(limit);
    for (let i = 0; i < limit; i++) scores[i] = positive[i]! / ((anyNegative ? negative[i]! : 1) + 1e-6);
    return this.collect(scores, topn, exclude, limit);
  }

  /**
   * The word that fits least: the one whose unit vector has the lowest cosine with the normalized
   * mean of the unit vectors (gensim's `doesnt_match`; words without a vector are ignored).
   * @example wv.doesntMatch(['breakfast', 'cereal', 'dinner', 'lunch']) // 'cereal'
   */
  doesntMatch(words: readonly string[]): string {
    const used = words.filter((word) => this.has(word));
    if (used.length === 0) throw new ValueError(`WordVectors.doesntMatch: none of ${JSON.stringify(words)} is in the vocabulary`);
    const n = this.vectorSize;
    const unit = this.unitVectors();
    const mean = new Float64Array(n);
    for (const word of used) {
      const row = this.index(word) * n;
      for (let d = 0; d < n; d++) mean[d]! += unit[row + d]! / used.length;
    }
    normalizeInPlace(mean);
    let worst = used[0]!;
    let worstScore = Infinity;
    for (const word of used) {
      const row = this.index(word) * n;
      let dot = 0;
      for (let d = 0; d < n; d++) dot += unit[row + d]! * mean[d]!;
      if (dot < worstScore || (dot === worstScore && word < worst)) [worst, worstScore] = [word, dot];
    }
    return worst;
  }

  /**
   * Correlation of cosine similarities with human scores, as gensim's `evaluate_word_pairs`: lines
   * `word1<delimiter>word2<delimiter>score` (WordSim-353, SimLex-999 form; `#` lines and malformed
   * lines skipped), Spearman (average ranks for ties) and Pearson correlations, the OOV percentage.
   * @param text the file's contents.
   * @example wv.evaluateWordPairs('king\tqueen\t8.5\nking\tcabbage\t0.2\n…').spearman
   */
  evaluateWordPairs(text: string, options: EvaluateOptions & { delimiter?: string } = {}): WordPairsResult {
    return evaluateWordPairs(this, text, options);
  }

  /**
   * Analogy accuracy in the Google analogy format (`questions-words.txt`: `: section` headers, then
   * `a b c d` lines meaning a : b :: c : d), as gensim's `evaluate_word_analogies`: the answer is the
   * best of the top 5 of {@link WordVectors.mostSimilar}`({ positive: [b, c], negative: [a] })` that
   * is not a question word; questions with a word outside the first `restrictVocab` words are skipped.
   * @param text the file's contents.
   * @example wv.evaluateAnalogies(': family\nman woman king queen\n').score // 1
   */
  evaluateAnalogies(text: string, options: EvaluateOptions = {}): AnalogiesResult {
    return evaluateAnalogies(this, text, options);
  }

  /** Cosine of every unit row in [0, limit) with `direction` (already unit length or not: not divided). */
  private scoresAgainst(direction: ArrayLike<number>, limit: number): Float64Array {
    const n = this.vectorSize;
    const unit = this.unitVectors();
    const scores = new Float64Array(limit);
    for (let i = 0; i < limit; i++) {
      const row = i * n;
      let dot = 0;
      for (let d = 0; d < n; d++) dot += unit[row + d]! * direction[d]!;
      scores[i] = dot;
    }
    return scores;
  }

  private collect(scores: Float64Array, topn: number, exclude: ReadonlySet<number>, limit: number): Neighbour[] {
    return topK(scores, topn + exclude.size, limit)
      .filter((i) => !exclude.has(i))
      .slice(0, topn)
      .map((i): Neighbour => [this.words[i]!, scores[i]!]);
  }

  private parseQuery(fn: string, options: MostSimilarOptions): { terms: { unit: Float64Array; weight: number }[]; exclude: Set<number>; topn: number; limit: number } {
    const { positive = [], negative = [], topn = 10, restrictVocab = this.size } = options;
    if (!Number.isInteger(topn) || topn < 0) throw new ValueError(`WordVectors.${fn}: topn must be an integer >= 0, got ${String(topn)}`);
    if (!Number.isInteger(restrictVocab) || restrictVocab < 1) throw new ValueError(`WordVectors.${fn}: restrictVocab must be an integer >= 1, got ${String(restrictVocab)}`);
    if (positive.length + negative.length === 0) throw new ValueError(`WordVectors.${fn}: cannot compute similarity with no input (positive and negative are both empty)`);
    const exclude = new Set<number>();
    const terms = [...positive.map((q) => [q, 1] as const), ...negative.map((q) => [q, -1] as const)].map(([query, weight]) => {
      if (typeof query === 'string') {
        exclude.add(this.index(query));
        return { unit: Float64Array.from(this.vector(query, { norm: true })), weight };
      }
      if (query.length !== this.vectorSize) throw new ValueError(`WordVectors.${fn}: a query vector has length ${query.length}, expected ${this.vectorSize}`);
      return { unit: Float64Array.from(query), weight };
    });
    return { terms, exclude, topn, limit: Math.min(restrictVocab, this.size) };
  }
}

/** @internal The dot product of two rows of length n. */
export function dotRows(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, n: number): number {
  let dot = 0;
  for (let d = 0; d < n; d++) dot += a[aOffset + d]! * b[bOffset + d]!;
  return dot;
}

/** Scales `v` to unit length in place (a zero vector stays zero) and returns it. */
function normalizeInPlace(v: Float64Array): Float64Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let d = 0; d < v.length; d++) v[d]! *= scale;
  }
  return v;
}
