/**
 * Golden values for nn layers, losses and metrics:
 * - tools/fixtures/nn/generate_nn.py → nn-golden.json (PyTorch): Linear, BatchNorm1d over several
 *   training steps then eval, LayerNorm, Embedding, and every loss with each reduction. Inputs are
 *   float32 in dlkit's layouts, references torch float64; gradients are of `sum(out * w)`.
 *   dlkit runs in float32; each value must satisfy `|dlkit - torch| <= 1e-5 * max(1, |torch|)`.
 * - tools/fixtures/nn/generate_metrics.py → metrics-golden.json (scikit-learn): accuracy,
 *   confusion matrix, precision/recall/f1 for every average, top-k accuracy; equal to 1e-12.
 * No Python is needed: regenerate the JSON with the scripts when cases change.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  accuracy, binaryCrossEntropy, binaryCrossEntropyWithLogits, categoricalCrossEntropy, confusionMatrix,
  crossEntropy, f1, huber, meanAbsoluteError, meanSquaredError, mul, nn, noGrad, precision, recall, sum, tensor,
  topKAccuracy, type Average, type Tensor,
} from '@dlkit/core';

interface Encoded { shape: number[]; data: number[]; dtype?: 'int32' }
interface Grads { [name: string]: Encoded }
interface LinearCase {
  name: string; inFeatures: number; outFeatures: number; bias: boolean;
  x: Encoded; weight: Encoded; biasValue?: Encoded; w: Encoded; out: Encoded; grads: Grads;
}
interface BatchNormStep { x: Encoded; w: Encoded; out: Encoded; grads: Grads }
interface BatchNormCase {
  name: string; numFeatures: number; momentum: number; eps: number; weight: Encoded; bias: Encoded;
  steps: BatchNormStep[]; runningMean: Encoded; runningVar: Encoded; numBatchesTracked: number; eval: BatchNormStep;
}
interface LayerNormCase {
  name: string; normalizedShape: number[]; eps: number; weight: Encoded; bias: Encoded;
  x: Encoded; w: Encoded; out: Encoded; grads: Grads;
}
interface EmbeddingCase {
  name: string; numEmbeddings: number; embeddingDim: number; paddingIdx?: number;
  weight: Encoded; indices: Encoded; w: Encoded; out: Encoded; grads: Grads;
}
interface LossCase {
  group: string; name: string; loss: string; options: Record<string, unknown>;
  tensorOptions: Record<string, Encoded>; prediction: Encoded; target: Encoded; w: Encoded; out: Encoded;
  grad: Encoded | null;
}
interface NnGolden {
  torch: string; linear: LinearCase[]; batchNorm: BatchNormCase[]; layerNorm: LayerNormCase[];
  embedding: EmbeddingCase[]; losses: LossCase[];
}

interface MetricsCase {
  name: string; numClasses: number; binary: boolean; predictions: Encoded; targets: Encoded; scores?: Encoded;
  expected: {
    accuracy: number; confusionMatrix: number[][];
    precision: Record<string, number>; recall: Record<string, number>; f1: Record<string, number>;
    topK?: Record<string, number>;
  };
}
interface MetricsGolden { sklearn: string; cases: MetricsCase[] }

const TOL = 1e-5;
const METRIC_TOL = 1e-12;
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../tools/fixtures/nn/${name}`, import.meta.url), 'utf8')) as T;
const golden = fixture<NnGolden>('nn-golden.json');
const metricsGolden = fixture<MetricsGolden>('metrics-golden.json');

const toTensor = (e: Encoded, requiresGrad = false): Tensor =>
  e.dtype === 'int32'
    ? tensor(new Int32Array(e.data), { shape: e.shape })
    : tensor(new Float32Array(e.data), { shape: e.shape, requiresGrad });

const worst = new Map<string, { err: number; name: string }>();

/** Asserts `|actual - expected| <= TOL * max(1, |expected|)` elementwise; records the worst per group. */
function check(group: string, name: string, actual: Tensor | null | undefined, expected: Encoded): void {
  expect(actual, `${name} missing`).toBeTruthy();
  expect(actual!.shape, `${name} shape`).toEqual(expected.shape);
  expect(actual!.dtype, `${name} dtype`).toBe('float32');
  const values = actual!.dataSync();
  let err = 0;
  let at = -1;
  for (let i = 0; i < values.length; i++) {
    const b = expected.data[i]!;
    const e = Math.abs(values[i]! - b) / Math.max(1, Math.abs(b));
    if (!(e <= err)) { err = e; at = i; } // NaN also lands here and fails below
  }
  const prev = worst.get(group);
  if (!prev || !(err <= prev.err)) worst.set(group, { err, name });
  expect(err, `${name}[${at}] = ${values[at]}, torch ${expected.data[at]} (scaled error ${err})`).toBeLessThanOrEqual(TOL);
}

