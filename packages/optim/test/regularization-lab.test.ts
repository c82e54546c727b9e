/**
 * Course 2, week 1's regularization lab, rebuilt: a wide network trained for long on a small
 * noisy 2-D dataset fits the noise (high train accuracy, a large train/dev gap); L2
 * regularization (`λ/2m·ΣW²` in the cost) and dropout each shrink the gap.
 *
 * Data: points in [−1, 1]², label 1 inside a circle of radius 0.6 around the origin, 20% of the
 * training labels flipped (the dev labels are clean, as the course's are); 100 train and
 * 500 dev points. Model: 2 → 64 → 64 → 1 (ReLU, sigmoid), Adam α 0.01, full batch.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { binaryCrossEntropyWithLogits, Generator, manualSeed, nn, tensor, type Tensor } from '@dlkit/core';
import { Adam, evaluate, fit, l2Penalty, weightsOf, type MetricFn } from '@dlkit/optim';

function circleData(m: number, flip: number, seed: number): [Tensor, Tensor] {
  const random = new Generator(seed);
  const x = new Float32Array(2 * m);
  const y = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const a = 2 * random.nextFloat() - 1;
    const b = 2 * random.nextFloat() - 1;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    const inside = a * a + b * b < 0.36 ? 1 : 0;
    y[i] = random.nextFloat() < flip ? 1 - inside : inside;
  }
  return [tensor(x, { shape: [m, 2] }), tensor(y, { shape: [m, 1] })];
}

const binaryAccuracy: MetricFn = (logits, targets) => logits.greater(0).cast('float32').equal(targets).cast('float32').mean().item();
const train = circleData(100, 0.2, 1);
const dev = circleData(500, 0, 2);
const EPOCHS = 600;

function gap(options: { dropout?: number; lambda?: number }): { train: number; dev: number; gap: number } {
  manualSeed(5);
  const layers: nn.Layer[] = [new nn.Linear(2, 64), new nn.ReLU()];
  if (options.dropout) layers.push(new nn.Dropout(options.dropout));
  layers.push(new nn.Linear(64, 64), new nn.ReLU());
  if (options.dropout) layers.push(new nn.Dropout(options.dropout));
  layers.push(new nn.Linear(64, 1));
  const model = new nn.Sequential(...layers);
  const m = train[0].shape[0]!;
  const { lambda } = options;
  fit(model, {
    loss: binaryCrossEntropyWithLogits, optimizer: new Adam(model.parameters(), { lr: 0.01 }), data: train,
    epochs: EPOCHS, batchSize: m, seed: 0,
    ...(lambda ? { penalty: () => l2Penalty(weightsOf(model), { lambda, m }) } : {}),
  });
  const trainAccuracy = evaluate(model, train, { metrics: { accuracy: binaryAccuracy } }).accuracy!;
  const devAccuracy = evaluate(model, dev, { metrics: { accuracy: binaryAccuracy } }).accuracy!;
  return { train: trainAccuracy, dev: devAccuracy, gap: trainAccuracy - devAccuracy };
}

const figures: Record<string, { train: number; dev: number; gap: number }> = {};

describe('regularization on an over-fitting network (the course\'s week-1 lab)', () => {
  const plain = gap({});
  figures['no regularization'] = plain;

  it('without regularization the network fits the flipped labels: a large train/dev gap', () => {
    expect(plain.train).toBeGreaterThan(0.9);
    expect(plain.gap).toBeGreaterThan(0.1);
  });

  it('L2 regularization shrinks the gap and does not hurt dev accuracy', () => {
    const l2 = gap({ lambda: 0.5 });
    figures['L2 (λ 0.5)'] = l2;
    expect(l2.gap).toBeLessThan(plain.gap / 2);
    expect(l2.dev).toBeGreaterThanOrEqual(plain.dev);
  });

  it('dropout shrinks the gap and does not hurt dev accuracy', () => {
    const dropped = gap({ dropout: 0.5 });
    figures['dropout (p 0.5)'] = dropped;
    expect(dropped.gap).toBeLessThan(plain.gap / 2);
    expect(dropped.dev).toBeGreaterThanOrEqual(plain.dev);
  });
});

afterAll(() => {
  const rows = Object.entries(figures).map(([k, v]) => `${k}: train ${v.train.toFixed(3)}, dev ${v.dev.toFixed(3)}, gap ${v.gap.toFixed(3)}`);
  console.log(`train/dev accuracy: ${rows.join('; ')}`);
});
