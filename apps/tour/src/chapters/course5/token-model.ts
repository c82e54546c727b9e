import { nn, noGrad, reshape, tensor, type Tensor } from '@dlkit/core';
import type { BatchSource } from '@dlkit/optim';
import { LSTM, sample } from '@dlkit/sequence';

/**
 * The course's language model over tokens — characters in the names lab, note values in the jazz
 * lab: embedding → LSTM → Linear scores of the next token. Token 0 starts and ends a sequence.
 */
export class TokenLanguageModel extends nn.Module<[Tensor], Tensor> {
  readonly embedding: nn.Embedding;
  readonly lstm: LSTM;
  readonly head: nn.Linear;

  constructor(readonly vocabSize: number, embeddingDim: number, readonly hiddenSize: number) {
    super();
    this.embedding = new nn.Embedding(vocabSize, embeddingDim);
    this.lstm = new LSTM(embeddingDim, hiddenSize);
    this.head = new nn.Linear(hiddenSize, vocabSize);
  }

  /** `tokens [batch, time]` int32 → next-token logits `[batch, time, vocab]`. */
  forward(tokens: Tensor): Tensor {
    return this.head.forward(this.lstm.forward(this.embedding.forward(tokens)).output);
  }

  /**
   * Samples `count` sequences at once (the lab's `sample`): each starts from token 0 (the lab's
   * x<1> = 0) and zero state, reads the `prefix` tokens (the seed of a melody), then feeds back the
   * token drawn from `softmax(logits / temperature)` until it draws 0 or has `maxLength` tokens.
   * @returns The sampled sequences (prefix included, end token not).
   */
  generate(count: number, options: { temperature: number; maxLength: number; seed: number; prefix?: readonly number[] }): number[][] {
    const prefix = options.prefix ?? [];
    return noGrad(() => {
      let state: { h?: Tensor; c?: Tensor } = {};
      // Runs `tokens` (the same for every sequence, or one per sequence) and returns the last step's logits.
      const advance = (tokens: readonly number[], width: number): Tensor => {
        const run = this.lstm.forward(this.embedding.forward(tensor([...tokens], { shape: [count, width], dtype: 'int32' })), state);
        state = { h: run.h, c: run.c! };
        const last = run.output.slice([0, width - 1, 0], [count, 1, this.hiddenSize]);
        return reshape(this.head.forward(last), [count, this.vocabSize]);
      };
      const out: number[][] = Array.from({ length: count }, () => [...prefix]);
      const done = new Array<boolean>(count).fill(false);
      let logits = advance(Array.from({ length: count }, () => [0, ...prefix]).flat(), prefix.length + 1);
      for (let step = prefix.length; step < options.maxLength && done.includes(false); step++) {
        const drawn = Array.from(sample(logits, { temperature: options.temperature, seed: options.seed * 1000 + step }).dataSync());
        drawn.forEach((id, k) => {
          if (done[k]) return;
          if (id === 0) done[k] = true;
          else out[k]!.push(id);
        });
        logits = advance(drawn, 1);
      }
      return out;
    });
  }
}

/** A batch of token sequences: inputs (token 0, then the sequence) and targets (the sequence, then 0; −1 on padding). */
export interface SequenceBatch {
  readonly x: Tensor;
  readonly y: Tensor;
}

/**
 * `fit`'s batches of token sequences (ids ≥ 1; 0 starts and ends one), each padded to its own
 * longest: `x = [0, c1, …, cn]`, `y = [c1, …, cn, 0]`, padding 0 in `x` and −1 (ignored) in `y`.
 */
export function sequenceBatches(names: readonly (readonly number[])[]): BatchSource<SequenceBatch> {
  return {
    length: names.length,
    batch(indices) {
      const time = Math.max(...indices.map((i) => names[i]!.length)) + 1;
      const x = new Int32Array(indices.length * time);
      const y = new Int32Array(indices.length * time).fill(-1);
      indices.forEach((i, b) => {
        const name = names[i]!;
        name.forEach((id, t) => {
          x[b * time + t + 1] = id;
          y[b * time + t] = id;
        });
        y[b * time + name.length] = 0;
      });
      return { x: tensor(x, { shape: [indices.length, time], dtype: 'int32' }), y: tensor(y, { shape: [indices.length, time], dtype: 'int32' }) };
    },
  };
}
