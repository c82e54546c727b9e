import { describe, expect, it } from 'vitest';
import { gradcheck, manualSeed, nn, randn, tensor, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import { Adam, fit } from '@dlkit/optim';
import {
  boxIou, decodeBoxDelta, encodeBoxDelta, gridAnchors, proposalLoss, proposalTargets, proposeRegions, RegionProposalHead, type Box,
} from '../src/index.js';

describe('anchors and box deltas', () => {
  it('places every anchor shape at every cell centre and codes boxes relative to anchors', () => {
    const anchors = gridAnchors([1, 2], [[0.5, 0.5], [0.2, 0.4]]).toArray() as number[][];
    expect(anchors.map((a) => a.map((v) => Number(v.toFixed(6))))).toEqual([[0, 0.25, 0.5, 0.75], [0.15, 0.3, 0.35, 0.7], [0.5, 0.25, 1, 0.75], [0.65, 0.3, 0.85, 0.7]]);
    const delta = encodeBoxDelta([0, 0, 2, 2], [0, 0, 1, 1]);
    expect(delta.map((v) => Number(v.toFixed(6)))).toEqual([0.5, 0.5, Number(Math.log(2).toFixed(6)), Number(Math.log(2).toFixed(6))]);
    expect(decodeBoxDelta(encodeBoxDelta([0.1, 0.2, 0.4, 0.9], [0.2, 0.2, 0.5, 0.5]), [0.2, 0.2, 0.5, 0.5]).map((v) => Number(v.toFixed(6)))).toEqual([0.1, 0.2, 0.4, 0.9]);
  });

  it('labels anchors positive (IoU ≥ 0.7 or an object\'s best), negative (< 0.3) or ignored', () => {
    const anchors = tensor([[0, 0, 0.5, 0.5], [0, 0, 0.4, 0.5], [0.5, 0.5, 1, 1], [0.25, 0, 0.75, 0.5]]);
    // IoUs with the box [0, 0, 0.5, 0.5]: 1, 0.8, 0, 1/3; with [0.6, 0.6, 0.9, 0.9]: only anchor 2 (0.36), its best.
    const t = proposalTargets(anchors, [[[0, 0, 0.5, 0.5], [0.6, 0.6, 0.9, 0.9]]]);
    expect(Array.from(t.labels.dataSync())).toEqual([1, 1, 1, -1]);
    expect(Array.from(t.deltas.dataSync().subarray(8, 12)).map((v) => Number(v.toFixed(4)))).toEqual(encodeBoxDelta([0.6, 0.6, 0.9, 0.9], [0.5, 0.5, 1, 1]).map((v) => Number(v.toFixed(4))));
    expect(Array.from(proposalTargets(anchors, [[]]).labels.dataSync())).toEqual([0, 0, 0, 0]);
    expect(() => proposalTargets(anchors, [[[0.5, 0, 0.4, 1]]])).toThrow(/proposalTargets: boxes\[0\]\[0\] .* x2 > x1/);
    expect(() => proposalTargets(anchors, [[]], { positiveIou: 0.2, negativeIou: 0.3 })).toThrow(/0 <= negativeIou <= positiveIou <= 1/);
  });

  it('proposalLoss passes gradcheck (float64) and checks shapes', () => {
    const anchors = gridAnchors([2, 2], [[0.5, 0.5], [0.3, 0.6]]);
    const targets = proposalTargets(anchors, [[[0.1, 0.1, 0.55, 0.6]], [[0.5, 0.2, 0.9, 0.9], [0, 0.6, 0.3, 1]]], { positiveIou: 0.5 });
    const x = randn([2, 2, 2, 10], { dtype: 'float64', seed: 5 });
    expect(gradcheck((o) => proposalLoss(o!, targets), [x]).ok).toBe(true);
    expect(() => proposalLoss(randn([2, 2, 2, 9]), targets)).toThrow(/proposalLoss: output must have shape \[m, fh, fw, A·5\]/);
    expect(() => proposalLoss(randn([2, 2, 1, 10]), targets)).toThrow(/proposalLoss: targets\.labels \[2, 8\] must be \[m, N\] = \[2, 4\]/);
  });
});

/** 16 × 16 grey scenes with 1–2 bright squares of side 4–8 in the left and right halves. */
function scenes(count: number, seed: number): { x: Tensor; boxes: Box[][] } {
  let s = seed * 7919 + 29;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const images = new Float32Array(count * 256);
  const boxes: Box[][] = [];
  for (let i = 0; i < count; i++) {
    const list: Box[] = [];
    const n = 1 + Math.floor(rand() * 2);
    for (let o = 0; o < n; o++) {
      const size = 4 + Math.floor(rand() * 5), x = o * 8 + Math.floor(rand() * (9 - size)), y = Math.floor(rand() * (17 - size));
      for (let r = y; r < y + size; r++) for (let c = x; c < Math.min(16, x + size); c++) images[i * 256 + r * 16 + c] = 1;
      list.push([x / 16, y / 16, Math.min(16, x + size) / 16, (y + size) / 16]);
    }
    boxes.push(list);
  }
  return { x: tensor(images, { shape: [count, 16, 16, 1] }), boxes };
}

class Rpn extends nn.Module {
  readonly backbone = new nn.Sequential(new Conv2d(1, 8, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2), new Conv2d(8, 16, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2));
  readonly head = new RegionProposalHead(16, 3, { hidden: 16 });
  forward(x: Tensor): Tensor {
    return this.head.forward(this.backbone.forward(x));
  }
}

describe('region proposals learn (end to end, through fit)', () => {
  it('a few proposals after NMS cover the objects of held-out scenes', () => {
    manualSeed(2);
    const anchors = gridAnchors([4, 4], [[0.25, 0.25], [0.35, 0.35], [0.5, 0.5]]);
    const train = scenes(128, 1), test = scenes(40, 2);
    const targets = proposalTargets(anchors, train.boxes, { positiveIou: 0.5 });
    const model = new Rpn();
    const { history } = fit(model, { step: (m, b) => proposalLoss(m.forward(b.x), { labels: b.labels, deltas: b.deltas }), data: { x: train.x, ...targets }, optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 25, batchSize: 32, seed: 3 });
    expect(history['loss']!.at(-1)!).toBeLessThan(history['loss']![0]! / 3);
    const proposals = proposeRegions(model.forward(test.x), anchors, { postNmsTopN: 5, iouThreshold: 0.5 });
    let covered = 0, total = 0;
    proposals.forEach((p, i) => {
      expect(p.boxes.shape[0]).toBeLessThanOrEqual(5);
      const iou = boxIou(tensor(test.boxes[i]!.map((b) => [...b])), p.boxes).toArray() as number[][];
      test.boxes[i]!.forEach((_, g) => { total++; if (Math.max(...iou[g]!) >= 0.5) covered++; });
      // After NMS no two proposals overlap by more than the threshold.
      const self = boxIou(p.boxes, p.boxes).toArray() as number[][];
      self.forEach((row, a) => row.forEach((v, b) => { if (a !== b) expect(v).toBeLessThanOrEqual(0.5 + 1e-6); }));
    });
    expect(() => proposeRegions(model.forward(test.x), gridAnchors([2, 2], [[0.3, 0.3]]))).toThrow(/proposeRegions: anchors must have shape \[48, 4\] \(one per output slot\), got \[4, 4\]/);
    console.log(`rpn e2e: loss ${history['loss']![0]!.toFixed(3)} → ${history['loss']!.at(-1)!.toFixed(3)}, recall@0.5 of 5 proposals ${(covered / total).toFixed(3)}`);
    expect(covered / total).toBeGreaterThan(0.9);
  });
});
