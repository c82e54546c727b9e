import { ValueError } from '@dlkit/core';
import { encodeCorpus, type SentenceSource } from './corpus-ids.js';
import { huffmanTree } from './huffman.js';
import { Random32 } from './random.js';
import { checkInteger, checkRange } from './validate.js';
import type { Vocabulary } from './vocabulary.js';
import { type Word2VecJob } from './word2vec-kernel.js';
import { runWord2VecThreads } from './word2vec-threads.js';
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
  /**
   * Training threads (default 1: this thread, deterministic for a seed). More run Node
   * `worker_threads` that update shared weights without locks (Hogwild, as gensim's `workers`),
   * each on its own part of the corpus: faster on several cores, no longer bit-reproducible.
   */
  workers?: number;
  /** Called after each epoch (with workers: once all threads have finished it). */
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

/**
 * Trains word2vec (Mikolov et al. 2013) with negative sampling and/or hierarchical softmax
 * ({@link huffmanTree}), as gensim's `Word2Vec` and the
 * original C tool: skip-gram (`sg: true`: each context word's input vector predicts the centre
 * word) or CBOW (the mean or sum of the context vectors predicts it), windows shrunk at random,
 * frequent words sub-sampled, noise words drawn from `count^0.75`, the learning rate decaying
 * linearly from `alpha` to `minAlpha`. One tight typed-array loop (no tensor graph), on this
 * thread or on `workers` Node worker threads sharing the weights (Hogwild);
 * gensim's σ table and its rule of skipping updates with |x| ≥ 6. Seeded: on one thread the same
 * corpus, options and seed give the same vectors. The corpus is read once (it may be an async stream).
 * @example
 * ```ts
 * const { wv } = await trainWord2Vec(sentences, { sg: true, vectorSize: 50, minCount: 1 });
 * wv.mostSimilar({ positive: ['king', 'woman'], negative: ['man'], topn: 1 });
 * ```
 */
export async function trainWord2Vec(corpus: SentenceSource, options: Word2VecOptions = {}): Promise<Word2VecModel> {
  const {
    vectorSize = 100, window = 5, minCount = 5, maxVocabSize, sample = 1e-3, sg = false, negative = 5, hs = false,
    nsExponent = 0.75, cbowMean = true, alpha = 0.025, minAlpha = 0.0001, epochs = 5, seed = 1, workers = 1, onEpoch,
  } = options;
  const fn = 'trainWord2Vec';
  checkInteger(fn, 'vectorSize', vectorSize, 1);
  checkInteger(fn, 'window', window, 1);
  checkInteger(fn, 'negative', negative, hs ? 0 : 1);
  checkInteger(fn, 'epochs', epochs, 1);
  checkInteger(fn, 'workers', workers, 1);
  checkRange(fn, 'alpha', alpha, 0, 1);
  checkRange(fn, 'minAlpha', minAlpha, 0, alpha);
  checkRange(fn, 'sample', sample, 0, Number.MAX_VALUE);
  const { vocabulary, ids, starts } = await encodeCorpus(corpus, { minCount, maxSize: maxVocabSize });
  const size = vocabulary.size;
  if (size === 0) throw new ValueError(`${fn}: no word occurs at least minCount = ${minCount} times in the corpus`);
  const rng = new Random32(seed);
  const n = vectorSize;
  const shared = workers > 1;
  /** A typed array over shared memory when threads train together, else ordinary memory. */
  const alloc = <T>(make: new (buffer: ArrayBufferLike) => T, length: number, bytes: number): T =>
    new make(shared ? new SharedArrayBuffer(length * bytes) : new ArrayBuffer(length * bytes));
  // gensim: uniform in [−1, 1) / vectorSize; output weights zero.
  const syn0 = alloc(Float32Array, size * n, 4);
  for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.nextFloat() * 2 - 1) / n;
  const syn1neg = alloc(Float32Array, negative > 0 ? size * n : 0, 4);
  const syn1 = alloc(Float32Array, hs ? (size - 1) * n : 0, 4);
  const tree = hs ? huffmanTree(vocabulary.counts) : undefined;
  const codeStarts = new Int32Array(size + 1);
  tree?.codes.forEach((code, w) => (codeStarts[w + 1] = codeStarts[w]! + code.length));
  const codes = new Uint8Array(codeStarts[size]!);
  const points = new Int32Array(codeStarts[size]!);
  tree?.codes.forEach((code, w) => {
    codes.set(code, codeStarts[w]!);
    points.set(tree.points[w]!, codeStarts[w]!);
  });
  const sharedIds = alloc(Int32Array, ids.length, 4);
  sharedIds.set(ids);
  const sharedStarts = alloc(Int32Array, starts.length, 4);
  sharedStarts.set(starts);
  const progress = alloc(Float64Array, workers, 8);
  const common = {
    syn0, syn1neg, syn1, ids: sharedIds, starts: sharedStarts, keep: vocabulary.keepProbabilities(sample), noise: vocabulary.negativeSamplingTable(nsExponent),
    codeStarts, codes, points, progress, n, window, negative, hs, sg, cbowMean, alpha, minAlpha, epochs,
    total: ids.length * epochs, longestSentence: longestSentence(starts),
  };
  const jobs: Word2VecJob[] = splitSentences(starts, workers).map(([sentenceFrom, sentenceTo], thread) => ({
    ...common, sentenceFrom, sentenceTo, thread, seed: (seed + Math.imul(0x632be5ab, thread + 1)) | 0,
  }));
  const wordsTrained = await runWord2VecThreads(jobs, onEpoch && ((epoch, currentAlpha, words) => onEpoch({ epoch, alpha: currentAlpha, wordsTrained: words })));
  return { wv: WordVectors.fromArrays(vocabulary.words, syn0, n), vocabulary, syn1neg: syn1neg.slice(), syn1: syn1.slice(), wordsTrained };
}

function longestSentence(starts: Int32Array): number {
  let longest = 1;
  for (let s = 0; s + 1 < starts.length; s++) longest = Math.max(longest, starts[s + 1]! - starts[s]!);
  return longest;
}

/** Contiguous sentence ranges, one per thread, of about equal token counts. */
function splitSentences(starts: Int32Array, parts: number): [number, number][] {
  const sentences = starts.length - 1;
  const tokens = starts[sentences]!;
  const ranges: [number, number][] = [];
  let from = 0;
  for (let part = 1; part <= parts; part++) {
    let to = from;
    while (to < sentences && (part === parts || starts[to]! < (tokens * part) / parts)) to++;
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}
