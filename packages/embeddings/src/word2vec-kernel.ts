/**
 * @internal Everything one word2vec training thread needs. With worker threads the weight
 * matrices, the corpus and `progress` live in SharedArrayBuffers and every thread updates the
 * weights without locks (Hogwild, as the C tool and gensim do).
 */
export interface Word2VecJob {
  /** Input vectors `[size, n]`, updated in place. */
  syn0: Float32Array;
  /** Negative-sampling output weights `[size, n]` (empty without negative sampling). */
  syn1neg: Float32Array;
  /** Hierarchical-softmax inner-node weights `[size − 1, n]` (empty without hs). */
  syn1: Float32Array;
  /** The corpus as word indices; sentence k is `ids[starts[k] .. starts[k + 1])`. */
  ids: Int32Array;
  starts: Int32Array;
  /** This thread's sentences: `[sentenceFrom, sentenceTo)`. */
  sentenceFrom: number;
  sentenceTo: number;
  /** Keep probability of each word (sub-sampling). */
  keep: Float64Array;
  /** Cumulative noise distribution (negative sampling). */
  noise: Float64Array;
  /** Huffman codes flattened: word w's bits are `codes[codeStarts[w] .. codeStarts[w + 1])`, its inner nodes the same slice of `points`. */
  codeStarts: Int32Array;
  codes: Uint8Array;
  points: Int32Array;
  /** Corpus words processed so far, one slot per thread; the sum drives the learning-rate decay. */
  progress: Float64Array;
  thread: number;
  n: number;
  window: number;
  negative: number;
  hs: boolean;
  sg: boolean;
  cbowMean: boolean;
  alpha: number;
  minAlpha: number;
  epochs: number;
  /** Corpus words × epochs, over all threads. */
  total: number;
  longestSentence: number;
  seed: number;
}

/**
 * @internal One thread's word2vec training over its sentences, all epochs: the C tool's loop
 * (random window shrinking, sub-sampling, negative sampling and/or hierarchical softmax, σ from a
 * table, updates skipped for |x| ≥ 6, linear learning-rate decay from the shared progress).
 * Self-contained (no imports, no module-level names) because worker threads run it from its
 * source text. Returns the words trained (after sub-sampling); `onEpoch` hears each epoch's end.
 */
export function runWord2VecJob(job: Word2VecJob, onEpoch?: (epoch: number, alpha: number, wordsTrained: number) => void): number {
  const { syn0, syn1neg, syn1, ids, starts, keep, noise, codeStarts, codes, points, progress, n, window, negative, hs, sg, cbowMean, alpha, minAlpha, epochs, total } = job;
  const MAX_EXP = 6;
  const TABLE = 1000;
  const TABLE_SCALE = TABLE / MAX_EXP / 2;
  const sigmoid = new Float32Array(TABLE);
  for (let i = 0; i < TABLE; i++) {
    const e = Math.exp(((i / TABLE) * 2 - 1) * MAX_EXP);
    sigmoid[i] = e / (e + 1);
  }
  const work = new Float32Array(n);
  const neu1 = new Float32Array(n);
  const sentence = new Int32Array(job.longestSentence);
  const noiseLast = noise.length - 1;
  let state = job.seed | 0;
  let processed = 0;
  let wordsTrained = 0;
  let currentAlpha = alpha;

  /** SplitMix32: the next uniform unsigned 32-bit integer. */
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };

  /** One logistic update of output row `row` of `weights` towards `label`; the input's gradient accumulates in `work`. */
  const logistic = (input: Float32Array, inputOffset: number, weights: Float32Array, row: number, label: number, lr: number): void => {
    let f = 0;
    for (let k = 0; k < n; k++) f += input[inputOffset + k]! * weights[row + k]!;
    if (f <= -MAX_EXP || f >= MAX_EXP) return;
    const g = (label - sigmoid[Math.trunc((f + MAX_EXP) * TABLE_SCALE)]!) * lr;
    for (let k = 0; k < n; k++) {
      work[k]! += g * weights[row + k]!;
      weights[row + k]! += g * input[inputOffset + k]!;
    }
  };

  /** Predicting `target` from `input[inputOffset..]`: the Huffman path (hs), then one positive and `negative` noise words. */
  const updateOutputs = (input: Float32Array, inputOffset: number, target: number, lr: number): void => {
    if (hs) for (let d = codeStarts[target]!; d < codeStarts[target + 1]!; d++) logistic(input, inputOffset, syn1, points[d]! * n, 1 - codes[d]!, lr);
    for (let d = 0; d <= negative && negative > 0; d++) {
      let word = target;
      let label = 1;
      if (d > 0) {
        // The first i with noise[i] > u (binary search over the cumulative table).
        const u = nextUint32() / 4294967296;
        let lo = 0;
        let hi = noiseLast;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (noise[mid]! > u) hi = mid;
          else lo = mid + 1;
        }
        word = lo;
        if (word === target) continue;
        label = 0;
      }
      logistic(input, inputOffset, syn1neg, word * n, label, lr);
    }
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = job.sentenceFrom; s < job.sentenceTo; s++) {
      let done = 0;
      for (let t = 0; t < progress.length; t++) done += progress[t]!;
      currentAlpha = Math.max(minAlpha, alpha - ((alpha - minAlpha) * done) / total);
      let length = 0;
      for (let i = starts[s]!; i < starts[s + 1]!; i++) {
        const word = ids[i]!;
        if (keep[word]! >= 1 || keep[word]! > nextUint32() / 4294967296) sentence[length++] = word;
      }
      processed += starts[s + 1]! - starts[s]!;
      progress[job.thread] = processed;
      wordsTrained += length;
      for (let i = 0; i < length; i++) {
        const reduced = nextUint32() % window;
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
    onEpoch?.(epoch, currentAlpha, wordsTrained);
  }
  return wordsTrained;
}
