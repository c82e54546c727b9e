import { encodeCorpus, type SentenceSource } from './corpus-ids.js';
import { Random32 } from './random.js';
import { checkInteger, checkRange } from './validate.js';
import type { Vocabulary } from './vocabulary.js';
import { WordVectors } from './word-vectors.js';

/** Options of {@link trainGlove}: the GloVe reference code's parameters and defaults, in camelCase. */
export interface GloveOptions {
  /** Dimensionality of the vectors (default 50). */
  vectorSize?: number;
  /** Symmetric context window; a pair at distance d adds 1/d (default 15). */
  window?: number;
  /** Ignore words seen fewer times (default 5). */
  minCount?: number;
  /** Keep only the most frequent this many words (default: all). */
  maxVocabSize?: number;
  /** Cut-off of the weighting `f(x) = min(1, (x/xMax)^alpha)` (default 100). */
  xMax?: number;
  /** Exponent of the weighting (default 0.75). */
  alpha?: number;
  /** AdaGrad's initial learning rate (default 0.05). */
  learningRate?: number;
  /** Passes over the co-occurrence entries, shuffled each time (default 25). */
  epochs?: number;
  /** Seed of the initialization and shuffling (default 1). */
  seed?: number;
  /** Called after each epoch with its mean weighted squared error `½ Σ f(x)(wᵢ·c̃ⱼ + bᵢ + b̃ⱼ − log x)² / entries`. */
  onEpoch?: (info: { epoch: number; loss: number }) => void;
}

/** The result of {@link trainGlove}. */
export interface GloveModel {
  /** Word + context vectors summed, as the reference's default output (`model = 2`). */
  wv: WordVectors;
  /** The vocabulary trained on (after `minCount`/`maxVocabSize`); its word `i` is row `i` of `wv`. */
  vocabulary: Vocabulary;
  /** Number of non-zero co-occurrence entries trained on. */
  entries: number;
  /** Loss of each epoch. */
  losses: number[];
}

/** Step components are clipped to ±100, as the reference `glove.c` (its 1.2 form: the learning rate applied once, to the biases too). */
const GRAD_CLIP = 100;

/**
 * Trains GloVe (Pennington et al. 2014) as the reference code: co-occurrence counts in a symmetric
 * window weighted 1/distance (each sentence separately, out-of-vocabulary words dropped), then
 * weighted least squares `Σ f(Xᵢⱼ)(wᵢ·c̃ⱼ + bᵢ + b̃ⱼ − log Xᵢⱼ)²` with `f(x) = min(1, (x/xMax)^0.75)`,
 * by AdaGrad (learning rate 0.05, squared-gradient sums starting at 1) over the shuffled non-zero
 * entries; the result is `W + W̃`. The co-occurrences are held as a sparse map (memory grows with
 * the number of distinct pairs, not with the corpus).
 * @example
 * ```ts
 * const { wv, losses } = await trainGlove(sentences, { vectorSize: 50, window: 10, epochs: 25 });
 * ```
 */
