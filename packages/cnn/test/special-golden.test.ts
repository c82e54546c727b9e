/**
 * Style-transfer costs, triplet/contrastive losses and segmentation losses against PyTorch 1.13
 * (tools/fixtures/cnn-special/generate_special.py), forward and gradients, in float64.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dlkit/core';
import * as cnn from '../src/index.js';

interface StyleLayer { shape: number[]; aS: number[]; aG: number[]; cost: number; dG: number[] }
interface Fixture {
  gram: { a: number[]; shape: number[]; gram: number[]; gramShape: number[] };
  content: { aC: number[]; aG: number[]; shape: number[]; cost: number; dG: number[] };
  style: { layers: Record<string, StyleLayer>; weights: Record<string, number>; total: number };
  triplet: Record<string, number[] | number[][] | number> & { anchor: number[]; positive: number[]; negative: number[]; shape: number[]; margin: number; squared_sum: number; squared_sum_grads: number[][] };
  mined: { embeddings: number[]; shape: number[]; labels: number[]; margin: number; batchHard: number; batchHardGrad: number[]; batchAll: number; batchAllGrad: number[]; batchAllCount: number };
  contrastive: { x1: number[]; x2: number[]; shape: number[]; same: number[]; margin: number; loss: number; dx1: number[]; dx2: number[] };
  normalize: { x: number[]; shape: number[]; out: number[] };
  segmentation: { logits: number[]; shape: number[]; labels: number[]; weight: number[]; crossEntropy: number; crossEntropyGrad: number[]; dice: number; diceGrad: number[]; diceForeground: number };
}
const { cases } = JSON.parse(readFileSync(new URL('../../../tools/fixtures/cnn-special/special-golden.json', import.meta.url), 'utf8')) as { cases: Fixture };

const f64 = (values: number[], shape: number[], requiresGrad = false): Tensor => tensor(values, { shape, dtype: 'float64', requiresGrad });

function expectClose(actual: Tensor | null, expected: number[] | number, what: string, tol = 1e-9): void {
  expect(actual, what).not.toBeNull();
  const want = typeof expected === 'number' ? [expected] : expected;
  const got = actual!.dataSync();
  expect(got.length, what).toBe(want.length);
  const worst = want.reduce((m, e, i) => Math.max(m, Math.abs(got[i]! - e) / Math.max(1, Math.abs(e))), 0);
  expect(worst, `${what}: max error`).toBeLessThan(tol);
}

describe('style transfer costs vs PyTorch', () => {
  it('gramMatrix', () => {
    const { a, shape, gram, gramShape } = cases.gram;
    const g = cnn.gramMatrix(f64(a, shape));
    expect(g.shape).toEqual(gramShape);
    expectClose(g, gram, 'gram');
  });

  it('contentCost and its gradient with respect to the generated activations', () => {
    const c = cases.content;
    const aG = f64(c.aG, c.shape, true);
    const j = cnn.contentCost(f64(c.aC, c.shape), aG);
    j.backward();
    expectClose(j, c.cost, 'J_content');
    expectClose(aG.grad, c.dG, 'dJ/daG');
  });

  it('layerStyleCost and styleCost with layer weights, and their gradients', () => {
    const { layers, weights, total } = cases.style;
    const style: Record<string, Tensor> = {};
    const generated: Record<string, Tensor> = {};
    for (const [name, l] of Object.entries(layers)) {
      style[name] = f64(l.aS, l.shape);
      generated[name] = f64(l.aG, l.shape, true);
      expectClose(cnn.layerStyleCost(style[name]!, generated[name]!), l.cost, `J_style[${name}]`);
    }
    const j = cnn.styleCost(style, generated, weights);
    j.backward();
    expectClose(j, total, 'J_style');
    for (const [name, l] of Object.entries(layers)) expectClose(generated[name]!.grad, l.dG, `dJ/daG[${name}]`);
    expectClose(cnn.totalCost(f64([2], []), j, 10, 40), 20 + 40 * total, 'J');
  });
});

describe('triplet and contrastive losses vs PyTorch', () => {
  const t = cases.triplet;
  const inputs = (): Tensor[] => [f64(t.anchor, t.shape, true), f64(t.positive, t.shape, true), f64(t.negative, t.shape, true)];

  for (const reduction of ['mean', 'sum', 'none'] as const) {
    it(`squared: false equals F.triplet_margin_loss(p=2, reduction='${reduction}') with gradients`, () => {
      const [a, p, n] = inputs();
      const loss = cnn.tripletLoss(a!, p!, n!, { margin: t.margin, squared: false, reduction });
      expectClose(loss, t[`torch_${reduction}`] as number[], 'loss');
      (reduction === 'none' ? loss.sum() : loss).backward();
      const grads = t[`torch_${reduction}_grads`] as number[][];
      [a, p, n].forEach((x, i) => expectClose(x!.grad, grads[i]!, `grad ${i}`));
    });
  }

  it("the default (the course's squared form, summed) equals Σ max(‖a−p‖² − ‖a−n‖² + α, 0)", () => {
    const [a, p, n] = inputs();
    const loss = cnn.tripletLoss(a!, p!, n!, { margin: t.margin });
    expectClose(loss, t.squared_sum, 'loss');
    loss.backward();
    [a, p, n].forEach((x, i) => expectClose(x!.grad, t.squared_sum_grads[i]!, `grad ${i}`));
  });

  it('batch-hard and batch-all mined losses equal the masked-distance formulas', () => {
    const m = cases.mined;
    const labels = tensor(m.labels, { dtype: 'int32' });
    for (const [strategy, value, gradient] of [['batch-hard', m.batchHard, m.batchHardGrad], ['batch-all', m.batchAll, m.batchAllGrad]] as const) {
      const e = f64(m.embeddings, m.shape, true);
      const loss = cnn.minedTripletLoss(e, labels, { strategy, margin: m.margin });
      loss.backward();
      expectClose(loss, value, `${strategy} loss`);
      expectClose(e.grad, gradient, `${strategy} gradient`);
    }
    expect(cnn.mineTriplets(f64(m.embeddings, m.shape), labels, { strategy: 'batch-all', margin: m.margin }).anchors.length).toBe(m.batchAllCount);
  });

  it("contrastiveLoss equals Hadsell's formula on F.pairwise_distance", () => {
    const c = cases.contrastive;
    const x1 = f64(c.x1, c.shape, true);
    const x2 = f64(c.x2, c.shape, true);
    const loss = cnn.contrastiveLoss(x1, x2, tensor(c.same, { dtype: 'int32' }), { margin: c.margin });
    loss.backward();
    expectClose(loss, c.loss, 'loss');
    expectClose(x1.grad, c.dx1, 'dx1');
    expectClose(x2.grad, c.dx2, 'dx2');
  });

  it('l2Normalize equals F.normalize', () => {
    expectClose(cnn.l2Normalize(f64(cases.normalize.x, cases.normalize.shape)), cases.normalize.out, 'normalize');
  });
});

describe('segmentation losses vs PyTorch', () => {
  const s = cases.segmentation;
  const labels = tensor(s.labels, { dtype: 'int32', shape: s.shape.slice(0, 3) });

  it('pixelCrossEntropy equals F.cross_entropy on NCHW logits, with class weights', () => {
    const logits = f64(s.logits, s.shape, true);
    const loss = cnn.pixelCrossEntropy(logits, labels, { weight: f64(s.weight, [3]) });
    loss.backward();
    expectClose(loss, s.crossEntropy, 'loss');
    expectClose(logits.grad, s.crossEntropyGrad, 'grad');
  });

  it('diceLoss equals 1 − mean soft Dice, with its gradient; includeBackground false drops class 0', () => {
    const logits = f64(s.logits, s.shape, true);
    const loss = cnn.diceLoss(logits, labels);
    loss.backward();
    expectClose(loss, s.dice, 'loss');
    expectClose(logits.grad, s.diceGrad, 'grad');
    expectClose(cnn.diceLoss(logits, labels, { includeBackground: false }), s.diceForeground, 'foreground');
  });
});
