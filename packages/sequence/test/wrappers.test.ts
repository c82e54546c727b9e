import { describe, expect, it } from 'vitest';
import { add, nn, randn, ShapeError, slice, stack, ValueError, type Tensor } from '@dlkit/core';
import { Bidirectional, GRU, LSTM, TimeDistributed } from '@dlkit/sequence';

const values = (t: Tensor): number[] => Array.from(t.dataSync());
const close = (a: Tensor, b: Tensor, tol = 1e-12): void => {
  expect(a.shape).toEqual(b.shape);
  values(a).forEach((v, i) => expect(Math.abs(v - values(b)[i]!)).toBeLessThan(tol));
};

/** A Bidirectional LSTM with the built-in bidirectional layer's weights (`…_reverse` → backward_layer). */
function twin(builtIn: LSTM): Bidirectional {
  const bi = new Bidirectional(() => new LSTM(3, 4, { dtype: 'float64' }));
  const state = builtIn.stateDict();
  const weights: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(state)) {
    weights[name.endsWith('_reverse') ? `backward_layer.${name.slice(0, -'_reverse'.length)}` : `forward_layer.${name}`] = value;
  }
  bi.loadStateDict(weights);
  return bi;
}

describe('Bidirectional', () => {
  it('around a one-layer LSTM equals LSTM(…, { bidirectional: true }) with the same weights, with lengths and an initial state', () => {
    const builtIn = new LSTM(3, 4, { bidirectional: true, dtype: 'float64' });
    const bi = twin(builtIn);
    expect(Object.keys(bi.stateDict()).sort()).toContain('backward_layer.weight_hh_l0');
    const x = randn([3, 5, 3], { dtype: 'float64', seed: 1 });
    const initial = { h: randn([2, 3, 4], { dtype: 'float64', seed: 2 }), c: randn([2, 3, 4], { dtype: 'float64', seed: 3 }) };
    for (const options of [{}, { lengths: [5, 2, 3] }]) {
      const a = builtIn.forward(x, initial, options);
      const b = bi.forward(x, initial, options);
      close(b.output, a.output);
      close(b.h, a.h);
      close(b.c!, a.c!);
    }
  });

  it('merges by sum, product and average, and stacks each direction through its own layers', () => {
    const x = randn([2, 4, 3], { seed: 4 });
    const concatBi = new Bidirectional(() => new GRU(3, 2));
    const parts = (mode: 'sum' | 'mul' | 'ave'): Tensor => {
      const other = new Bidirectional(() => new GRU(3, 2), { mergeMode: mode });
      other.loadStateDict(concatBi.stateDict());
      return other.forward(x).output;
    };
    const both = concatBi.forward(x).output;
    expect(both.shape).toEqual([2, 4, 4]);
    const forward = slice(both, [0, 0, 0], [2, 4, 2]);
    const backward = slice(both, [0, 0, 2], [2, 4, 2]);
    close(parts('sum'), add(forward, backward), 1e-6);
    close(parts('mul'), forward.mul(backward), 1e-6);
    close(parts('ave'), add(forward, backward).mul(0.5), 1e-6);
    const deep = new Bidirectional(() => new GRU(3, 2, { numLayers: 2 }));
    const out = deep.forward(x, { h: randn([4, 2, 2], { seed: 5 }) });
    expect(out.output.shape).toEqual([2, 4, 4]);
    expect(out.h.shape).toEqual([4, 2, 2]);
    expect(out.c).toBeUndefined();
  });

  it('rejects bad makers, merge modes and states with typed errors', () => {
    const layer = new GRU(3, 2);
    expect(() => new Bidirectional(() => layer)).toThrow(ValueError);
    expect(() => new Bidirectional(() => new GRU(3, 2), { mergeMode: 'max' as 'sum' })).toThrow(/mergeMode/);
    const bi = new Bidirectional(() => new GRU(3, 2));
    expect(() => bi.forward(randn([2, 3]))).toThrow(ShapeError);
    expect(() => bi.forward(randn([2, 4, 3]), { h: randn([3, 2, 2]) })).toThrow(/2·layers/);
  });
});

describe('TimeDistributed', () => {
  it('applies the same module to every step, equal to a loop over the steps', () => {
    const mlp = new nn.Sequential(new nn.Linear(3, 5), new nn.ReLU(), new nn.Linear(5, 2));
    const perStep = new TimeDistributed(mlp);
    const x = randn([2, 4, 3], { seed: 6 });
    const loop = stack(Array.from({ length: 4 }, (_, t) => mlp.forward(slice(x, [0, t, 0], [2, 1, 3]).reshape([2, 3]))), 1);
    close(perStep.forward(x), loop, 1e-6);
    expect(Object.keys(perStep.stateDict())).toContain('module.0.weight');
    expect(() => perStep.forward(randn([2, 3]))).toThrow(ShapeError);
  });
});