export async function trainGlove(corpus: SentenceSource, options: GloveOptions = {}): Promise<GloveModel> {
  const { vectorSize = 50, window = 15, minCount = 5, maxVocabSize, xMax = 100, alpha = 0.75, learningRate = 0.05, epochs = 25, seed = 1, onEpoch } = options;
  const fn = 'trainGlove';
  checkInteger(fn, 'vectorSize', vectorSize, 1);
  checkInteger(fn, 'window', window, 1);
  checkInteger(fn, 'epochs', epochs, 1);
  checkRange(fn, 'xMax', xMax, Number.MIN_VALUE, Number.MAX_VALUE);
  checkRange(fn, 'alpha', alpha, 0, Number.MAX_VALUE);
  checkRange(fn, 'learningRate', learningRate, Number.MIN_VALUE, Number.MAX_VALUE);
  const { vocabulary, ids, starts } = await encodeCorpus(corpus, { minCount, maxSize: maxVocabSize });
  const size = vocabulary.size;
  const cooccur = new Map<number, number>();
  for (let s = 0; s + 1 < starts.length; s++) {
    for (let i = starts[s]!; i < starts[s + 1]!; i++) {
      for (let j = Math.max(starts[s]!, i - window); j < i; j++) {
        const weight = 1 / (i - j);
        const a = ids[i]! * size + ids[j]!;
        const b = ids[j]! * size + ids[i]!;
        cooccur.set(a, (cooccur.get(a) ?? 0) + weight);
        cooccur.set(b, (cooccur.get(b) ?? 0) + weight);
      }
    }
  }
  const entries = cooccur.size;
  const rows = new Int32Array(entries);
  const cols = new Int32Array(entries);
  const values = new Float64Array(entries);
  let e = 0;
  for (const [key, value] of cooccur) {
    rows[e] = Math.floor(key / size);
    cols[e] = key % size;
    values[e++] = value;
  }
  const n = vectorSize;
  const stride = n + 1;
  const rng = new Random32(seed);
  // Word rows then context rows, each [vector, bias]; the reference's (rand − 0.5)/vectorSize.
  const W = Float64Array.from({ length: 2 * size * stride }, () => (rng.nextFloat() - 0.5) / n);
  const gradsq = new Float64Array(2 * size * stride).fill(1);
  const update1 = new Float64Array(n);
  const update2 = new Float64Array(n);
  const order = Int32Array.from({ length: entries }, (_, k) => k);
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = entries - 1; k > 0; k--) {
      const swap = rng.nextUint32() % (k + 1);
      [order[k], order[swap]] = [order[swap]!, order[k]!];
    }
    let cost = 0;
    for (let t = 0; t < entries; t++) {
      const entry = order[t]!;
      const l1 = rows[entry]! * stride;
      const l2 = (size + cols[entry]!) * stride;
      let diff = W[l1 + n]! + W[l2 + n]! - Math.log(values[entry]!);
      for (let d = 0; d < n; d++) diff += W[l1 + d]! * W[l2 + d]!;
      const x = values[entry]!;
      let fdiff = x > xMax ? diff : (x / xMax) ** alpha * diff;
      cost += 0.5 * fdiff * diff;
      fdiff *= learningRate;
      for (let d = 0; d < n; d++) {
        const temp1 = Math.min(Math.max(fdiff * W[l2 + d]!, -GRAD_CLIP), GRAD_CLIP);
        const temp2 = Math.min(Math.max(fdiff * W[l1 + d]!, -GRAD_CLIP), GRAD_CLIP);
        update1[d] = temp1 / Math.sqrt(gradsq[l1 + d]!);
        update2[d] = temp2 / Math.sqrt(gradsq[l2 + d]!);
        gradsq[l1 + d]! += temp1 * temp1;
        gradsq[l2 + d]! += temp2 * temp2;
      }
      for (let d = 0; d < n; d++) {
        W[l1 + d]! -= update1[d]!;
        W[l2 + d]! -= update2[d]!;
      }
      W[l1 + n]! -= fdiff / Math.sqrt(gradsq[l1 + n]!);
      W[l2 + n]! -= fdiff / Math.sqrt(gradsq[l2 + n]!);
      gradsq[l1 + n]! += fdiff * fdiff;
      gradsq[l2 + n]! += fdiff * fdiff;
    }
    losses.push(cost / entries);
    onEpoch?.({ epoch, loss: cost / entries });
  }
  const vectors = new Float32Array(size * n);
  for (let w = 0; w < size; w++) for (let d = 0; d < n; d++) vectors[w * n + d] = W[w * stride + d]! + W[(size + w) * stride + d]!;
  return { wv: WordVectors.fromArrays(vocabulary.words, vectors, n), vocabulary, entries, losses };
}