/** Sets a parameter's values from the fixture, outside the graph (the object stays the same). */
function setParam(p: Tensor | null, e: Encoded): void {
  expect(p).toBeTruthy();
  noGrad(() => p!.assign(toTensor(e)));
}

const upstream = (out: Tensor, w: Encoded): void => sum(mul(out, toTensor(w))).backward();

describe(`nn golden values from PyTorch ${golden.torch}`, () => {
  describe('Linear', () => {
    it.each(golden.linear.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const layer = new nn.Linear(c.inFeatures, c.outFeatures, { bias: c.bias });
      setParam(layer.weight, c.weight);
      if (c.bias) setParam(layer.bias, c.biasValue!);
      else expect(layer.bias).toBeNull();
      const x = toTensor(c.x, true);
      const out = layer.forward(x);
      check('linear', `${c.name} out`, out, c.out);
      upstream(out, c.w);
      check('linear', `${c.name} grad x`, x.grad, c.grads.x!);
      check('linear', `${c.name} grad weight`, layer.weight.grad, c.grads.weight!);
      if (c.bias) check('linear', `${c.name} grad bias`, layer.bias!.grad, c.grads.bias!);
    });
  });

  describe('BatchNorm1d (training steps, running statistics, eval)', () => {
    it.each(golden.batchNorm.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const bn = new nn.BatchNorm1d(c.numFeatures, { momentum: c.momentum, eps: c.eps });
      setParam(bn.weight, c.weight);
      setParam(bn.bias, c.bias);
      const runStep = (step: BatchNormStep, label: string): void => {
        bn.weight!.zeroGrad();
        bn.bias!.zeroGrad();
        const x = toTensor(step.x, true);
        const out = bn.forward(x);
        check('batchNorm', `${c.name} ${label} out`, out, step.out);
        upstream(out, step.w);
        check('batchNorm', `${c.name} ${label} grad x`, x.grad, step.grads.x!);
        check('batchNorm', `${c.name} ${label} grad weight`, bn.weight!.grad, step.grads.weight!);
        check('batchNorm', `${c.name} ${label} grad bias`, bn.bias!.grad, step.grads.bias!);
      };
      bn.train();
      c.steps.forEach((step, i) => runStep(step, `step ${i + 1}`));
      check('batchNorm', `${c.name} running_mean`, bn.runningMean, c.runningMean);
      check('batchNorm', `${c.name} running_var`, bn.runningVar, c.runningVar);
      expect(bn.numBatchesTracked.dtype).toBe('int32');
      expect(bn.numBatchesTracked.item()).toBe(c.numBatchesTracked);
      const state = bn.stateDict();
      expect(Object.keys(state).sort()).toEqual(['bias', 'num_batches_tracked', 'running_mean', 'running_var', 'weight']);
      bn.eval();
      runStep(c.eval, 'eval');
      // Eval uses the running statistics without changing them.
      check('batchNorm', `${c.name} running_mean after eval`, bn.runningMean, c.runningMean);
      expect(bn.numBatchesTracked.item()).toBe(c.numBatchesTracked);
    });
  });

  describe('LayerNorm', () => {
    it.each(golden.layerNorm.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const ln = new nn.LayerNorm(c.normalizedShape, { eps: c.eps });
      setParam(ln.weight, c.weight);
      setParam(ln.bias, c.bias);
      const x = toTensor(c.x, true);
      const out = ln.forward(x);
      check('layerNorm', `${c.name} out`, out, c.out);
      upstream(out, c.w);
      check('layerNorm', `${c.name} grad x`, x.grad, c.grads.x!);
      check('layerNorm', `${c.name} grad weight`, ln.weight!.grad, c.grads.weight!);
      check('layerNorm', `${c.name} grad bias`, ln.bias!.grad, c.grads.bias!);
    });
  });

  describe('Embedding', () => {
    it.each(golden.embedding.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const emb = new nn.Embedding(c.numEmbeddings, c.embeddingDim, c.paddingIdx === undefined ? {} : { paddingIdx: c.paddingIdx });
      setParam(emb.weight, c.weight);
      const out = emb.forward(toTensor(c.indices));
      check('embedding', `${c.name} out`, out, c.out);
      upstream(out, c.w);
      check('embedding', `${c.name} grad weight`, emb.weight.grad, c.grads.weight!);
    });
  });

  type LossFn = (prediction: Tensor, target: Tensor, options: Record<string, unknown>) => Tensor;
  const LOSSES: Record<string, LossFn> = {
    binaryCrossEntropy: (p, y, o) => binaryCrossEntropy(p, y, o),
    binaryCrossEntropyWithLogits: (p, y, o) => binaryCrossEntropyWithLogits(p, y, o),
    crossEntropy: (p, y, o) => crossEntropy(p, y, o),
    categoricalCrossEntropy: (p, y, o) => categoricalCrossEntropy(p, y, o),
    meanSquaredError: (p, y, o) => meanSquaredError(p, y, o),
    meanAbsoluteError: (p, y, o) => meanAbsoluteError(p, y, o),
    huber: (p, y, o) => huber(p, y, o),
  };
  const lossGroups = [...new Set(golden.losses.map((c) => c.group))];

  it('covers every loss and reduction', () => {
    expect(lossGroups.sort()).toEqual(Object.keys(LOSSES).sort());
    for (const group of lossGroups) {
      const reductions = new Set(golden.losses.filter((c) => c.group === group).map((c) => c.options.reduction));
      expect([...reductions].sort(), group).toEqual(['mean', 'none', 'sum']);
    }
  });

  for (const group of lossGroups) {
    describe(group, () => {
      it.each(golden.losses.filter((c) => c.group === group).map((c) => [c.name, c] as const))('%s', (_n, c) => {
        const fn = LOSSES[c.loss];
        expect(fn, `no dlkit loss '${c.loss}'`).toBeDefined();
        const prediction = toTensor(c.prediction, c.grad !== null);
        const options: Record<string, unknown> = { ...c.options };
        for (const [k, e] of Object.entries(c.tensorOptions)) options[k] = toTensor(e);
        const out = fn!(prediction, toTensor(c.target), options);
        check(group, `${c.name} out`, out, c.out);
        if (c.grad === null) return;
        upstream(out, c.w);
        check(group, `${c.name} grad`, prediction.grad, c.grad);
      });
    });
  }

  // Beyond torch: its kernel's gradient at p = 0 or 1 is (p - y) / max(p(1 - p), 1e-12), a
  // convention (±1e12 or 0); dlkit must give the finite gradient of the clamped loss, never NaN.
  it('binaryCrossEntropy gradient is finite at probabilities of exactly 0 and 1', () => {
    const p = tensor([0, 1, 0, 1, 0.5], { requiresGrad: true });
    const loss = binaryCrossEntropy(p, tensor([0, 1, 1, 0, 1]), { reduction: 'sum' });
    expect(loss.item()).toBeCloseTo(200 + Math.LN2, 4);
    loss.backward();
    expect(Array.from(p.grad!.dataSync(), (v) => v + 0)).toEqual([1, -1, 0, 0, -2]);
  });

  afterAll(() => {
    const lines = [...worst].map(([g, { err, name }]) => `  ${g.padEnd(30)} ${err.toExponential(2)}  ${name}`);
    console.log(`golden-nn: max scaled error per group (tolerance ${TOL})\n${lines.join('\n')}`);
  });
});

