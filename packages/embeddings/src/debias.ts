import { ValueError } from '@dlkit/core';
import { dot, equalize, type EqualizeMethod, neutralize } from './bias-projection.js';
import { WordVectors } from './word-vectors.js';

/** A pair of words that differ in the biased attribute only, e.g. `['woman', 'man']`. */
export type WordPair = readonly [string, string];

/** Options of {@link debias}. */
export interface DebiasOptions {
  /** The bias direction g, e.g. from {@link biasDirection}. */
  direction: ArrayLike<number>;
  /** Words to neutralize (their component along g removed); words without a vector are skipped. */
  neutralize?: readonly string[];
  /** Pairs to equalize; pairs with a word without a vector are skipped. */
  equalize?: readonly WordPair[];
  /** Equalize formula (default `'lab'`). */
  method?: EqualizeMethod;
}

/**
 * The bias direction g (Bolukbasi et al. 2016): for one pair, `e_a − e_b` (the lab's
 * `g = e_woman − e_man`); for several definitional pairs, the first principal component of the
 * vectors of each pair minus the pair's centre (debiaswe's `doPCA`), a unit vector oriented so the
 * first pair's `e_a − e_b` projects positively on it.
 * @returns Float64Array [vectorSize]
 * @example const g = biasDirection(wv, [['woman', 'man'], ['she', 'he'], ['mother', 'father']]);
 */
export function biasDirection(wv: WordVectors, pairs: WordPair | readonly WordPair[]): Float64Array {
  const list = (typeof pairs[0] === 'string' ? [pairs as WordPair] : (pairs as readonly WordPair[]));
  if (list.length === 0) throw new ValueError('biasDirection: need at least one word pair, got none');
  const n = wv.vectorSize;
  const differences = list.map(([a, b]) => {
    const ea = wv.vector(a);
    const eb = wv.vector(b);
    return Float64Array.from(ea, (x, d) => x - eb[d]!);
  });
  if (list.length === 1) return differences[0]!;
  // Rows ±(e_a − e_b)/2 (each vector minus its pair's centre) have mean zero: C = Σ rows rowsᵀ.
  const rows = differences.flatMap((diff) => [diff.map((x) => x / 2), diff.map((x) => -x / 2)]);
  let v = Float64Array.from(differences[0]!);
  for (let iteration = 0; iteration < 1000; iteration++) {
    const next = new Float64Array(n);
    for (const row of rows) {
      const projection = dot(row, v);
      for (let d = 0; d < n; d++) next[d]! += projection * row[d]!;
    }
    const length = Math.sqrt(dot(next, next));
    if (length === 0) throw new ValueError('biasDirection: the definitional pairs have identical vectors (no direction)');
    next.forEach((x, d) => (next[d] = x / length));
    // C is positive semi-definite, so the iterates keep their sign: compare them entry by entry.
    const vLength = Math.sqrt(dot(v, v));
    const converged = next.reduce((s, x, d) => s + Math.abs(x - v[d]! / vLength), 0) < 1e-14;
    v = next;
    if (converged) break;
  }
  return dot(v, differences[0]!) < 0 ? v.map((x) => -x) : v;
}

/**
 * Hard debiasing: new word vectors with `neutralize` applied to the given words and `equalize`
 * to the given pairs (the other vectors unchanged; the input is not modified).
 * @example
 * ```ts
 * const g = biasDirection(wv, ['woman', 'man']);
 * const fair = debias(wv, { direction: g, neutralize: ['receptionist', 'engineer'], equalize: [['actor', 'actress']] });
 * ```
 */
export function debias(wv: WordVectors, options: DebiasOptions): WordVectors {
  const { direction, neutralize: neutral = [], equalize: pairs = [], method = 'lab' } = options;
  const n = wv.vectorSize;
  const vectors = wv.vectors.slice();
  const put = (word: string, value: Float64Array) => vectors.set(value, wv.index(word) * n);
  for (const word of neutral) if (wv.has(word)) put(word, neutralize(wv.vector(word), direction));
  for (const [a, b] of pairs) {
    if (!wv.has(a) || !wv.has(b)) continue;
    const [ea, eb] = equalize(wv.vector(a), wv.vector(b), direction, method);
    put(a, ea);
    put(b, eb);
  }
  return WordVectors.fromArrays(wv.words, vectors, n);
}
