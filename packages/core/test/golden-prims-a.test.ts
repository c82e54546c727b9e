/**
 * Golden values from PyTorch for takeAlongAxis, topk, sort, argsort, cumsum, cumprod, flip,
 * stridedSlice, maskedFill, triu and tril (tools/fixtures/core/generate_prims_a.py →
 * prims-a-golden.json; its docstring says which torch op each case uses).
 *
 * dlkit runs in float32 on the default backend against torch's float64 results: float values
 * must satisfy `|dlkit - torch| <= 1e-5 · max(1, |torch|)`, int32 indices must be equal, and the
 * gradients of `sum(out · w)` must match torch autograd's within the same tolerance.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as dl from '@dlkit/core';
import type { DType, Tensor } from '@dlkit/core';

type Value = number | 'NaN' | 'Infinity' | '-Infinity';
interface Encoded { shape: number[]; dtype: DType; data: Value[] }
interface GoldenCase {
  op: string;
  name: string;
  args: Record<string, unknown>;
  inputs: Encoded[];
  outs: Encoded[];
  w?: Encoded;
  grads?: Encoded[];
}
interface GoldenFile { torch: string; cases: GoldenCase[] }

const TOL = 1e-5;
const golden = JSON.parse(readFileSync(new URL('../../../tools/fixtures/core/prims-a-golden.json', import.meta.url), 'utf8')) as GoldenFile;

const decode = (v: Value): number => (typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);
const toTensor = (e: Encoded, requiresGrad = false): Tensor =>
  dl.tensor(Float64Array.from(e.data, decode), { shape: e.shape, dtype: e.dtype, requiresGrad: requiresGrad && e.dtype === 'float32' });

/** Every argument a case may carry, in dlkit's spelling. */
interface Args {
  axis: number;
  axes: number[];
  k: number;
  largest?: boolean;
  descending?: boolean;
  exclusive?: boolean;
  reverse?: boolean;
  begin: (number | null)[];
  end: (number | null)[];
  steps: number[];
  value: number;
}
type OpFn = (inputs: Tensor[], a: Args) => Tensor | Tensor[];
const pair = (r: dl.ValuesAndIndices): Tensor[] => [r.values, r.indices];
const OPS: Record<string, OpFn> = {
  takeAlongAxis: ([x, i], a) => dl.takeAlongAxis(x!, i!, a.axis),
  topk: ([x], a) => pair(dl.topk(x!, a.k, { axis: a.axis, largest: a.largest })),
  sort: ([x], a) => pair(dl.sort(x!, { axis: a.axis, descending: a.descending })),
  argsort: ([x], a) => dl.argsort(x!, { axis: a.axis, descending: a.descending }),
  cumsum: ([x], a) => dl.cumsum(x!, a.axis, { exclusive: a.exclusive, reverse: a.reverse }),
  cumprod: ([x], a) => dl.cumprod(x!, a.axis, { exclusive: a.exclusive, reverse: a.reverse }),
  flip: ([x], a) => dl.flip(x!, a.axes),
  stridedSlice: ([x], a) => dl.stridedSlice(x!, a.begin, a.end, a.steps),
  maskedFill: ([x, m], a) => dl.maskedFill(x!, m!, a.value),
  triu: ([x], a) => dl.triu(x!, a.k),
  tril: ([x], a) => dl.tril(x!, a.k),
};

/** Worst absolute error per op (outputs and gradients), printed at the end. */
const worst = new Map<string, number>();

function check(c: GoldenCase, what: string, actual: Tensor | null | undefined, expected: Encoded): void {
  expect(actual, `${c.name}: ${what} missing`).toBeTruthy();
  expect([...actual!.shape], `${c.name}: ${what} shape`).toEqual(expected.shape);
  expect(actual!.dtype, `${c.name}: ${what} dtype`).toBe(expected.dtype);
  const values = actual!.dataSync();
  let abs = 0;
  for (let i = 0; i < values.length; i++) {
    const want = decode(expected.data[i]!);
    const got = values[i]!;
    if (Number.isNaN(want) || !Number.isFinite(want)) {
      expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${c.name}: ${what}[${i}] = ${got}, torch ${want}`).toBe(true);
      continue;
    }
    const err = Math.abs(got - want);
    abs = Math.max(abs, err);
    const limit = expected.dtype === 'float32' ? TOL * Math.max(1, Math.abs(want)) : 0;
    if (!(err <= limit)) expect.fail(`${c.name}: ${what}[${i}] = ${got}, torch ${want}`);
  }
  worst.set(c.op, Math.max(worst.get(c.op) ?? 0, abs));
}

describe(`golden values from PyTorch ${golden.torch}: indexing, sort, scan, slicing`, () => {
  it('covers every op', () => {
    expect(new Set(golden.cases.map((c) => c.op))).toEqual(new Set(Object.keys(OPS)));
  });

  it.each(golden.cases.map((c) => [`${c.op}: ${c.name}`, c] as const))('%s', (_label, c) => {
    const inputs = c.inputs.map((e) => toTensor(e, true));
    const result = OPS[c.op]!(inputs, c.args as unknown as Args);
    const outs = Array.isArray(result) ? result : [result];
    expect(outs.length).toBe(c.outs.length);
    outs.forEach((o, k) => check(c, `out[${k}]`, o, c.outs[k]!));
    if (c.grads === undefined) return;
    dl.sum(dl.mul(outs[0]!, toTensor(c.w!))).backward();
    c.grads.forEach((g, k) => check(c, `grad[${k}]`, inputs[k]!.grad, g));
  });

  afterAll(() => {
    const lines = [...worst].map(([op, err]) => `  ${op.padEnd(14)} ${err.toExponential(2)}`);
    console.log(`golden prims-a: max abs error vs PyTorch per op\n${lines.join('\n')}`);
  });
});
