import { ValueError } from '@dlkit/core';
import { pca } from '../pca.js';
import { Random32 } from '../random.js';
import { checkPerplexity, jointProbabilities, sparseJointProbabilities, squaredDistances } from './affinities.js';
import { exactKlGradient, type KlGradient } from './gradient.js';
import { barnesHutKlGradient } from './space-tree.js';

/** Options of {@link tsne}; the defaults are scikit-learn's and van der Maaten's. */
export interface TsneOptions {
  /** Output dimensions (default 2; at most 3 for Barnes–Hut). */
  components?: number;
  /** The effective number of neighbours each point's Gaussian covers (default 30; must be < the number of points). */
  perplexity?: number;
  /** `'exact'` (O(m²) per iteration) or `'barnes-hut'` (O(m log m)); default exact up to 1,000 points. */
  method?: 'exact' | 'barnes-hut';
  /** Barnes–Hut accuracy: a cell counts as one point when its half-width / distance < θ (default 0.5; 0 is exact). */
  theta?: number;
  /** P is multiplied by this during the first `exaggerationIterations` (default 12). */
  earlyExaggeration?: number;
  /** Iterations with exaggeration and momentum 0.5; after them momentum is 0.8 (default 250). */
  exaggerationIterations?: number;
  /** Step size η, or `'auto'` = max(m / earlyExaggeration / 4, 50) (default, scikit-learn ≥ 1.2). */
  learningRate?: number | 'auto';
  /** Gradient-descent iterations in all (default 1000). */
  iterations?: number;
  /** Starting layout: `'pca'` (default; the top principal components scaled to standard deviation 1e-4), `'random'` (N(0, 1e-4²)) or given rows. */
  init?: 'pca' | 'random' | readonly ArrayLike<number>[];
  /** Seed of the random start (default 0). */
  seed?: number;
  /** Lower bound of the adaptive gains (default 0.01). */
  minGain?: number;
  /** Called after each iteration (e.g. for a progress bar). */
  onIteration?: (iteration: number, iterations: number) => void;
}

/** Result of {@link tsne}. */
export interface TsneResult {
  /** The layout, row-major `[m, components]`, centred on the origin. */
  embedding: Float64Array;
  /** KL(P‖Q) of the final layout (over P's neighbour entries for Barnes–Hut, with the tree's Z). */
  kl: number;
  /** The method that ran. */
  method: 'exact' | 'barnes-hut';
}

/**
 * t-distributed stochastic neighbour embedding (van der Maaten & Hinton 2008; Barnes–Hut: van der
 * Maaten 2014) for plotting embeddings. Input affinities: a Gaussian per point with σ_i found by
 * binary search to match the perplexity (on squared Euclidean distances), symmetrized
 * `p_ij = (p_{j|i} + p_{i|j}) / 2m` — over all points (exact) or each point's ⌊3·perplexity + 1⌋
 * nearest neighbours (Barnes–Hut). Output affinities: Student-t with one degree of freedom.
 * Optimized as van der Maaten's reference code: gradient descent with momentum (0.5, then 0.8),
 * per-coordinate gains (+0.2 when the gradient's sign flips against the last step, ×0.8 otherwise,
 * at least `minGain`), early exaggeration, the layout re-centred each iteration. The gradient is
 * KL's true gradient (factor 4), as scikit-learn's. Seeded: the same input and options give the
 * same layout.
 * @param rows m points of length n.
 * @example
 * ```ts
 * const { embedding } = tsne(words.map((w) => wv.vector(w)), { perplexity: 5, seed: 1 }); // [m, 2]
 * ```
 */
