import { ValueError } from '@dlkit/core';
import { encodeCorpus, type SentenceSource } from './corpus-ids.js';
import { huffmanTree } from './huffman.js';
import { Random32 } from './random.js';
import { checkInteger, checkRange } from './validate.js';
import { sampleFromCumulative, type Vocabulary } from './vocabulary.js';
import { WordVectors } from './word-vectors.js';

/** Options of {@link trainWord2Vec}: gensim's `Word2Vec` parameters and defaults, in camelCase. */
export interface Word2VecOptions {
  /** Dimensionality of the vectors (default 100). */
  vectorSize?: number;
  /** Maximum distance between the current and a context word (default 5); each position uses a random window 1..window. */
  window?: number;
  /** Ignore words seen fewer times (default 5). */
  minCount?: number;
  /** Keep only the most frequent this many words (default: all), applied after `minCount`. */
  maxVocabSize?: number;
  /** Sub-sampling threshold for frequent words (default 1e-3; 0 disables), see {@link Vocabulary.keepProbabilities}. */
  sample?: number;
  /** Skip-gram when `true`, CBOW when `false` (default, as gensim's `sg=0`). */
  sg?: boolean;
  /** Noise words drawn per positive example (default 5; 0 with `hs` for hierarchical softmax only). */
  negative?: number;
  /** Hierarchical softmax over a Huffman tree (default `false`, as gensim's `hs=0`); may be combined with `negative`. */
  hs?: boolean;
  /** Exponent of the noise distribution `count^nsExponent` (default 0.75). */
  nsExponent?: number;
  /** CBOW: average the context vectors (default `true`) or sum them. */
  cbowMean?: boolean;
  /** Initial learning rate (default 0.025). */
  alpha?: number;
  /** The learning rate decays linearly to this over all epochs (default 0.0001). */
  minAlpha?: number;
  /** Passes over the corpus (default 5). */
  epochs?: number;
  /** Seed of the initialization, window shrinking, sub-sampling and noise draws (default 1). */
  seed?: number;
  /** Called after each epoch. */
  onEpoch?: (info: { epoch: number; alpha: number; wordsTrained: number }) => void;
}

/** The result of {@link trainWord2Vec}. */
export interface Word2VecModel {
  /** The input vectors (gensim's `model.wv`), words by descending frequency. */
  wv: WordVectors;
  /** The training vocabulary (no unknown token). */
  vocabulary: Vocabulary;
  /** The negative-sampling output weights `[size, vectorSize]`, gensim's `syn1neg` (zeros without negative sampling). */
  syn1neg: Float32Array;
  /** The hierarchical-softmax inner-node weights `[size − 1, vectorSize]`, gensim's `syn1` (empty without `hs`). */
  syn1: Float32Array;
  /** Words trained on, summed over epochs, after sub-sampling. */
  wordsTrained: number;
}

const MAX_EXP = 6;
const EXP_TABLE_SIZE = 1000;
/** σ(x) on [−MAX_EXP, MAX_EXP], as the C tool's and gensim's EXP_TABLE. */
const SIGMOID = Float32Array.from({ length: EXP_TABLE_SIZE }, (_, i) => {
  const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
  return e / (e + 1);
});

/**
 * Trains word2vec (Mikolov et al. 2013) with negative sampling and/or hierarchical softmax
 * ({@link huffmanTree}), as gensim's `Word2Vec` and the
 * original C tool: skip-gram (`sg: true`: each context word's input vector predicts the centre
 * word) or CBOW (the mean or sum of the context vectors predicts it), windows shrunk at random,
 * frequent words sub-sampled, noise words drawn from `count^0.75`, the learning rate decaying
 * linearly from `alpha` to `minAlpha`. One tight typed-array loop on one thread (no tensor graph);
 * gensim's σ table and its rule of skipping updates with |x| ≥ 6. Seeded: the same corpus,
 * options and seed give the same vectors. The corpus is read once (it may be an async stream).
 * @example
 * ```ts
 * const { wv } = await trainWord2Vec(sentences, { sg: true, vectorSize: 50, minCount: 1 });
 * wv.mostSimilar({ positive: ['king', 'woman'], negative: ['man'], topn: 1 });
 * ```
 */
