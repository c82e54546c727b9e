import { describe, expect, it } from 'vitest';
import { gradcheck, mul, sum, tensor, type Tensor } from '@dlkit/core';
import {
  boxArea, boxConvert, boxIou, clipBoxes, completeBoxIou, completeBoxIouLoss, distanceBoxIou, distanceBoxIouLoss, generalizedBoxIou, generalizedBoxIouLoss,
} from '../src/index.js';
import { boxesOf, maxAbsDiff, readGolden } from './golden.js';

interface IouCase { a: number[]; b: number[]; n: number; m: number; iou: number[]; giou: number[]; diou: number[]; ciou: number[] }
interface LossGolden { loss: number[]; gradA: number[]; gradB: number[] }
interface Golden {
  iou: IouCase[];
  losses: { a: number[]; b: number[]; n: number; w: number[]; giou: LossGolden; diou: LossGolden; ciou: LossGolden };
  convert: { xyxy: number[]; xywh: number[]; cxcywh: number[]; area: number[] };
}
const golden = readGolden<Golden>('boxes-golden.json');

describe('IoU family against torchvision 0.14 (float64)', () => {
  const fns = { iou: boxIou, giou: generalizedBoxIou, diou: distanceBoxIou, ciou: completeBoxIou } as const;
  for (const [name, fn] of Object.entries(fns)) {
    it(`${name} matches torchvision on every pair`, () => {
      for (const c of golden.iou) {
        const out = fn(boxesOf(c.a), boxesOf(c.b));
        expect(out.shape).toEqual([c.n, c.m]);
        expect(maxAbsDiff(out.dataSync(), c[name as keyof typeof fns])).toBeLessThan(1e-12);
      }
    });
  }

  it('IoU, GIoU and DIoU pass gradcheck', () => {
    const c = golden.iou[0]!;
    // Boxes 0 are identical across the sets, where min/max have a kink; check the other pairs.
    // (CIoU holds α constant in its gradient, as torchvision does, so it is not the derivative of its value.)
    const a = boxesOf(c.a.slice(4, 16)), b = boxesOf(c.b.slice(8));
    for (const fn of [boxIou, generalizedBoxIou, distanceBoxIou]) expect(gradcheck((x, y) => fn(x!, y!), [a, b]).ok).toBe(true);
  });
});

describe('IoU losses against torchvision (values and autograd gradients)', () => {
  const fns = { giou: generalizedBoxIouLoss, diou: distanceBoxIouLoss, ciou: completeBoxIouLoss } as const;
  const g = golden.losses;
  for (const [name, fn] of Object.entries(fns)) {
    it(`${name} loss and its gradient`, () => {
      const a = boxesOf(g.a, 'float64', true), b = boxesOf(g.b, 'float64', true);
      const loss = fn(a, b);
      const ref = g[name as keyof typeof fns];
      expect(maxAbsDiff(loss.dataSync(), ref.loss)).toBeLessThan(1e-12);
      sum(mul(loss, tensor(g.w, { dtype: 'float64' }))).backward();
      expect(maxAbsDiff(a.grad!.dataSync(), ref.gradA)).toBeLessThan(1e-10);
      expect(maxAbsDiff(b.grad!.dataSync(), ref.gradB)).toBeLessThan(1e-10);
      // CIoU's gradient holds α constant (torchvision's no_grad), so finite differences of its value differ by design.
      if (name !== 'ciou') expect(gradcheck((x, y) => fn(x!, y!), [boxesOf(g.a), boxesOf(g.b)]).ok).toBe(true);
      expect(fn(boxesOf(g.a), boxesOf(g.b), { reduction: 'mean' }).item()).toBeCloseTo(ref.loss.reduce((s, v) => s + v, 0) / g.n, 12);
    });
  }
});

describe('boxConvert, boxArea, clipBoxes', () => {
  const c = golden.convert;
  const formats = ['xyxy', 'xywh', 'cxcywh'] as const;
  it('converts between every pair of layouts like torchvision', () => {
    for (const from of formats) {
      for (const to of formats) {
        const out = boxConvert(boxesOf(c[from]), from, to);
        expect(maxAbsDiff(out.dataSync(), c[to])).toBeLessThan(1e-12);
      }
    }
  });
  it('areas match torchvision and clipping clamps to the image', () => {
    expect(maxAbsDiff(boxArea(boxesOf(c.xyxy)).dataSync(), c.area)).toBeLessThan(1e-12);
    const clipped: Tensor = clipBoxes(tensor([[-5, 2, 40, 50], [3, 4, 5, 6]]), [32, 30]);
    expect(clipped.toArray()).toEqual([[0, 2, 30, 32], [3, 4, 5, 6]]);
  });
});
