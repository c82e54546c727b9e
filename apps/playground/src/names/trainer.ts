import { crossEntropy, manualSeed, nn, noGrad, reshape, tensor, type Tensor } from '@dlkit/core';
import { Adam, clipGradNorm, permutation } from '@dlkit/optim';
import { GRU, sample } from '@dlkit/sequence';
import type { NamesConfig } from './config.js';

/** The model's characters: token 0 is the end of a name (the lab's "\n"), then a–z. */
export const NAME_CHARACTERS = '\nabcdefghijklmnopqrstuvwxyz';

/** One report of a run: the mean cross-entropy per character of the last mini-batch. */
export interface NamesProgress {
  readonly step: number;
  readonly loss: number;
}

/** A character-level GRU being trained on a list of names (no DOM: it runs in a worker or in Node). */
export interface NamesTrainer {
  /** Runs `n` mini-batch steps; returns the loss of the last one. */
  train(n: number): NamesProgress;
  /**
   * Samples `count` names, one character at a time, each drawn from `softmax(logits / temperature)`
   * and fed back in until the model writes the end token (the same `seed` gives the same names).
   */
  sample(count: number, temperature: number, seed: number): string[];
}

/** Embedding → GRU → Linear scores of the next character. */
class CharGru extends nn.Module<[Tensor], Tensor> {
  readonly embedding: nn.Embedding;
  readonly gru: GRU;
  readonly head: nn.Linear;

  constructor(vocab: number, embedding: number, readonly hidden: number) {
    super();
    this.embedding = new nn.Embedding(vocab, embedding);
    this.gru = new GRU(embedding, hidden);
    this.head = new nn.Linear(hidden, vocab);
  }

  /** `tokens [batch, time]` int32 → next-character logits `[batch, time, vocab]`. */
  forward(tokens: Tensor): Tensor {
    return this.head.forward(this.gru.forward(this.embedding.forward(tokens)).output);
  }
}

function encode(name: string): number[] {
  return [...name].map((ch) => {
    const id = NAME_CHARACTERS.indexOf(ch);
    if (id < 1) throw new RangeError(`names trainer: ${JSON.stringify(name)} has a character outside a–z`);
    return id;
  });
}

/**
 * A batch of names as the lab feeds them: `x = [0, c1, …, cn]` (x<1> = 0), `y = [c1, …, cn, 0]`,
 * padded to the longest name with 0 in `x` and −1 (ignored by the loss) in `y`.
 */
function batchOf(names: readonly (readonly number[])[]): { x: Tensor; y: Tensor } {
  const time = Math.max(...names.map((n) => n.length)) + 1;
  const x = new Int32Array(names.length * time);
  const y = new Int32Array(names.length * time).fill(-1);
  names.forEach((name, b) => {
    name.forEach((id, t) => {
      x[b * time + t + 1] = id;
      y[b * time + t] = id;
    });
    y[b * time + name.length] = 0;
  });
  return { x: tensor(x, { shape: [names.length, time], dtype: 'int32' }), y: tensor(y, { shape: [names.length, time], dtype: 'int32' }) };
}

/**
 * Builds a character-level GRU language model (seeded) over `names` (lower-case a–z) and returns a
 * {@link NamesTrainer}: Adam on the cross-entropy of the next character, gradients clipped to norm
 * 5 as the course's lab clips them, the names reshuffled every epoch.
 * @example const trainer = createNamesTrainer(DINOSAUR_NAMES, DEFAULT_NAMES_CONFIG); trainer.train(100); trainer.sample(5, 0.8, 1);
 */
export function createNamesTrainer(names: readonly string[], config: NamesConfig): NamesTrainer {
  const encoded = names.map(encode);
  manualSeed(config.seed);
  const model = new CharGru(NAME_CHARACTERS.length, config.embedding, config.hidden);
  const optimizer = new Adam(model.parameters(), { lr: config.learningRate });
  let order: number[] = [];
  let next = 0;
  let epoch = 0;
  let step = 0;

  return {
    train(n) {
      let loss = Number.NaN;
      for (let i = 0; i < n; i++) {
        if (next + config.batchSize > order.length) {
          order = permutation(encoded.length, config.seed * 1000 + epoch++);
          next = 0;
        }
        const { x, y } = batchOf(order.slice(next, next + config.batchSize).map((k) => encoded[k]!));
        next += config.batchSize;
        const cost = crossEntropy(model.forward(x), y, { ignoreIndex: -1 });
        optimizer.zeroGrad();
        cost.backward();
        clipGradNorm(model.parameters(), 5);
        optimizer.step();
        loss = cost.item();
        step++;
      }
      return { step, loss };
    },
    sample(count, temperature, seed) {
      return noGrad(() => {
        const out: number[][] = Array.from({ length: count }, () => []);
        const done = new Array<boolean>(count).fill(false);
        let h: Tensor | undefined;
        let tokens = new Array<number>(count).fill(0);
        for (let t = 0; t < config.maxLength && done.includes(false); t++) {
          const run = model.gru.forward(model.embedding.forward(tensor(tokens, { shape: [count, 1], dtype: 'int32' })), h ? { h } : {});
          h = run.h;
          const logits = reshape(model.head.forward(run.output), [count, NAME_CHARACTERS.length]);
          tokens = Array.from(sample(logits, { temperature, seed: seed * 1000 + t }).dataSync());
          tokens.forEach((id, k) => {
            if (done[k]) return;
            if (id === 0) done[k] = true;
            else out[k]!.push(id);
          });
        }
        return out.map((ids) => ids.map((id) => NAME_CHARACTERS[id]).join(''));
      });
    },
  };
}