export function tsne(rows: readonly ArrayLike<number>[], options: TsneOptions = {}): TsneResult {
  const m = rows.length;
  const n = rows[0]?.length ?? 0;
  if (m < 2 || n < 1) throw new ValueError(`tsne: need at least 2 points of length >= 1, got ${m} of length ${n}`);
  rows.forEach((row, i) => {
    if (row.length !== n) throw new ValueError(`tsne: row ${i} has length ${row.length}, expected ${n}`);
    for (let d = 0; d < n; d++) if (!Number.isFinite(row[d]!)) throw new ValueError(`tsne: row ${i} has a non-finite value ${row[d]} at ${d}`);
  });
  const {
    components = 2, perplexity = 30, theta = 0.5, earlyExaggeration = 12, exaggerationIterations = 250,
    iterations = 1000, init = 'pca', seed = 0, minGain = 0.01, onIteration,
  } = options;
  const method = options.method ?? (m <= 1000 ? 'exact' : 'barnes-hut');
  checkPerplexity('tsne', perplexity, m);
  if (!Number.isInteger(components) || components < 1) throw new ValueError(`tsne: components must be a positive integer, got ${components}`);
  if (method !== 'exact' && method !== 'barnes-hut') throw new ValueError(`tsne: method must be 'exact' or 'barnes-hut', got ${JSON.stringify(method)}`);
  if (method === 'barnes-hut' && components > 3) throw new ValueError(`tsne: Barnes–Hut needs components <= 3, got ${components}`);
  if (!(theta >= 0)) throw new ValueError(`tsne: theta must be >= 0, got ${theta}`);
  if (!Number.isInteger(iterations) || iterations < 0) throw new ValueError(`tsne: iterations must be a non-negative integer, got ${iterations}`);
  const learningRate = options.learningRate ?? 'auto';
  const eta = learningRate === 'auto' ? Math.max(m / earlyExaggeration / 4, 50) : learningRate;
  if (!(eta > 0)) throw new ValueError(`tsne: learningRate must be positive or 'auto', got ${learningRate}`);

  let objective: (y: Float64Array, exaggeration: number) => KlGradient;
  if (method === 'exact') {
    const p = jointProbabilities(squaredDistances(rows), m, perplexity);
    objective = (y, exaggeration) => exactKlGradient(p, y, m, components, exaggeration);
  } else {
    const p = sparseJointProbabilities(rows, perplexity);
    objective = (y, exaggeration) => barnesHutKlGradient(p, y, components, theta, exaggeration);
  }
  const y = initialLayout(rows, components, init, seed);
  const update = new Float64Array(m * components);
  const gains = new Float64Array(m * components).fill(1);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const exploring = iteration < exaggerationIterations;
    const { gradient } = objective(y, exploring ? earlyExaggeration : 1);
    const momentum = exploring ? 0.5 : 0.8;
    for (let k = 0; k < y.length; k++) {
      const g = gradient[k]!;
      gains[k] = Math.max(minGain, Math.sign(g) !== Math.sign(update[k]!) ? gains[k]! + 0.2 : gains[k]! * 0.8);
      update[k] = momentum * update[k]! - eta * gains[k]! * g;
      y[k]! += update[k]!;
    }
    centre(y, m, components);
    onIteration?.(iteration + 1, iterations);
  }
  return { embedding: y, kl: objective(y, 1).kl, method };
}

function initialLayout(rows: readonly ArrayLike<number>[], components: number, init: TsneOptions['init'], seed: number): Float64Array {
  const m = rows.length;
  if (init === 'random') {
    const random = new Random32(seed);
    return Float64Array.from({ length: m * components }, () => 1e-4 * gaussian(random));
  }
  if (init === 'pca') {
    if (components > rows[0]!.length) throw new ValueError(`tsne: init 'pca' needs components <= the input dimension ${rows[0]!.length}, got ${components}`);
    const { projected } = pca(rows, components);
    let mean = 0;
    for (let i = 0; i < m; i++) mean += projected[i * components]! / m;
    let variance = 0;
    for (let i = 0; i < m; i++) variance += (projected[i * components]! - mean) ** 2 / m;
    const scale = variance > 0 ? 1e-4 / Math.sqrt(variance) : 1;
    return projected.map((x) => x * scale);
  }
  if (!Array.isArray(init) || init.length !== m || init.some((row) => row.length !== components)) {
    throw new ValueError(`tsne: init must be 'pca', 'random' or ${m} rows of length ${components}`);
  }
  return Float64Array.from(init.flatMap((row) => Array.from(row)));
}

function centre(y: Float64Array, m: number, components: number): void {
  for (let d = 0; d < components; d++) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += y[i * components + d]! / m;
    for (let i = 0; i < m; i++) y[i * components + d]! -= mean;
  }
}

/** A standard normal draw (Box–Muller). */
function gaussian(random: Random32): number {
  const u = 1 - random.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextFloat());
}
