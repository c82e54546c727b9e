import { describe, expect, it } from 'vitest';
import { gradcheck, randn, tensor, where, DTypeError, ShapeError, ValueError } from '@dlkit/core';
import { causalMask, MultiHeadAttention, paddingMask, scaledDotProductAttention } from '@dlkit/transformer';

const f64 = { dtype: 'float64' as const };

/** softmax(q·kᵀ/√d + mask)·v by loops, for one [T, d] head. */
function naiveAttention(q: number[][], k: number[][], v: number[][], allowed: (i: number, j: number) => boolean): number[][] {
  const d = q[0]!.length;
  return q.map((qi, i) => {
    const scores = k.map((kj, j) => (allowed(i, j) ? qi.reduce((s, x, t) => s + x * kj[t]!, 0) / Math.sqrt(d) : -Infinity));
    const top = Math.max(...scores);
    const e = scores.map((s) => (s === -Infinity ? 0 : Math.exp(s - top)));
    const z = e.reduce((a, b) => a + b, 0);
    return v[0]!.map((_, c) => e.reduce((s, w, j) => s + (w / z) * v[j]![c]!, 0));
  });
}

describe('masks', () => {
  it('paddingMask is true on real tokens, causalMask on j ≤ i (+ Tk − Tq)', () => {
    expect(paddingMask([3, 1, 0], 3).toArray()).toEqual([[true, true, true], [true, false, false], [false, false, false]]);
    expect(causalMask(3).toArray()).toEqual([[true, false, false], [true, true, false], [true, true, true]]);
    expect(causalMask(2, 4).toArray()).toEqual([[true, true, true, false], [true, true, true, true]]);
    expect(() => paddingMask([4], 3)).toThrow(ValueError);
    expect(() => causalMask(-1)).toThrow(ValueError);
  });
});

describe('scaledDotProductAttention', () => {
  const q = randn([2, 4, 3], { ...f64, seed: 1 });
  const k = randn([2, 5, 3], { ...f64, seed: 2 });
  const v = randn([2, 5, 2], { ...f64, seed: 3 });

  it('equals softmax(QKᵀ/√d)·V computed by loops, with and without the causal mask', () => {
    for (const causal of [false, true]) {
      const { output, weights } = scaledDotProductAttention(q, k, v, { causal });
      const out = output.toArray() as number[][][];
      const qs = q.toArray() as number[][][];
      const ks = k.toArray() as number[][][];
      const vs = v.toArray() as number[][][];
      for (let b = 0; b < 2; b++) {
        const expected = naiveAttention(qs[b]!, ks[b]!, vs[b]!, (i, j) => !causal || j <= i + 1);
        expected.forEach((row, i) => row.forEach((x, c) => expect(out[b]![i]![c]).toBeCloseTo(x, 12)));
      }
      const sums = weights.sum(-1).dataSync();
      for (const s of sums) expect(s).toBeCloseTo(1, 12);
    }
  });

  it('a bool mask (true = may attend) equals the float mask of 0 and -∞', () => {
    const allowed = paddingMask([5, 2], 5).reshape([2, 1, 5]);
    const additive = where(allowed, tensor(0, f64), -Infinity);
    const a = scaledDotProductAttention(q, k, v, { mask: allowed });
    const b = scaledDotProductAttention(q, k, v, { mask: additive });
    expect(Array.from(a.output.dataSync())).toEqual(Array.from(b.output.dataSync()));
    const w = a.weights.toArray() as number[][][];
    expect(w[1]!.every((row) => row.slice(2).every((x) => x === 0))).toBe(true);
  });

  it('a fully masked row gives zero weights and output, not NaN, and gradients stay finite and correct', () => {
    const mask = tensor([[true, true, false, false, false], [false, false, false, false, false], [true, false, false, false, true], [false, false, false, false, false]], { dtype: 'bool' });
    const { output, weights } = scaledDotProductAttention(q, k, v, { mask });
    const out = output.toArray() as number[][][];
    const w = weights.toArray() as number[][][];
    for (const b of [0, 1]) {
      for (const row of [1, 3]) {
        expect(out[b]![row]).toEqual([0, 0]);
        expect(w[b]![row]).toEqual([0, 0, 0, 0, 0]);
      }
    }
    expect(output.dataSync().every(Number.isFinite)).toBe(true);
    const check = gradcheck((a, b, c) => scaledDotProductAttention(a!, b!, c!, { mask, causal: true }).output, [q, k, v]);
    expect(check.ok).toBe(true);
  });

  it('passes gradcheck with a float mask and a custom scale', () => {
    const mask = randn([4, 5], { ...f64, seed: 4 });
    expect(gradcheck((a, b, c) => scaledDotProductAttention(a!, b!, c!, { mask, scale: 0.3 }).output, [q, k, v]).ok).toBe(true);
  });

  it('dropout on the weights is seeded, and scales the kept weights by 1/(1−p)', () => {
    const a = scaledDotProductAttention(q, k, v, { dropout: 0.5, seed: 7 }).output.dataSync();
    const b = scaledDotProductAttention(q, k, v, { dropout: 0.5, seed: 7 }).output.dataSync();
    const none = scaledDotProductAttention(q, k, v).output.dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(none));
  });

  it('rejects bad inputs with typed errors naming the function', () => {
    expect(() => scaledDotProductAttention(q, randn([2, 5, 4], f64), v)).toThrow(/scaledDotProductAttention: expected q/);
    expect(() => scaledDotProductAttention(q, k, v, { mask: tensor([1], { dtype: 'int32' }) })).toThrow(DTypeError);
    expect(() => scaledDotProductAttention(tensor([1, 2], f64), k, v)).toThrow(ShapeError);
    expect(() => scaledDotProductAttention(q, k, v, { dropout: 1 })).toThrow(ValueError);
  });
});

