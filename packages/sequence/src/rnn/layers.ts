import { RecurrentLayer, type RecurrentOptions } from './recurrent.js';

/** Options of {@link RNN}. */
export interface RNNOptions extends RecurrentOptions {
  /** The activation `h' = act(W_ih x + b_ih + W_hh h + b_hh)` (default `'tanh'`). */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * Elman RNN, the course's basic RNN unit `a<t> = g(W_aa a<t−1> + W_ax x<t> + b_a)` (PyTorch's
 * `nn.RNN`, batch first): `weight_ih_l0 [H, in]` is the course's `W_ax`, `weight_hh_l0 [H, H]` its
 * `W_aa`, and `b_a = bias_ih + bias_hh`.
 *
 * Shapes: `x [batch, time, inputSize]` → `output [batch, time, dirs·H]`, `h [numLayers·dirs, batch, H]`.
 * @example
 * ```ts
 * const rnn = new RNN(8, 16, { numLayers: 2 });
 * const { output, h } = rnn.forward(randn([4, 10, 8])); // [4, 10, 16], [2, 4, 16]
 * ```
 */
export class RNN extends RecurrentLayer {
  /** The activation of the recurrence. */
  readonly nonlinearity: 'tanh' | 'relu';

  /**
   * Creates the layer with weights drawn from `U(−1/√H, 1/√H)`.
   * @param inputSize - Features per step of the input `x [batch, time, inputSize]`.
   * @param hiddenSize - Features of each direction's hidden state `H`.
   * @param options - Layers, direction, dropout, bias, dtype and `nonlinearity`.
   */
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super(options.nonlinearity === 'relu' ? 'rnn_relu' : 'rnn_tanh', 'RNN', inputSize, hiddenSize, options);
    this.nonlinearity = options.nonlinearity ?? 'tanh';
  }
}

/** Options of {@link GRU} and {@link GRUCell}. */
export interface GRUOptions extends RecurrentOptions {
  /**
   * Where the reset gate acts. `true` (default, PyTorch and cuDNN): after the hidden matmul,
   * `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`. `false`: the course's "full GRU" (Cho et al.),
   * on the state before it, `c̃ = tanh(W_c[Γr ⊙ c<t−1>, x<t>] + b_c)`, i.e.
   * `n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)`.
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit (PyTorch's `nn.GRU`, batch first), gates r, z, n stacked in that order in
 * `weight_ih_l0 [3H, in]` and `weight_hh_l0 [3H, H]`:
 * `r = σ(W_ir x + b_ir + W_hr h + b_hr)`, `z = σ(W_iz x + b_iz + W_hz h + b_hz)`, `n` as chosen by
 * `resetAfter`, `h' = (1 − z) ⊙ n + z ⊙ h`. In the course's notation the memory cell `c<t>` is `h`,
 * its relevance gate `Γr` is `r`, its candidate `c̃<t>` is `n`, and its update gate `Γu` is `1 − z`
 * (`c<t> = Γu ⊙ c̃<t> + (1 − Γu) ⊙ c<t−1>`).
 *
 * Shapes: `x [batch, time, inputSize]` → `output [batch, time, dirs·H]`, `h [numLayers·dirs, batch, H]`.
 * @example
 * ```ts
 * const gru = new GRU(8, 16, { bidirectional: true });
 * const { output, h } = gru.forward(randn([4, 10, 8]), {}, { lengths: [10, 7, 3, 9] }); // [4, 10, 32], [2, 4, 16]
 * ```
 */
export class GRU extends RecurrentLayer {
  /** Whether the reset gate acts after the hidden matmul (PyTorch) or before it (the course's full GRU). */
  readonly resetAfter: boolean;

  /**
   * Creates the layer with weights drawn from `U(−1/√H, 1/√H)`.
   * @param inputSize - Features per step of the input `x [batch, time, inputSize]`.
   * @param hiddenSize - Features of each direction's hidden state `H`.
   * @param options - Layers, direction, dropout, bias, dtype and `resetAfter`.
   */
  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    super(options.resetAfter === false ? 'gru_reset_before' : 'gru', 'GRU', inputSize, hiddenSize, options);
    this.resetAfter = options.resetAfter ?? true;
  }
}

/**
 * Long short-term memory (PyTorch's `nn.LSTM`, batch first), gates i, f, g, o stacked in that
 * order in `weight_ih_l0 [4H, in]` and `weight_hh_l0 [4H, H]`: in the course's notation `i` is the
 * update gate `Γu`, `f` the forget gate `Γf`, `g` the candidate `c̃<t>` and `o` the output gate `Γo`;
 * `c<t> = Γu ⊙ c̃<t> + Γf ⊙ c<t−1>`, `a<t> = Γo ⊙ tanh(c<t>)`. The course's peephole variant
 * (gates also reading `c<t−1>`) is not built.
 *
 * Shapes: `x [batch, time, inputSize]` → `output [batch, time, dirs·H]`, `h` and `c` `[numLayers·dirs, batch, H]`.
 * @example
 * ```ts
 * const lstm = new LSTM(8, 16, { numLayers: 2, dropout: 0.2 });
 * const { output, h, c } = lstm.forward(randn([4, 10, 8])); // [4, 10, 16], [2, 4, 16], [2, 4, 16]
 * ```
 */
export class LSTM extends RecurrentLayer {
  /**
   * Creates the layer with weights drawn from `U(−1/√H, 1/√H)`.
   * @param inputSize - Features per step of the input `x [batch, time, inputSize]`.
   * @param hiddenSize - Features of each direction's hidden and cell states `H`.
   * @param options - Layers, direction, dropout, bias and dtype.
   */
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('lstm', 'LSTM', inputSize, hiddenSize, options);
  }
}
