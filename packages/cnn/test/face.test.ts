import { describe, expect, it } from 'vitest';
import { concat, DTypeError, gradcheck, manualSeed, nn, randn, ShapeError, stack, tensor, ValueError, type Tensor } from '@dlkit/core';
import { Adam } from '@dlkit/optim';
import * as cnn from '../src/index.js';

const f64 = (shape: number[], seed: number): Tensor => randn(shape, { dtype: 'float64', seed });

describe('losses on embeddings', () => {
  it('tripletLoss (both forms), contrastiveLoss, l2Normalize and the mined losses pass gradcheck', () => {
    const [a, p, n] = [f64([5, 3], 1), f64([5, 3], 2), f64([5, 3], 3)];
    expect(gradcheck((x, y, z) => cnn.tripletLoss(x, y, z, { margin: 1 }), [a, p, n]).ok).toBe(true);
    expect(gradcheck((x, y, z) => cnn.tripletLoss(x, y, z, { margin: 1, squared: false, reduction: 'none' }), [a, p, n]).ok).toBe(true);
    const same = tensor([true, false, true, false, false]);
    expect(gradcheck((x, y) => cnn.contrastiveLoss(x, y, same, { margin: 2 }), [a, p]).ok).toBe(true);
    expect(gradcheck((x) => cnn.l2Normalize(x), [a]).ok).toBe(true);
    const e = f64([9, 2], 4);
    const labels = tensor([0, 0, 0, 1, 1, 1, 2, 2, 2], { dtype: 'int32' });
    for (const strategy of ['batch-all', 'batch-hard', 'semi-hard'] as const) {
      expect(gradcheck((x) => cnn.minedTripletLoss(x, labels, { strategy, margin: 0.5 }), [e]).ok, strategy).toBe(true);
    }
  });

  it('l2Normalize gives unit rows', () => {
    const rows = cnn.l2Normalize(randn([4, 6])).square().sum(-1).dataSync();
    rows.forEach((r) => expect(r).toBeCloseTo(1, 5));
  });

  it('names the function and what it expected on bad input', () => {
    expect(() => cnn.tripletLoss(randn([2, 3]), randn([2, 4]), randn([2, 3]))).toThrow(/tripletLoss: expected anchor and positive as embeddings of one shape \[m, d\]/);
    expect(() => cnn.tripletLoss(randn([2, 3]), randn([2, 3]), randn([2, 3]), { margin: -1 })).toThrow(ValueError);
    expect(() => cnn.minedTripletLoss(randn([3, 2]), tensor([0, 1, 0]))).toThrow(DTypeError);
    expect(() => cnn.mineTriplets(randn([3, 2]), tensor([0, 1], { dtype: 'int32' }))).toThrow(ShapeError);
    expect(() => cnn.contrastiveLoss(randn([2, 3]), randn([2, 3]), tensor([1, 0, 1], { dtype: 'int32' }))).toThrow(/expected same \[2\]/);
  });
});

describe('mineTriplets', () => {
  // 1-D embeddings: identity 0 at 0 and 1; identity 1 at 1.5, 3 and 10.
  const e = tensor([[0], [1], [1.5], [3], [10]]);
  const labels = tensor([0, 0, 1, 1, 1], { dtype: 'int32' });
  const triplets = (t: cnn.Triplets): string[] => Array.from(t.anchors, (a, i) => `${a}${t.positives[i]}${t.negatives[i]}`);

  it('batch-hard: per anchor its farthest positive and nearest negative', () => {
    expect(triplets(cnn.mineTriplets(e, labels, { strategy: 'batch-hard', squared: false }))).toEqual(['012', '102', '241', '341', '421']);
  });

  it('semi-hard: the nearest negative beyond the positive, else the farthest negative', () => {
    // anchor 1 / positive 0 (d 1): negatives at 0.5, 2, 9 → the nearest beyond 1 is 3 (d 2)
    // anchor 2 / positive 3 (d 1.5): negatives at 1.5 (not beyond: a tie) and 0.5 → the farthest, 0
    expect(triplets(cnn.mineTriplets(e, labels, { strategy: 'semi-hard', squared: false }))).toEqual(['012', '103', '230', '240', '321', '340', '421', '431']);
  });

  it('batch-all: only the triplets that violate the margin; none left when identities are far apart', () => {
    const all = cnn.mineTriplets(e, labels, { strategy: 'batch-all', margin: 0.2, squared: false });
    expect(triplets(all)).toContain('102');
    expect(triplets(all)).not.toContain('012');
    const far = tensor([[0], [0.1], [5], [5.1]]);
    const ids = tensor([0, 0, 1, 1], { dtype: 'int32' });
    expect(cnn.mineTriplets(far, ids, { strategy: 'batch-all' }).anchors.length).toBe(0);
    expect(cnn.minedTripletLoss(far, ids, { strategy: 'batch-all' }).item()).toBe(0);
  });
});

