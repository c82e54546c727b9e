/**
 * The `mask` option of binaryCrossEntropy / binaryCrossEntropyWithLogits (missing labels, the
 * course's "?" in multi-task learning). Golden values: tools/fixtures/nn/generate_bce_mask.py
 * (PyTorch has no mask; its equivalent is weight = mask, reduction 'sum', divided by mask.sum()).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ShapeError, ValueError, binaryCrossEntropy, binaryCrossEntropyWithLogits, div, gradcheck, mul, rand, randn, sum, tensor,
  where, type Tensor,
} from '@dlkit/core';

interface Encoded { shape: number[]; data: number[] }
interface MaskCase {
  name: string; loss: 'binaryCrossEntropy' | 'binaryCrossEntropyWithLogits'; reduction: 'mean' | 'sum' | 'none';
  prediction: Encoded; target: Encoded; mask: Encoded; w: Encoded; out: Encoded; grad: Encoded;
  weight?: Encoded; posWeight?: Encoded;
}
const golden = JSON.parse(readFileSync(new URL('../../../tools/fixtures/nn/bce-mask-golden.json', import.meta.url), 'utf8')) as { torch: string; cases: MaskCase[] };
const f64 = (e: Encoded, requiresGrad = false): Tensor => tensor(e.data, { shape: e.shape, dtype: 'float64', requiresGrad });
const LOSS = { binaryCrossEntropy, binaryCrossEntropyWithLogits };
const TOL = 1e-12;

function expectClose(actual: Tensor, expected: Encoded, what: string): void {
  expect(actual.shape, what).toEqual(expected.shape);
  const a = actual.dataSync();
  expected.data.forEach((v, i) => expect(Math.abs(a[i]! - v), `${what} [${i}]`).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(v))));
}

describe(`masked binary cross-entropy vs PyTorch ${golden.torch} (weight = mask, sum / count)`, () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // Missing labels hold placeholders (NaN, -1) here; torch saw 0. They must change nothing.
    const known = f64(c.mask);
    const placeholder = tensor(c.target.data.map((_, i) => (i % 2 === 0 ? NaN : -1)), { shape: c.target.shape, dtype: 'float64' });
    const targets = where(known, f64(c.target), placeholder);
    for (const mask of [known, known.cast('bool')]) {
      const prediction = f64(c.prediction, true);
      const options = {
        reduction: c.reduction, mask,
        ...(c.weight ? { weight: f64(c.weight) } : {}), ...(c.posWeight ? { posWeight: f64(c.posWeight) } : {}),
      };
      const out = LOSS[c.loss](prediction, targets, options);
      expectClose(out, c.out, `${c.name} out (${mask.dtype} mask)`);
      sum(mul(out, f64(c.w))).backward();
      expectClose(prediction.grad!, c.grad, `${c.name} grad (${mask.dtype} mask)`);
    }
  });
});

describe('masked binary cross-entropy: behaviour', () => {
  const p = rand([5, 4], { seed: 3, dtype: 'float64', low: 0.05, high: 0.95 });
  const z = randn([5, 4], { seed: 4, dtype: 'float64' });
  const y = rand([5, 4], { seed: 5, dtype: 'float64' }).greater(0.5).cast('float64');
  const mask = rand([5, 4], { seed: 6 }).greater(0.3);

  it('passes gradcheck (float64) on both losses, every reduction', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(gradcheck((q) => binaryCrossEntropy(q!, y, { mask, reduction }), [p]).ok, `bce ${reduction}`).toBe(true);
      expect(gradcheck((q) => binaryCrossEntropyWithLogits(q!, y, { mask, reduction }), [z]).ok, `logits ${reduction}`).toBe(true);
    }
  });

  it("'mean' is the sum over known labels divided by their count, and an all-true mask changes nothing", () => {
    const count = mask.cast('float64').sum().item();
    const masked = binaryCrossEntropyWithLogits(z, y, { mask }).item();
    const summed = binaryCrossEntropyWithLogits(z, y, { mask, reduction: 'sum' }).item();
    expect(masked).toBeCloseTo(summed / count, 12);
    const all = tensor(Array(20).fill(true), { shape: [5, 4] });
    expect(binaryCrossEntropy(p, y, { mask: all }).item()).toBeCloseTo(binaryCrossEntropy(p, y).item(), 14);
    expect(div(binaryCrossEntropy(p, y, { reduction: 'sum', weight: mask.cast('float64') }), count).item()).toBeCloseTo(binaryCrossEntropy(p, y, { mask }).item(), 12);
  });

  it('masked entries get exactly zero gradient, even with NaN targets there', () => {
    const targets = where(mask, y, NaN);
    const logits = z.detach();
    logits.requiresGrad = true;
    binaryCrossEntropyWithLogits(logits, targets, { mask }).backward();
    const g = logits.grad!.dataSync();
    const m = mask.dataSync();
    for (let i = 0; i < g.length; i++) {
      expect(Number.isFinite(g[i]!)).toBe(true);
      if (!m[i]) expect(g[i]).toBe(0);
      else expect(g[i]).not.toBe(0);
    }
  });

  it('rejects a mask of another shape or a numeric mask with values other than 0 and 1', () => {
    expect(() => binaryCrossEntropy(p, y, { mask: tensor([true, false]) })).toThrow(ShapeError);
    expect(() => binaryCrossEntropyWithLogits(z, y, { mask: tensor([1, 0]) })).toThrow(/binaryCrossEntropyWithLogits: mask \[2\] must have the targets' shape \[5,4\]/);
    const half = tensor(Array(20).fill(0.5), { shape: [5, 4] });
    expect(() => binaryCrossEntropyWithLogits(z, y, { mask: half })).toThrow(ValueError);
    expect(() => binaryCrossEntropyWithLogits(z, y, { mask: half })).toThrow(/numeric mask must hold only 0 and 1, got 0.5 at flat index 0/);
  });

  it('still rejects probabilities outside [0, 1] at known labels', () => {
    const bad = tensor([0.5, 1.5]);
    expect(() => binaryCrossEntropy(bad, tensor([1, 0]), { mask: tensor([true, true]) })).toThrow(ValueError);
  });
});