describe(`metrics golden values from scikit-learn ${metricsGolden.sklearn}`, () => {
  let worstMetric = 0;
  const close = (actual: number, expected: number, what: string): void => {
    const err = Math.abs(actual - expected);
    worstMetric = Math.max(worstMetric, err);
    expect(err, `${what}: dlkit ${actual}, sklearn ${expected}`).toBeLessThanOrEqual(METRIC_TOL);
  };

  it.each(metricsGolden.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const predictions = toTensor(c.predictions);
    const targets = toTensor(c.targets);
    const e = c.expected;
    close(accuracy(predictions, targets), e.accuracy, 'accuracy');
    expect(confusionMatrix(predictions, targets, c.numClasses)).toEqual(e.confusionMatrix);
    const metricFns = { precision, recall, f1 };
    for (const [metric, fn] of Object.entries(metricFns)) {
      const expected = e[metric as keyof typeof metricFns];
      for (const [key, value] of Object.entries(expected)) {
        const [average, positive] = key.split(':') as [Average, string | undefined];
        const options = { average, numClasses: c.numClasses, ...(positive === undefined ? {} : { positiveLabel: Number(positive) }) };
        close(fn(predictions, targets, options), value, `${metric} ${key}`);
      }
    }
    if (c.expected.topK) {
      expect(c.scores).toBeDefined();
      const scores = toTensor(c.scores!);
      const truth = c.targets.dtype === 'int32' ? targets : argMaxLabels(c.targets, c.numClasses);
      for (const [k, value] of Object.entries(c.expected.topK)) close(topKAccuracy(scores, truth, Number(k)), value, `top-${k}`);
    }
  });

  afterAll(() => {
    console.log(`golden-nn: metrics max |dlkit - sklearn| = ${worstMetric.toExponential(2)} (tolerance ${METRIC_TOL})`);
  });
});

/** int32 labels from one-hot rows. */
function argMaxLabels(oneHot: Encoded, classes: number): Tensor {
  const m = oneHot.shape[0]!;
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) labels[i] = oneHot.data.slice(i * classes, (i + 1) * classes).indexOf(1);
  return tensor(labels, { shape: [m] });
}