describe('verification', () => {
  const distances = [0.1, 0.2, 0.35, 0.4, 0.6, 0.8];
  const same = [true, true, false, true, false, false];

  it('rocCurve, rocAuc and equalErrorRate by hand', () => {
    const roc = cnn.rocCurve(distances, same);
    expect(roc.map((p) => [p.tpr, p.fpr])).toEqual([[0, 0], [1 / 3, 0], [2 / 3, 0], [2 / 3, 1 / 3], [1, 1 / 3], [1, 2 / 3], [1, 1]]);
    expect(roc[3]!.threshold).toBeCloseTo(0.375, 12);
    expect(cnn.rocAuc(roc)).toBeCloseTo(8 / 9, 12);
    const eer = cnn.equalErrorRate(roc);
    expect(eer.rate).toBeCloseTo(1 / 3, 12);
    expect(cnn.rocAuc(cnn.rocCurve([1, 2, 3, 4], [true, true, false, false]))).toBe(1);
  });

  it('chooseThreshold maximizes dev accuracy; verify applies distance < τ', () => {
    const { threshold, accuracy } = cnn.chooseThreshold(distances, same);
    expect(accuracy).toBeCloseTo(5 / 6, 12);
    expect(cnn.verify(distances, threshold).filter((v, i) => v === same[i]).length).toBe(5);
    expect(cnn.verify([0.3, 1.2], 0.7)).toEqual([true, false]);
  });

  it('oneShotIdentify: nearest identity, null beyond the threshold', () => {
    const database = tensor([[0, 0], [1, 0], [0, 1]]);
    const queries = tensor([[0.9, 0.1], [0.1, 0.2], [4, 5]]);
    expect(cnn.oneShotIdentify(queries, database, ['a', 'b', 'c']).map((r) => r.identity)).toEqual(['b', 'a', 'c']);
    expect(cnn.oneShotIdentify(queries, database, ['a', 'b', 'c'], { threshold: 0.7 }).map((r) => r.identity)).toEqual(['b', 'a', null]);
    expect(() => cnn.oneShotIdentify(queries, database, ['a'])).toThrow(ShapeError);
  });

  it('needs both kinds of pairs', () => {
    expect(() => cnn.rocCurve([0.1, 0.2], [true, true])).toThrow(/need both same- and different-identity pairs/);
  });
});

describe('a siamese encoder learns with the triplet loss', () => {
  it('learns to ignore nuisance features, so one-shot identification of unseen identities beats raw distances', () => {
    manualSeed(0);
    // An example of identity k: its prototype in 4 dims, then 12 dims of large nuisance noise
    // (pose, lighting) unrelated to identity. Every step draws fresh examples of identities 0-11;
    // the test identities 12-16 are never seen in training.
    const proto = Array.from({ length: 17 }, (_, k) => randn([4], { seed: 100 + k }).mul(1.5));
    const examples = (ids: number[], perId: number, seed: number): { x: Tensor; y: Tensor } => {
      const rows: Tensor[] = [];
      const y: number[] = [];
      ids.forEach((id, i) => {
        for (let j = 0; j < perId; j++) {
          const s = seed + 31 * i + j;
          rows.push(concat([proto[id]!.add(randn([4], { seed: s }).mul(0.3)), randn([12], { seed: s + 7919 }).mul(2)]));
          y.push(id);
        }
      });
      return { x: stack(rows), y: tensor(y, { dtype: 'int32' }) };
    };
    const net = new cnn.Siamese(new nn.Sequential(new nn.Linear(16, 32), new nn.ReLU(), new nn.Linear(32, 8)));
    const trainIds = Array.from({ length: 12 }, (_, i) => i);
    const optimizer = new Adam(net.parameters(), { lr: 0.01 });
    for (let step = 0; step < 80; step++) {
      const batch = examples(trainIds, 4, 100_000 + 1000 * step);
      optimizer.zeroGrad();
      const loss = cnn.minedTripletLoss(net.embed(batch.x), batch.y, { strategy: 'semi-hard', margin: 0.3 });
      loss.backward();
      optimizer.step();
    }
    const ids = [12, 13, 14, 15, 16];
    const reference = examples(ids, 1, 5000);
    const queries = examples(ids, 10, 9000);
    const truth = queries.y.dataSync();
    const accuracy = (answers: cnn.Identification<number>[]): number => answers.filter((a, i) => a.identity === truth[i]).length / answers.length;
    const raw = accuracy(cnn.oneShotIdentify(queries.x, reference.x, ids));
    const learned = accuracy(cnn.oneShotIdentify(net.embed(queries.x), net.embed(reference.x), ids));
    expect(learned).toBeGreaterThanOrEqual(0.9);
    expect(learned).toBeGreaterThan(raw + 0.2);
  });
});
