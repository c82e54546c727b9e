/**
 * Golden values from PyTorch (tools/fixtures/core/generate_prims_b.py → prims-b-golden.json) for
 * resizeBilinear, resizeNearest, adaptiveAvgPool2d, einsum, batchNorm (train and eval) and
 * nn.BatchNorm2d over several training steps.
 *
 * Inputs are float32 in dlkit's layouts (NHWC; torch ran on the NCHW permutation), references are
 * torch's float64 results and autograd gradients of `sum(out * w)`. dlkit runs in float32 on the
 * default backend; each value must satisfy `|dlkit - torch| <= 1e-5 * max(1, |torch|)`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adaptiveAvgPool2d, batchNorm, einsum, moments, mul, nn, noGrad, resizeBilinear, resizeNearest, sum, tensor,
  type Pair, type Tensor,
} from '@dlkit/core';

interface Encoded { shape: number[]; data: number[] }
interface GoldenCase {
  group: string; name: string; op: string; options: Record<string, unknown>;
  inputs: Encoded[]; w: Encoded; out: Encoded; grads: (Encoded | null)[];
}
interface Step { x: Encoded; w: Encoded; out: Encoded; grads: { x: Encoded; weight: Encoded; bias: Encoded } }
interface BatchNorm2dCase {
  name: string; numFeatures: number; momentum: number; eps: number; weight: Encoded; bias: Encoded;
  steps: Step[]; runningMean: Encoded; runningVar: Encoded; numBatchesTracked: number; eval: Step;
}
interface GoldenFile { torch: string; cases: GoldenCase[]; batchNorm2d: BatchNorm2dCase[] }

const TOL = 1e-5;
const golden = JSON.parse(
  readFileSync(new URL('../../../tools/fixtures/core/prims-b-golden.json', import.meta.url), 'utf8'),
) as GoldenFile;

type OpFn = (inputs: Tensor[], options: Record<string, unknown>) => Tensor;
const leading = (x: Tensor): number[] => x.shape.slice(0, -1).map((_, i) => i);
const OPS: Record<string, OpFn> = {
  resizeBilinear: ([x], o) => resizeBilinear(x!, o.size as Pair, { alignCorners: o.alignCorners as boolean }),
  resizeNearest: ([x], o) => resizeNearest(x!, o.size as Pair, { mode: o.mode as 'nearest' | 'nearest-exact' }),
  adaptiveAvgPool2d: ([x], o) => adaptiveAvgPool2d(x!, o.size as Pair),
  einsum: (xs, o) => einsum(o.equation as string, ...xs),
  batchNormTrain: ([x, weight, bias], o) => {
    const { mean, variance } = moments(x!, leading(x!));
    return batchNorm(x!, mean, variance, { weight, bias, eps: o.eps as number });
  },
  batchNormEval: ([x, mean, variance, weight, bias], o) => batchNorm(x!, mean!, variance!, { weight, bias, eps: o.eps as number }),
};

const toTensor = (e: Encoded, requiresGrad = false): Tensor => tensor(new Float32Array(e.data), { shape: e.shape, requiresGrad });

/** Largest absolute error per op, reported after the run. */
const worst = new Map<string, { abs: number; name: string }>();

function check(group: string, name: string, actual: Tensor | null | undefined, expected: Encoded): void {
  expect(actual, `${name} missing`).toBeTruthy();
  expect(actual!.shape, `${name} shape`).toEqual(expected.shape);
  const values = actual!.dataSync();
  let scaled = 0;
  let abs = 0;
  let at = -1;
  for (let i = 0; i < values.length; i++) {
    const d = Math.abs(values[i]! - expected.data[i]!);
    const e = d / Math.max(1, Math.abs(expected.data[i]!));
    if (!(e <= scaled)) { scaled = e; at = i; } // NaN also lands here and fails below
    abs = Math.max(abs, d);
  }
  const prev = worst.get(group);
  if (!prev || abs > prev.abs) worst.set(group, { abs, name });
  expect(scaled, `${name}[${at}] = ${values[at]}, torch ${expected.data[at]}`).toBeLessThanOrEqual(TOL);
}

describe(`golden values from PyTorch ${golden.torch}: resize, adaptive pooling, einsum, batch norm`, () => {
  it('fixture covers every op', () => {
    expect(new Set(golden.cases.map((c) => c.op))).toEqual(new Set(Object.keys(OPS)));
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputs = c.inputs.map((e, i) => toTensor(e, c.grads[i] !== null));
    const out = OPS[c.op]!(inputs, c.options);
    check(c.op, `${c.name} out`, out, c.out);
    sum(mul(out, toTensor(c.w))).backward();
    c.grads.forEach((g, i) => {
      if (g !== null) check(c.op, `${c.name} grad[${i}]`, inputs[i]!.grad, g);
    });
  });

  describe('nn.BatchNorm2d (NHWC; training steps, running statistics, eval)', () => {
    it.each(golden.batchNorm2d.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const bn = new nn.BatchNorm2d(c.numFeatures, { momentum: c.momentum, eps: c.eps });
      noGrad(() => {
        bn.weight!.assign(toTensor(c.weight));
        bn.bias!.assign(toTensor(c.bias));
      });
      const run = (step: Step, label: string): void => {
        bn.weight!.zeroGrad();
        bn.bias!.zeroGrad();
        const x = toTensor(step.x, true);
        const out = bn.forward(x);
        check('BatchNorm2d', `${c.name} ${label} out`, out, step.out);
        sum(mul(out, toTensor(step.w))).backward();
        check('BatchNorm2d', `${c.name} ${label} grad x`, x.grad, step.grads.x);
        check('BatchNorm2d', `${c.name} ${label} grad weight`, bn.weight!.grad, step.grads.weight);
        check('BatchNorm2d', `${c.name} ${label} grad bias`, bn.bias!.grad, step.grads.bias);
      };
      c.steps.forEach((step, i) => run(step, `step ${i + 1}`));
      check('BatchNorm2d', `${c.name} running_mean`, bn.runningMean, c.runningMean);
      check('BatchNorm2d', `${c.name} running_var`, bn.runningVar, c.runningVar);
      expect(bn.numBatchesTracked.item()).toBe(c.numBatchesTracked);
      expect(Object.keys(bn.stateDict()).sort()).toEqual(['bias', 'num_batches_tracked', 'running_mean', 'running_var', 'weight']);
      bn.eval();
      run(c.eval, 'eval');
      check('BatchNorm2d', `${c.name} running_mean after eval`, bn.runningMean, c.runningMean);
    });
  });

  afterAll(() => {
    const lines = [...worst].map(([op, { abs, name }]) => `  ${op.padEnd(18)} ${abs.toExponential(2)}  ${name}`);
    console.log(`golden (prims-b): max absolute error vs torch per op (scaled tolerance ${TOL})\n${lines.join('\n')}`);
  });
});
