import { add, matmul, ValueError, mul, relu, sigmoid, split, sub, tanh, type Tensor } from '@dlkit/core';

/**
 * The recurrences dlkit builds, with PyTorch's gate order:
 * - `'rnn_tanh'` / `'rnn_relu'`: `h' = act(W_ih x + b_ih + W_hh h + b_hh)`;
 * - `'lstm'`: gates i, f, g, o; `c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`, `h' = σ(o) ⊙ tanh(c')`;
 * - `'gru'`: gates r, z, n with the reset gate applied after the hidden matmul (PyTorch, cuDNN):
 *   `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`, `h' = (1 − z) ⊙ n + z ⊙ h`;
 * - `'gru_reset_before'`: the course's / Cho et al.'s form, the reset gate applied to `h` before
 *   the matmul: `n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)`.
 */
export type CellKind = 'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru' | 'gru_reset_before';

/** Number of gate blocks stacked in `weight_ih` / `weight_hh` (`[gates·H, in]`). */
export const GATE_COUNT: Readonly<Record<CellKind, number>> = { rnn_tanh: 1, rnn_relu: 1, lstm: 4, gru: 3, gru_reset_before: 3 };

/** A recurrent state: `h [batch, hidden]`, and `c [batch, hidden]` for an LSTM. */
export interface CellState {
  readonly h: Tensor;
  readonly c?: Tensor;
}

/** One cell's (or one layer direction's) parameters in PyTorch's layout. */
export interface CellWeights {
  readonly weightIh: Tensor;
  readonly weightHh: Tensor;
  readonly biasIh: Tensor | null;
  readonly biasHh: Tensor | null;
}

/** A cell ready to run: the input projection (all time steps at once) and the per-step update. */
export interface PreparedCell {
  /** `x·W_ihᵀ + b` for `x [..., in]` → `[..., gates·H]` (for LSTM and RNN `b = b_ih + b_hh`; for GRU `b_ih`). */
  project(x: Tensor): Tensor;
  /** The next state from the projected input `gx [batch, gates·H]` and the state. */
  step(gx: Tensor, state: CellState): CellState;
}

/** The state's `c`, which an LSTM step needs. */
function cellOf(state: CellState): Tensor {
  if (state.c === undefined) throw new ValueError('LSTM step: expected a state with a cell state c, got only h');
  return state.c;
}

/**
 * Prepares `kind` with `weights`: biases that only add are folded into the input projection, and
 * every step does one matmul for all its gates (two for the reset-before GRU).
 */
export function prepareCell(kind: CellKind, weights: CellWeights): PreparedCell {
  const { weightIh, weightHh, biasIh, biasHh } = weights;
  const isGru = kind === 'gru' || kind === 'gru_reset_before';
  const inputBias = isGru ? biasIh : biasIh && biasHh ? add(biasIh, biasHh) : null;
  const project = (x: Tensor): Tensor => {
    const gx = matmul(x, weightIh, { transposeB: true });
    return inputBias ? add(gx, inputBias) : gx;
  };
  const hidden = (h: Tensor, w: Tensor, b: Tensor | null): Tensor => {
    const gh = matmul(h, w, { transposeB: true });
    return b ? add(gh, b) : gh;
  };
  switch (kind) {
    case 'rnn_tanh':
    case 'rnn_relu': {
      const act = kind === 'rnn_tanh' ? tanh : relu;
      return { project, step: (gx, { h }) => ({ h: act(add(gx, matmul(h, weightHh, { transposeB: true }))) }) };
    }
    case 'lstm':
      return {
        project,
        step: (gx, state) => {
          const [i, f, g, o] = split(add(gx, matmul(state.h, weightHh, { transposeB: true })), 4, 1) as [Tensor, Tensor, Tensor, Tensor];
          const c = add(mul(sigmoid(f), cellOf(state)), mul(sigmoid(i), tanh(g)));
          return { h: mul(sigmoid(o), tanh(c)), c };
        },
      };
    case 'gru':
      return {
        project,
        step: (gx, { h }) => {
          const [xr, xz, xn] = split(gx, 3, 1) as [Tensor, Tensor, Tensor];
          const [hr, hz, hn] = split(hidden(h, weightHh, biasHh), 3, 1) as [Tensor, Tensor, Tensor];
          const r = sigmoid(add(xr, hr));
          const z = sigmoid(add(xz, hz));
          const n = tanh(add(xn, mul(r, hn)));
          return { h: add(n, mul(z, sub(h, n))) };
        },
      };
    case 'gru_reset_before': {
      const size = weightHh.shape[1]!;
      const [wRz, wN] = split(weightHh, [2 * size, size], 0) as [Tensor, Tensor];
      const [bRz, bN] = biasHh ? (split(biasHh, [2 * size, size], 0) as [Tensor, Tensor]) : [null, null];
      return {
        project,
        step: (gx, { h }) => {
          const [xRz, xn] = split(gx, [2 * size, size], 1) as [Tensor, Tensor];
          const [r, z] = split(sigmoid(add(xRz, hidden(h, wRz, bRz))), 2, 1) as [Tensor, Tensor];
          const n = tanh(add(xn, hidden(mul(r, h), wN, bN)));
          return { h: add(n, mul(z, sub(h, n))) };
        },
      };
    }
  }
}
