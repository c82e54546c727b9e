/**
 * Golden values from PyTorch (tools/fixtures/core/generate_core.py → core-golden.json).
 *
 * Every case holds float32 inputs in dlkit's layouts (NHWC images, [kh, kw, cIn, cOut] filters),
 * options in dlkit's spelling, torch's float64 output, and torch's autograd gradients of
 * `sum(out * w)` for a random `w`. dlkit runs in float32 on the default backend; each value must
 * satisfy `|dlkit - torch| <= 1e-5 * max(1, |torch|)` (absolute below 1, relative above).
 * No Python is needed: regenerate the JSON with the script when cases change.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  add, avgPool2d, conv2d, conv2dTranspose, depthwiseConv2d, div, elu, erf, gelu, leakyRelu, logSoftmax,
  matmul, maximum, maxPool2d, mul, pow, selu, sigmoid, softmax, softplus, sub, sum, tanh, tensor,
  type Conv2dOptions, type Conv2dTransposeOptions, type Pool2dOptions, type Tensor,
} from '@dlkit/core';

interface Encoded { shape: number[]; data: number[] }
interface GoldenCase {
  group: string;
  name: string;
  op: string;
  options: Record<string, unknown>;
  inputs: Encoded[];
  w: Encoded;
  out: Encoded;
  grads: Encoded[];
}
interface GoldenFile { torch: string; cases: GoldenCase[] }

const TOL = 1e-5;
const golden = JSON.parse(
  readFileSync(new URL('../../../tools/fixtures/core/core-golden.json', import.meta.url), 'utf8'),
) as GoldenFile;

type OpFn = (inputs: Tensor[], options: Record<string, unknown>) => Tensor;
const binary = (f: (a: Tensor, b: Tensor) => Tensor): OpFn => ([a, b]) => f(a!, b!);
const OPS: Record<string, OpFn> = {
  add: binary(add),
  sub: binary(sub),
  mul: binary(mul),
  div: binary(div),
  pow: binary(pow),
  maximum: binary(maximum),
  matmul: ([a, b], o) => matmul(a!, b!, o),
  softmax: ([x], o) => softmax(x!, (o.axis as number | undefined) ?? -1),
  logSoftmax: ([x], o) => logSoftmax(x!, (o.axis as number | undefined) ?? -1),
  conv2d: ([x, f], o) => conv2d(x!, f!, o as Conv2dOptions),
  conv2dTranspose: ([x, f], o) => conv2dTranspose(x!, f!, o as Conv2dTransposeOptions),
  depthwiseConv2d: ([x, f], o) => depthwiseConv2d(x!, f!, o as Conv2dOptions),
  maxPool2d: ([x], o) => maxPool2d(x!, o as unknown as Pool2dOptions),
  avgPool2d: ([x], o) => avgPool2d(x!, o as unknown as Pool2dOptions),
  gelu: ([x], o) => gelu(x!, o as { approximate?: 'none' | 'tanh' }),
  selu: ([x]) => selu(x!),
  elu: ([x], o) => elu(x!, o.alpha as number | undefined),
  softplus: ([x]) => softplus(x!),
  sigmoid: ([x]) => sigmoid(x!),
  tanh: ([x]) => tanh(x!),
  leakyRelu: ([x], o) => leakyRelu(x!, o.alpha as number | undefined),
  erf: ([x]) => erf(x!),
};

const toTensor = (e: Encoded, requiresGrad = false): Tensor =>
  tensor(new Float32Array(e.data), { shape: e.shape, requiresGrad });

/** The largest `|a - b| / max(1, |b|)` and where it happens. */
function compare(actual: ArrayLike<number>, expected: Encoded): { err: number; at: number } {
  expect(actual.length).toBe(expected.data.length);
  let err = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const b = expected.data[i]!;
    const e = Math.abs(actual[i]! - b) / Math.max(1, Math.abs(b));
    if (!(e <= err)) { err = e; at = i; } // NaN also lands here and fails below
  }
  return { err, at };
}

const worst = new Map<string, { err: number; name: string }>();

function check(c: GoldenCase, what: string, actual: Tensor | null | undefined, expected: Encoded): void {
  expect(actual, `${c.name}: ${what} missing`).toBeTruthy();
  expect(actual!.shape, `${c.name}: ${what} shape`).toEqual(expected.shape);
  expect(actual!.dtype).toBe('float32');
  const values = actual!.dataSync();
  const { err, at } = compare(values, expected);
  const prev = worst.get(c.group);
  if (!prev || !(err <= prev.err)) worst.set(c.group, { err, name: `${c.name} (${what})` });
  expect(
    err,
    `${c.name}: ${what}[${at}] = ${values[at]}, torch ${expected.data[at]} (scaled error ${err})`,
  ).toBeLessThanOrEqual(TOL);
}

const groups = [...new Set(golden.cases.map((c) => c.group))];

describe(`golden values from PyTorch ${golden.torch}`, () => {
  it('fixture covers every group', () => {
    expect(groups).toEqual(expect.arrayContaining([
      'matmul', 'binary', 'softmax', 'conv2d', 'conv2dTranspose', 'depthwiseConv2d', 'pool', 'unary',
    ]));
  });

  for (const group of groups) {
    describe(group, () => {
      it.each(golden.cases.filter((c) => c.group === group).map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const op = OPS[c.op];
        expect(op, `no dlkit op for '${c.op}'`).toBeDefined();
        const inputs = c.inputs.map((e) => toTensor(e, true));
        const out = op!(inputs, c.options);
        check(c, 'out', out, c.out);
        sum(mul(out, toTensor(c.w))).backward();
        c.grads.forEach((g, i) => check(c, `grad[${i}]`, inputs[i]!.grad, g));
      });
    });
  }

  afterAll(() => {
    const lines = [...worst].map(([g, { err, name }]) => `  ${g.padEnd(16)} ${err.toExponential(2)}  ${name}`);
    console.log(`golden: max scaled error per group (tolerance ${TOL})\n${lines.join('\n')}`);
  });
});
