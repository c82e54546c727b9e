import { describe, expect, it } from 'vitest';
import { crossEntropy, gradcheck, manualSeed, randint, randn, reshape, sum, tensor, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { Adam, fit } from '@dlkit/optim';
import { AdditiveAttention, LuongAttention, Seq2Seq, type Attention } from '@dlkit/sequence';

const f64 = (shape: number[], seed: number): Tensor => randn(shape, { dtype: 'float64', seed });
const modules = (): [string, Attention][] => [
  ['additive', new AdditiveAttention(3, 4, 5, { dtype: 'float64' })],
  ['general', new LuongAttention(3, 4, { score: 'general', dtype: 'float64' })],
  ['dot', new LuongAttention(4, 4, { score: 'dot', dtype: 'float64' })],
];
const mask = tensor([[true, true, true, true, true], [true, true, false, true, false]], { dtype: 'bool' });

describe('attention: α<t,t\'> = softmax_t\'(e<t,t\'>), context Σ α a', () => {
  it('weights sum to 1 over the source, masked positions get exactly 0, for one step and for all steps', () => {
    manualSeed(1);
    for (const [name, attention] of modules()) {
      const keys = f64([2, 5, 4], 2);
      for (const query of [f64([2, attention.queryDim], 3), f64([2, 3, attention.queryDim], 4)]) {
        const { context, weights } = attention.forward(query, keys, { keyMask: mask });
        const rows = reshape(weights, [-1, 5]).toArray() as number[][];
        const batchOf = (r: number): number => (query.rank === 2 ? r : Math.floor(r / 3));
        rows.forEach((row, r) => {
          expect(row.reduce((s, w) => s + w, 0), name).toBeCloseTo(1, 12);
          if (batchOf(r) === 1) expect([row[2], row[4]], name).toEqual([0, 0]);
          expect(row.every((w) => w >= 0)).toBe(true);
        });
        expect(context.shape).toEqual(query.rank === 2 ? [2, 4] : [2, 3, 4]);
      }
    }
  });

  it('a fully masked row gives zero weights and a zero context, never NaN', () => {
    for (const [, attention] of modules()) {
      const none = tensor([[false, false, false, false, false], [true, true, true, true, true]], { dtype: 'bool' });
      const { context, weights } = attention.forward(f64([2, attention.queryDim], 5), f64([2, 5, 4], 6), { keyMask: none });
      expect((weights.toArray() as number[][])[0]).toEqual([0, 0, 0, 0, 0]);
      expect((context.toArray() as number[][])[0]).toEqual([0, 0, 0, 0]);
    }
  });

  it("Luong's dot score equals the formula computed by hand", () => {
    const q = [[1, 0.5, -1, 2]];
    const a = [[[0.2, 1, 0, -0.5], [1, 1, 1, 1], [-1, 0.3, 2, 0]]];
    const { context, weights } = new LuongAttention(4, 4, { score: 'dot', dtype: 'float64' }).forward(
      tensor(q, { dtype: 'float64' }), tensor(a, { dtype: 'float64' }),
    );
    const e = a[0]!.map((k) => k.reduce((s, v, i) => s + v * q[0]![i]!, 0));
    const z = e.reduce((s, v) => s + Math.exp(v), 0);
    const alpha = e.map((v) => Math.exp(v) / z);
    const expected = [0, 1, 2, 3].map((i) => alpha.reduce((s, w, t) => s + w * a[0]![t]![i]!, 0));
    (weights.toArray() as number[][])[0]!.forEach((w, t) => expect(w).toBeCloseTo(alpha[t]!, 14));
    (context.toArray() as number[][])[0]!.forEach((c, i) => expect(c).toBeCloseTo(expected[i]!, 14));
  });

  it('passes float64 gradcheck with respect to the query and the keys (with a mask)', () => {
    for (const [name, attention] of modules()) {
      const fn = (q: Tensor, k: Tensor): Tensor => {
        const { context, weights } = attention.forward(q, k, { keyMask: mask });
        return sum(context.square()).add(sum(weights.mul(weights)));
      };
      expect(gradcheck(fn, [f64([2, 2, attention.queryDim], 7), f64([2, 5, 4], 8)]).ok, name).toBe(true);
    }
  });

  it('rejects bad shapes and options with typed errors', () => {
    const attention = new AdditiveAttention(3, 4, 5);
    expect(() => attention.forward(randn([2, 2]), randn([2, 5, 4]))).toThrow(ShapeError);
    expect(() => attention.forward(randn([2, 3]), randn([2, 5, 3]))).toThrow(/keys \[batch, Tk, 4\]/);
    expect(() => attention.forward(randn([2, 3]), randn([2, 5, 4]), { keyMask: randn([2, 5]) })).toThrow(ValueError);
    expect(() => new LuongAttention(3, 4, { score: 'dot' })).toThrow(/queryDim = keyDim/);
  });
});

describe('Seq2Seq with attention', () => {
  it('learns to reverse sequences (teacher forcing, additive attention; 50/50 held-out exact when written) and its attention looks at the mirrored position', () => {
    manualSeed(3);
    const length = 5;
    const count = 256;
    const start = 1;
    const sources = randint(2, 8, [count, length], { seed: 11 }).toArray() as number[][];
    const targets = sources.map((s) => [...s].reverse());
    const source = tensor(sources, { dtype: 'int32' });
    const targetIn = tensor(targets.map((t) => [start, ...t.slice(0, -1)]), { dtype: 'int32' });
    const targetOut = tensor(targets, { dtype: 'int32' });
    const model = new Seq2Seq({ sourceVocabSize: 8, targetVocabSize: 8, embeddingDim: 8, encoderHidden: 12, decoderHidden: 16, attentionDim: 16 });
    fit(model, {
      step: (m, b: { source: Tensor; targetIn: Tensor; targetOut: Tensor }) => crossEntropy(reshape(m.forward(b.source, b.targetIn).logits, [-1, 8]), reshape(b.targetOut, [-1])),
      data: { source, targetIn, targetOut },
      optimizer: new Adam(model.parameters(), { lr: 0.02 }),
      epochs: 14,
      batchSize: 32,
      clipGradNorm: 5,
      seed: 1,
    });
    const test = randint(2, 8, [50, length], { seed: 12 }).toArray() as number[][];
    const { tokens, attention } = model.greedyDecode(tensor(test, { dtype: 'int32' }), { start, maxLength: length });
    const exact = tokens.filter((t, i) => t.join() === [...test[i]!].reverse().join()).length / test.length;
    expect(exact).toBeGreaterThan(0.9);
    // Step t of the output attends most to source position length − 1 − t, on average.
    const mean = (attention.mean(0).toArray() as number[][]);
    mean.forEach((row, t) => expect(row.indexOf(Math.max(...row))).toBe(length - 1 - t));
  });

  it('rejects non-integer tokens and mismatched batches', () => {
    const model = new Seq2Seq({ sourceVocabSize: 5, targetVocabSize: 4 });
    expect(() => model.forward(randn([2, 3]), tensor([[1], [2]], { dtype: 'int32' }))).toThrow(/int32/);
    expect(() => model.forward(tensor([[1, 2]], { dtype: 'int32' }), tensor([[1], [2]], { dtype: 'int32' }))).toThrow(ShapeError);
    expect(() => new Seq2Seq({ sourceVocabSize: 5, targetVocabSize: 4, attention: 'dot', decoderHidden: 10 })).toThrow(/queryDim = keyDim/);
  });
});