export async function trainWord2Vec(corpus: SentenceSource, options: Word2VecOptions = {}): Promise<Word2VecModel> {
  const {
    vectorSize = 100, window = 5, minCount = 5, maxVocabSize, sample = 1e-3, sg = false, negative = 5, hs = false,
    nsExponent = 0.75, cbowMean = true, alpha = 0.025, minAlpha = 0.0001, epochs = 5, seed = 1, onEpoch,
  } = options;
  const fn = 'trainWord2Vec';
  checkInteger(fn, 'vectorSize', vectorSize, 1);
  checkInteger(fn, 'window', window, 1);
  checkInteger(fn, 'negative', negative, hs ? 0 : 1);
  checkInteger(fn, 'epochs', epochs, 1);
  checkRange(fn, 'alpha', alpha, 0, 1);
  checkRange(fn, 'minAlpha', minAlpha, 0, alpha);
  checkRange(fn, 'sample', sample, 0, Number.MAX_VALUE);
  const { vocabulary, ids, starts } = await encodeCorpus(corpus, { minCount, maxSize: maxVocabSize });
  const size = vocabulary.size;
  if (size === 0) throw new ValueError(`${fn}: no word occurs at least minCount = ${minCount} times in the corpus`);
  const rng = new Random32(seed);
  const n = vectorSize;
  // gensim: uniform in [−1, 1) / vectorSize; output weights zero.
  const syn0 = Float32Array.from({ length: size * n }, () => (rng.nextFloat() * 2 - 1) / n);
  const syn1neg = new Float32Array(negative > 0 ? size * n : 0);
  const tree = hs ? huffmanTree(vocabulary.counts) : undefined;
  const syn1 = new Float32Array(hs ? (size - 1) * n : 0);
  const keep = vocabulary.keepProbabilities(sample);
  const noise = vocabulary.negativeSamplingTable(nsExponent);
  const work = new Float32Array(n);
  const neu1 = new Float32Array(n);
  const sentence = new Int32Array(longestSentence(starts));
  const total = ids.length * epochs;
  let processed = 0;
  let wordsTrained = 0;
  let currentAlpha = alpha;

  /** One logistic update of output row `row` of `weights` towards `label`; the input's gradient accumulates in `work`. */
  const logistic = (input: Float32Array, inputOffset: number, weights: Float32Array, row: number, label: number, lr: number): void => {
    let f = 0;
    for (let k = 0; k < n; k++) f += input[inputOffset + k]! * weights[row + k]!;
    if (f <= -MAX_EXP || f >= MAX_EXP) return;
    const g = (label - SIGMOID[Math.trunc((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]!) * lr;
    for (let k = 0; k < n; k++) {
      work[k]! += g * weights[row + k]!;
      weights[row + k]! += g * input[inputOffset + k]!;
    }
  };

  /** The output updates for predicting `target` from `input[inputOffset..]`: the Huffman path (hs), then one positive and `negative` noise words. */
  const updateOutputs = (input: Float32Array, inputOffset: number, target: number, lr: number): void => {
    if (tree !== undefined) {
      const code = tree.codes[target]!;
      const point = tree.points[target]!;
      for (let d = 0; d < code.length; d++) logistic(input, inputOffset, syn1, point[d]! * n, 1 - code[d]!, lr);
    }
    for (let d = 0; d <= negative && negative > 0; d++) {
      let word = target;
      let label = 1;
      if (d > 0) {
        word = sampleFromCumulative(noise, rng.nextFloat());
        if (word === target) continue;
        label = 0;
      }
      logistic(input, inputOffset, syn1neg, word * n, label, lr);
    }
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = 0; s + 1 < starts.length; s++) {
      currentAlpha = Math.max(minAlpha, alpha - ((alpha - minAlpha) * processed) / total);
      let length = 0;
      for (let i = starts[s]!; i < starts[s + 1]!; i++) {
        const word = ids[i]!;
        if (keep[word]! >= 1 || keep[word]! > rng.nextFloat()) sentence[length++] = word;
      }
      processed += starts[s + 1]! - starts[s]!;
      wordsTrained += length;
      for (let i = 0; i < length; i++) {
        const reduced = rng.nextUint32() % window;
        const from = Math.max(0, i - window + reduced);
        const to = Math.min(length, i + window + 1 - reduced);
        const center = sentence[i]!;
        if (sg) {
          for (let j = from; j < to; j++) {
            if (j === i) continue;
            const row = sentence[j]! * n;
            work.fill(0);
            updateOutputs(syn0, row, center, currentAlpha);
            for (let k = 0; k < n; k++) syn0[row + k]! += work[k]!;
          }
          continue;
        }
        neu1.fill(0);
        let count = 0;
        for (let j = from; j < to; j++) {
          if (j === i) continue;
          const row = sentence[j]! * n;
          for (let k = 0; k < n; k++) neu1[k]! += syn0[row + k]!;
          count++;
        }
        if (count === 0) continue;
        if (cbowMean) for (let k = 0; k < n; k++) neu1[k]! /= count;
        work.fill(0);
        updateOutputs(neu1, 0, center, currentAlpha);
        // gensim: the mean's error goes whole to each context word; a sum's is divided by the count.
        if (!cbowMean) for (let k = 0; k < n; k++) work[k]! /= count;
        for (let j = from; j < to; j++) {
          if (j === i) continue;
          const row = sentence[j]! * n;
          for (let k = 0; k < n; k++) syn0[row + k]! += work[k]!;
        }
      }
    }
    onEpoch?.({ epoch, alpha: currentAlpha, wordsTrained });
  }
  return { wv: WordVectors.fromArrays(vocabulary.words, syn0, n), vocabulary, syn1neg, syn1, wordsTrained };
}

function longestSentence(starts: Int32Array): number {
  let longest = 1;
  for (let s = 0; s + 1 < starts.length; s++) longest = Math.max(longest, starts[s + 1]! - starts[s]!);
  return longest;
}
