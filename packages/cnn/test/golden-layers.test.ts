/**
 * Layers against PyTorch 1.13 (tools/fixtures/cnn/generate_layers.py): outputs and the gradients
 * of sum(out·w) with respect to the input and every parameter, in float64.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nn, noGrad, sum, tensor, type Tensor } from '@dlkit/core';
import * as cnn from '../src/index.js';

interface Case {
  args: Record<string, number | boolean | number[]>;
  x: number[]; xShape: number[]; out: number[]; outShape: number[]; w: number[]; dx: number[];
  [key: string]: unknown;
}
const fixture = JSON.parse(readFileSync(new URL('../../../tools/fixtures/cnn/layers-golden.json', import.meta.url), 'utf8')) as { cases: Record<string, unknown> };
const cases = fixture.cases as Record<string, Case> & { batch_norm2d: { weight: number[]; bias: number[]; train: Case[]; eval: Case; runningMean: number[]; runningVar: number[] } };

const f64 = (values: number[], shape: number[], requiresGrad = false): Tensor => tensor(values, { shape, dtype: 'float64', requiresGrad });

function expectClose(actual: Tensor | null, expected: number[], what: string, tol = 1e-9): void {
  expect(actual, what).not.toBeNull();
  const got = actual!.dataSync();
  expect(got.length, what).toBe(expected.length);
  const worst = expected.reduce((m, e, i) => Math.max(m, Math.abs(got[i]! - e)), 0);
  expect(worst, `${what}: max abs error`).toBeLessThan(tol);
}

/** Loads the case's parameters, runs forward + backward, and compares everything. */
function check(module: nn.Module, c: Case, params: readonly string[]): void {
  noGrad(() => {
    for (const name of params) {
      const target = (module as unknown as Record<string, Tensor>)[name]!;
      expect(target.shape, `${name} shape`).toEqual(c[`${name}Shape`] ?? target.shape);
      target.assign(f64(c[name] as number[], [...target.shape]));
    }
  });
  const x = f64(c.x, c.xShape, true);
  const out = module.forward(x);
  expect(out.shape).toEqual(c.outShape);
  expectClose(out, c.out, 'output');
  sum(out.mul(f64(c.w, c.outShape))).backward();
  expectClose(x.grad, c.dx, 'input gradient');
  for (const name of params) expectClose((module as unknown as Record<string, Tensor>)[name]!.grad, c[`d${name}`] as number[], `${name} gradient`);
}

describe('layers match PyTorch (forward, input and parameter gradients)', () => {
  it('Conv2d with groups and dilation', () => {
    const { args } = cases.conv2d_groups_dilation!;
    check(new cnn.Conv2d(4, 6, 3, { groups: 2, dilation: 2, padding: 2, dtype: 'float64' }), cases.conv2d_groups_dilation!, ['weight', 'bias']);
    expect(args).toEqual({ cIn: 4, cOut: 6, k: 3, groups: 2, dilation: 2, padding: 2 });
  });

  it('Conv2d with stride 2 and padding 1', () => {
    check(new cnn.Conv2d(3, 4, 3, { stride: 2, padding: 1, dtype: 'float64' }), cases.conv2d_stride_padding!, ['weight', 'bias']);
  });

  it('ConvTranspose2d with output padding', () => {
    check(new cnn.ConvTranspose2d(3, 2, 3, { stride: 2, padding: 1, outputPadding: 1, dtype: 'float64' }), cases.conv_transpose2d_output_padding!, ['weight', 'bias']);
  });

  it('bilinear Upsample2d (×2, ×2 with alignCorners, to a size)', () => {
    check(new cnn.Upsample2d({ scaleFactor: 2, mode: 'bilinear' }), cases.upsample_bilinear!, []);
    check(new cnn.Upsample2d({ scaleFactor: 2, mode: 'bilinear', alignCorners: true }), cases.upsample_bilinear_align_corners!, []);
    check(new cnn.Upsample2d({ size: [5, 7], mode: 'bilinear' }), cases.upsample_bilinear_size!, []);
  });

  it('AdaptiveAvgPool2d to [3, 2] from 7×5', () => {
    check(new cnn.AdaptiveAvgPool2d([3, 2]), cases.adaptive_avg_pool2d!, []);
  });

  it("core's BatchNorm2d: two training steps (running statistics), then eval", () => {
    const c = cases.batch_norm2d;
    const bn = new nn.BatchNorm2d(3, { dtype: 'float64' });
    noGrad(() => {
      bn.weight!.assign(f64(c.weight, [3]));
      bn.bias!.assign(f64(c.bias, [3]));
    });
    const step = (k: Case): void => {
      for (const p of bn.parameters()) p.grad = null;
      const x = f64(k.x, k.xShape, true);
      const out = bn.forward(x);
      expectClose(out, k.out, 'output');
      sum(out.mul(f64(k.w, k.outShape))).backward();
      expectClose(x.grad, k.dx, 'input gradient');
      expectClose(bn.weight!.grad, k.dweight as number[], 'weight gradient');
      expectClose(bn.bias!.grad, k.dbias as number[], 'bias gradient');
    };
    c.train.forEach(step);
    expectClose(bn.runningMean, c.runningMean, 'running mean');
    expectClose(bn.runningVar, c.runningVar, 'running variance');
    bn.eval();
    step(c.eval);
  });
});
