import { ValueError } from '@dlkit/core';
import { WordVectors } from './word-vectors.js';

/** A pair of words that differ in the biased attribute only, e.g. `['woman', 'man']`. */
export type WordPair = readonly [string, string];

/** How {@link equalize} moves a pair (see there). */
export type EqualizeMethod = 'lab' | 'debiaswe';

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
    const converged = Math.abs(Math.abs(dot(next, v) / Math.sqrt(dot(v, v))) - 1) < 1e-15;
    v = next;
    if (converged) break;
  }
  return dot(v, differences[0]!) < 0 ? v.map((x) => -x) : v;
}

/**
 * Removes the bias component: `e − (e·g / ‖g‖²) g` (the lab's `neutralize`).
 * @returns Float64Array [vectorSize], orthogonal to g.
 * @example neutralize(wv.vector('receptionist'), g)
 */
export function neutralize(e: ArrayLike<number>, g: ArrayLike<number>): Float64Array {
  checkDirection('neutralize', e, g);
  const scale = dot(e, g) / dot(g, g);
  return Float64Array.from(e, (x, d) => x - scale * g[d]!);
}

/**
 * Equalizes a pair so that both are equally far from every neutralized word.
 * `'lab'` (the course's formulas): `μ = (e1 + e2)/2`, `μ_B = (μ·g/‖g‖²) g`, `μ⊥ = μ − μ_B`,
 * `e_iB = (e_i·g/‖g‖²) g`, `ê_iB = √|1 − ‖μ⊥‖²| (e_iB − μ_B) / ‖e_i − μ⊥ − μ_B‖`, result
 * `ê_iB + μ⊥`. `'debiaswe'` (Bolukbasi et al.'s code, for unit vectors): with u_i the unit vectors
 * and ĝ = g/‖g‖, `y = drop((u1 + u2)/2, ĝ)`, `z = √(1 − ‖y‖²)` negated when `(u1 − u2)·ĝ < 0`,
 * results `z ĝ + y` and `−z ĝ + y` (unit vectors).
 * @returns the two equalized vectors, Float64Array [vectorSize] each.
 * @example const [eMan, eWoman] = equalize(wv.vector('man'), wv.vector('woman'), g);
 */
export function equalize(e1: ArrayLike<number>, e2: ArrayLike<number>, g: ArrayLike<number>, method: EqualizeMethod = 'lab'): [Float64Array, Float64Array] {
  checkDirection('equalize', e1, g);
  checkDirection('equalize', e2, g);
  if (method === 'debiaswe') {
    const gHat = unit(g);
    const u1 = unit(e1);
    const u2 = unit(e2);
    const y = neutralize(u1.map((x, d) => (x + u2[d]!) / 2), gHat);
    let z = Math.sqrt(Math.max(0, 1 - dot(y, y)));
    if (dot(u1.map((x, d) => x - u2[d]!), gHat) < 0) z = -z;
    return [y.map((x, d) => z * gHat[d]! + x), y.map((x, d) => -z * gHat[d]! + x)];
  }
  if (method !== 'lab') throw new ValueError(`equalize: method must be 'lab' or 'debiaswe', got ${JSON.stringify(method)}`);
  const gg = dot(g, g);
  const mu = Float64Array.from(e1, (x, d) => (x + e2[d]!) / 2);
  const muB = Float64Array.from(g, (x) => (dot(mu, g) / gg) * x);
  const muOrth = mu.map((x, d) => x - muB[d]!);
  const scale = Math.sqrt(Math.abs(1 - dot(muOrth, muOrth)));
  const corrected = (e: ArrayLike<number>): Float64Array => {
    const eB = Float64Array.from(g, (x) => (dot(e, g) / gg) * x);
    const rest = Float64Array.from(e, (x, d) => x - muOrth[d]! - muB[d]!);
    const restNorm = Math.sqrt(dot(rest, rest));
    return eB.map((x, d) => (scale * (x - muB[d]!)) / restNorm + muOrth[d]!);
  };
  return [corrected(e1), corrected(e2)];
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

function checkDirection(fn: string, e: ArrayLike<number>, g: ArrayLike<number>): void {
  if (e.length !== g.length) throw new ValueError(`${fn}: the vector has length ${e.length} but the direction g has ${g.length}`);
  if (dot(g, g) === 0) throw new ValueError(`${fn}: the direction g is the zero vector`);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

function unit(v: ArrayLike<number>): Float64Array {
  const length = Math.sqrt(dot(v, v));
  return Float64Array.from(v, (x) => x / length);
}
