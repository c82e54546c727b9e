import { describe, expect, it } from 'vitest';
import { mul, sum, type Tensor } from '@dlkit/core';
import { GRU, LSTM, RNN, type RecurrentLayer } from '@dlkit/sequence';
import { f64, maxAbsDiff, readGolden, type Stored } from './golden.js';

interface RnnCase {
  name: string;
  kind: 'lstm' | 'gru' | 'rnn_tanh' | 'rnn_relu';
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  bias: boolean;
  lengths: number[] | null;
  state: Record<string, Stored>;
  x: Stored;
  output: Stored;
  h: Stored;
  c?: Stored;
  h0?: Stored;
  c0?: Stored;
  wOut: Stored;
  wH: Stored;
  wC?: Stored;
  gradX: Stored;
  gradH0?: Stored;
  gradC0?: Stored;
  gradParams: Record<string, Stored>;
}

const golden = readGolden<{ cases: RnnCase[] }>('rnn-golden.json');
const TOL = 1e-6;

function expectClose(actual: Tensor | null | undefined, expected: Stored, what: string): void {
  expect(actual, `${what} exists`).toBeTruthy();
  expect(actual!.shape, `${what} shape`).toEqual(expected.shape);
  expect(maxAbsDiff(actual!.dataSync(), expected.values), what).toBeLessThan(TOL);
}

describe('LSTM, GRU and RNN loaded from PyTorch state dicts match torch.nn in float64 (tools/fixtures/sequence/generate_rnn.py)', () => {
  for (const c of golden.cases) {
    it(`${c.name}: output, h, c and every gradient to 1e-6`, () => {
      const options = { numLayers: c.numLayers, bidirectional: c.bidirectional, bias: c.bias, dtype: 'float64' as const };
      const model: RecurrentLayer =
        c.kind === 'lstm' ? new LSTM(c.inputSize, c.hiddenSize, options)
        : c.kind === 'gru' ? new GRU(c.inputSize, c.hiddenSize, options)
        : new RNN(c.inputSize, c.hiddenSize, { ...options, nonlinearity: c.kind === 'rnn_relu' ? 'relu' : 'tanh' });
      const result = model.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, f64(v)])));
      expect(result.missingKeys).toEqual([]);
      expect(result.unexpectedKeys).toEqual([]);
      const x = f64(c.x, true);
      const h0 = c.h0 ? f64(c.h0, true) : undefined;
      const c0 = c.c0 ? f64(c.c0, true) : undefined;
      const out = model.forward(x, { ...(h0 ? { h: h0 } : {}), ...(c0 ? { c: c0 } : {}) }, c.lengths ? { lengths: c.lengths } : {});
      expectClose(out.output, c.output, 'output');
      expectClose(out.h, c.h, 'h');
      if (c.c) expectClose(out.c, c.c, 'c');
      else expect(out.c).toBeUndefined();
      let loss = sum(mul(out.output, f64(c.wOut))).add(sum(mul(out.h, f64(c.wH))));
      if (c.wC) loss = loss.add(sum(mul(out.c!, f64(c.wC))));
      loss.backward();
      expectClose(x.grad, c.gradX, 'd/dx');
      if (c.gradH0) expectClose(h0!.grad, c.gradH0, 'd/dh0');
      if (c.gradC0) expectClose(c0!.grad, c.gradC0, 'd/dc0');
      const params = new Map(model.namedParameters());
      expect([...params.keys()].sort()).toEqual(Object.keys(c.gradParams).sort());
      for (const [name, g] of Object.entries(c.gradParams)) expectClose(params.get(name)!.grad, g, `d/d${name}`);
    });
  }
});