describe('MultiHeadAttention', () => {
  it("has torch's parameter names and shapes, packed or separate", () => {
    const packed = new MultiHeadAttention(8, 2);
    expect(packed.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['in_proj_weight', [24, 8]], ['in_proj_bias', [24]], ['out_proj.weight', [8, 8]], ['out_proj.bias', [8]],
    ]);
    const separate = new MultiHeadAttention(8, 2, { kdim: 6, vdim: 4, bias: false });
    expect(separate.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['q_proj_weight', [8, 8]], ['k_proj_weight', [8, 6]], ['v_proj_weight', [8, 4]], ['out_proj.weight', [8, 8]],
    ]);
  });

  it('decoding one position at a time with the cache gives the full causal pass', () => {
    const mha = new MultiHeadAttention(8, 2, { dtype: 'float64' });
    const x = randn([2, 5, 8], { ...f64, seed: 5 });
    const full = mha.forward(x, x, x, { causal: true }).output.dataSync();
    let past;
    const steps: number[] = [];
    for (let t = 0; t < 5; t++) {
      const xt = x.slice([0, t, 0], [2, 1, 8]);
      const r = mha.forward(xt, xt, xt, { causal: true, ...(past ? { past } : {}) });
      past = r.cache;
      steps.push(...r.output.dataSync());
    }
    const stepwise = Array.from({ length: 2 * 5 * 8 }, (_, i) => {
      const [b, t, c] = [Math.floor(i / 40), Math.floor(i / 8) % 5, i % 8];
      return steps[t * 16 + b * 8 + c]!;
    });
    stepwise.forEach((value, i) => expect(value).toBeCloseTo(full[i]!, 12));
  });

  it('attnMask [batch·heads, Tq, Tk] masks per head; weights per head or averaged', () => {
    const mha = new MultiHeadAttention(4, 2, { dtype: 'float64' });
    const x = randn([1, 3, 4], { ...f64, seed: 6 });
    const mask = tensor([[[true, false, false], [true, true, false], [true, true, true]], [[true, true, true], [true, true, true], [true, true, true]]], { dtype: 'bool' });
    const perHead = mha.forward(x, x, x, { attnMask: mask, averageWeights: false }).weights!.toArray() as number[][][][];
    expect(perHead[0]![0]![0]![1]).toBe(0);
    expect(perHead[0]![1]![0]![1]).toBeGreaterThan(0);
    const averaged = mha.forward(x, x, x, { attnMask: mask }).weights!;
    expect(averaged.shape).toEqual([1, 3, 3]);
    expect(mha.forward(x, x, x, { needWeights: false }).weights).toBeNull();
    expect(() => mha.forward(x, x, x, { attnMask: tensor([[true]], { dtype: 'bool' }) })).toThrow(ShapeError);
    expect(() => mha.forward(x, x, x, { keyMask: tensor([[1, 1, 1]], { dtype: 'int32' }) })).toThrow(/keyMask must be bool/);
    expect(() => new MultiHeadAttention(6, 4)).toThrow(ValueError);
  });
});
