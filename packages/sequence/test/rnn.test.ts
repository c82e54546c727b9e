import { describe, expect, it } from 'vitest';
import { manualSeed, randn, ShapeError, stack, tensor, ValueError } from '@dlkit/core';
import { GRU, GRUCell, LSTM, LSTMCell, RNN } from '@dlkit/sequence';
import { maxAbsDiff } from './golden.js';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

describe("the course's GRU (resetAfter: false)", () => {
  // One unit, one input: W_ih = [a_r, a_z, a_n], W_hh = [b_r, b_z, b_n], biases per gate.
  const [ar, az, an] = [0.7, -0.4, 1.3];
  const [br, bz, bn] = [-0.6, 0.9, 0.5];
  const [ir, iz, inn] = [0.1, -0.2, 0.3];
  const [hr, hz, hn] = [0.05, 0.15, -0.35];
  const x = 0.8;
  const h = -0.45;
  const cell = (resetAfter: boolean): GRUCell => {
    const c = new GRUCell(1, 1, { resetAfter, dtype: 'float64' });
    c.loadStateDict({
      weight_ih: tensor([[ar], [az], [an]], { dtype: 'float64' }),
      weight_hh: tensor([[br], [bz], [bn]], { dtype: 'float64' }),
      bias_ih: tensor([ir, iz, inn], { dtype: 'float64' }),
      bias_hh: tensor([hr, hz, hn], { dtype: 'float64' }),
    });
    return c;
  };

  it('one step equals the hand-computed c<t> = Γu ⊙ c̃ + (1 − Γu) ⊙ c<t−1>, c̃ = tanh(W_c[Γr ⊙ c<t−1>, x] + b_c)', () => {
    const gammaR = sigmoid(ar * x + ir + br * h + hr);
    const gammaU = 1 - sigmoid(az * x + iz + bz * h + hz); // the course's update gate is 1 − z
    const candidate = Math.tanh(an * x + inn + bn * (gammaR * h) + hn);
    const expected = gammaU * candidate + (1 - gammaU) * h;
    const got = cell(false).forward(tensor([[x]], { dtype: 'float64' }), tensor([[h]], { dtype: 'float64' })).dataSync()[0]!;
    expect(Math.abs(got - expected)).toBeLessThan(1e-15);
    // PyTorch's form puts the reset gate after the hidden matmul: r ⊙ (b_n h + b_hn), another value.
    const afterForm = cell(true).forward(tensor([[x]], { dtype: 'float64' }), tensor([[h]], { dtype: 'float64' })).dataSync()[0]!;
    const candidateAfter = Math.tanh(an * x + inn + gammaR * (bn * h + hn));
    expect(Math.abs(afterForm - (gammaU * candidateAfter + (1 - gammaU) * h))).toBeLessThan(1e-15);
    expect(Math.abs(afterForm - got)).toBeGreaterThan(1e-3);
  });
});

describe('layers unroll their cells', () => {
  it('a GRU layer (either form) and an LSTM layer equal their cells stepped by hand', () => {
    manualSeed(3);
    const x = randn([2, 4, 3], { dtype: 'float64' });
    const steps = Array.from({ length: 4 }, (_, t) => x.slice([0, t, 0], [2, 1, 3]).reshape([2, 3]));
    for (const resetAfter of [true, false]) {
      const layer = new GRU(3, 5, { resetAfter, dtype: 'float64' });
      const cell = new GRUCell(3, 5, { resetAfter, dtype: 'float64' });
      cell.loadStateDict({ weight_ih: layer.stateDict()['weight_ih_l0']!, weight_hh: layer.stateDict()['weight_hh_l0']!, bias_ih: layer.stateDict()['bias_ih_l0']!, bias_hh: layer.stateDict()['bias_hh_l0']! });
      const hs = [];
      let h = cell.forward(steps[0]!);
      hs.push(h);
      for (const s of steps.slice(1)) hs.push((h = cell.forward(s, h)));
      expect(maxAbsDiff(layer.forward(x).output.dataSync(), stack(hs, 1).dataSync())).toBeLessThan(1e-14);
    }
    const lstm = new LSTM(3, 5, { dtype: 'float64' });
    const cell = new LSTMCell(3, 5, { dtype: 'float64' });
    const sd = lstm.stateDict();
    cell.loadStateDict({ weight_ih: sd['weight_ih_l0']!, weight_hh: sd['weight_hh_l0']!, bias_ih: sd['bias_ih_l0']!, bias_hh: sd['bias_hh_l0']! });
    let state = cell.forward(steps[0]!);
    for (const s of steps.slice(1)) state = cell.forward(s, state);
    const out = lstm.forward(x);
    expect(maxAbsDiff(out.h.dataSync(), state.h.dataSync())).toBeLessThan(1e-14);
    expect(maxAbsDiff(out.c!.dataSync(), state.c.dataSync())).toBeLessThan(1e-14);
  });

  it('parameters have PyTorch names, shapes and the U(±1/√H) range', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true });
    const shapes = Object.fromEntries(lstm.namedParameters().map(([n, p]) => [n, p.shape]));
    expect(shapes['weight_ih_l0']).toEqual([16, 3]);
    expect(shapes['weight_ih_l1_reverse']).toEqual([16, 8]);
    expect(shapes['bias_hh_l1_reverse']).toEqual([16]);
    expect(Object.keys(shapes)).toHaveLength(16);
    for (const p of lstm.parameters()) for (const v of p.dataSync()) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
    expect(new GRU(3, 4, { bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight_ih_l0', 'weight_hh_l0']);
  });
});

describe('argument errors', () => {
  it('name the layer, what it got and what it expected', () => {
    const lstm = new LSTM(3, 4);
    expect(() => lstm.forward(randn([2, 5, 2]))).toThrow(ShapeError);
    expect(() => lstm.forward(randn([2, 5, 2]))).toThrow(/LSTM\.forward: expected input \[batch, time ≥ 1, 3\], got \[2, 5, 2\]/);
    expect(() => lstm.forward(randn([2, 5, 3]), { h: randn([2, 2, 4]) })).toThrow(/initial h of shape \[1, 2, 4\]/);
    expect(() => lstm.forward(randn([2, 5, 3]), {}, { lengths: [5, 6] })).toThrow(ValueError);
    expect(() => lstm.forward(randn([2, 5, 3]), {}, { lengths: [5] })).toThrow(ShapeError);
    expect(() => new RNN(3, 4).forward(randn([2, 5, 3]), { c: randn([1, 2, 4]) })).toThrow(/only an LSTM has a cell state/);
    expect(() => new GRU(0, 4)).toThrow(/GRU: inputSize must be a positive integer, got 0/);
    expect(() => new GRU(3, 4, { dropout: 1 })).toThrow(/dropout must be in \[0, 1\)/);
  });
});
