import { nn, ShapeError, Tensor, zeros, type FloatDType } from '@dlkit/core';
import { assertShape, assertSize } from './arguments.js';
import { GATE_COUNT, prepareCell, type CellKind, type CellState } from './cell-math.js';

/** Options of the cells. */
export interface CellOptions {
  /** Learn `bias_ih` and `bias_hh` (default true). */
  bias?: boolean;
  /** Dtype of the weights and biases (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * One time step of a recurrence with PyTorch's cell parameters `weight_ih [gates·H, in]`,
 * `weight_hh [gates·H, H]`, `bias_ih`, `bias_hh`, initialized `U(−1/√H, 1/√H)`.
 */
abstract class Cell<S> extends nn.Module<[Tensor, S?], S> {
  /** Input weights `weight_ih`, `[gates·H, inputSize]`, the gates stacked in PyTorch's order. */
  readonly weightIh: Tensor;
  /** Hidden weights `weight_hh`, `[gates·H, H]`. */
  readonly weightHh: Tensor;
  /** Input bias `bias_ih`, `[gates·H]`; null when built with `bias: false`. */
  readonly biasIh: Tensor | null;
  /** Hidden bias `bias_hh`, `[gates·H]`; null when built with `bias: false`. */
  readonly biasHh: Tensor | null;

  protected constructor(
    private readonly kind: CellKind,
    /** The class name used in error messages (`'LSTMCell.forward: …'`). */
    protected readonly cellName: string,
    /** Features of the input `x [batch, inputSize]`. */
    readonly inputSize: number,
    /** Features of the hidden state `H`. */
    readonly hiddenSize: number,
    options: CellOptions,
  ) {
    super();
    assertSize(inputSize, 'inputSize', cellName);
    assertSize(hiddenSize, 'hiddenSize', cellName);
    const dtype = options.dtype ?? 'float32';
    const bound = 1 / Math.sqrt(hiddenSize);
    const init = nn.init.uniform(-bound, bound);
    const gates = GATE_COUNT[kind] * hiddenSize;
    this.weightIh = nn.parameter(init([gates, inputSize], { dtype }));
    this.weightHh = nn.parameter(init([gates, hiddenSize], { dtype }));
    this.biasIh = options.bias === false ? null : nn.parameter(init([gates], { dtype }));
    this.biasHh = options.bias === false ? null : nn.parameter(init([gates], { dtype }));
  }

  /** @internal One step from `x [batch, in]` and `state` (each part `[batch, H]`, zeros when left out). */
  protected run(x: Tensor, state: CellState | undefined, withCell: boolean): CellState {
    const where = `${this.cellName}.forward`;
    if (!(x instanceof Tensor) || x.rank !== 2 || x.shape[1] !== this.inputSize) {
      throw new ShapeError(`${where}: expected input [batch, ${this.inputSize}], got ${x instanceof Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    }
    const shape = [x.shape[0]!, this.hiddenSize];
    const h = state?.h ?? zeros(shape, { dtype: x.dtype });
    assertShape(h, shape, 'h', where);
    const c = withCell ? (state?.c ?? zeros(shape, { dtype: x.dtype })) : undefined;
    if (c !== undefined) assertShape(c, shape, 'c', where);
    const cell = prepareCell(this.kind, this);
    return cell.step(cell.project(x), c === undefined ? { h } : { h, c });
  }
}

/**
 * One step of the Elman RNN (PyTorch's `nn.RNNCell`): `h' = act(W_ih x + b_ih + W_hh h + b_hh)`.
 * Shapes: `x [batch, in]`, `h [batch, H]` (zeros when left out) → `h' [batch, H]`.
 * @example new RNNCell(3, 5).forward(randn([2, 3])) // [2, 5]
 */
export class RNNCell extends Cell<Tensor> {
  /**
   * Creates the cell with weights drawn from `U(−1/√H, 1/√H)`.
   * @param inputSize - Features of the input `x [batch, inputSize]`.
   * @param hiddenSize - Features of the hidden state `H`.
   * @param options - `bias`, `dtype`, and `nonlinearity` (`'tanh'`, the default, or `'relu'`).
   */
  constructor(inputSize: number, hiddenSize: number, options: CellOptions & { nonlinearity?: 'tanh' | 'relu' } = {}) {
    super(options.nonlinearity === 'relu' ? 'rnn_relu' : 'rnn_tanh', 'RNNCell', inputSize, hiddenSize, options);
  }

  forward(x: Tensor, h?: Tensor): Tensor {
    return this.run(x, h === undefined ? undefined : { h }, false).h;
  }
}

/**
 * One step of the GRU (PyTorch's `nn.GRUCell`; see {@link GRU} for the gates and `resetAfter`).
 * Shapes: `x [batch, in]`, `h [batch, H]` (zeros when left out) → `h' [batch, H]`.
 * @example new GRUCell(3, 5, { resetAfter: false }).forward(randn([2, 3])) // [2, 5]
 */
export class GRUCell extends Cell<Tensor> {
  /**
   * Creates the cell with weights drawn from `U(−1/√H, 1/√H)`.
   * @param inputSize - Features of the input `x [batch, inputSize]`.
   * @param hiddenSize - Features of the hidden state `H`.
   * @param options - `bias`, `dtype`, and `resetAfter` (default true; see {@link GRUOptions.resetAfter}).
   */
  constructor(inputSize: number, hiddenSize: number, options: CellOptions & { resetAfter?: boolean } = {}) {
    super(options.resetAfter === false ? 'gru_reset_before' : 'gru', 'GRUCell', inputSize, hiddenSize, options);
  }

  forward(x: Tensor, h?: Tensor): Tensor {
    return this.run(x, h === undefined ? undefined : { h }, false).h;
  }
}

/** The state an {@link LSTMCell} reads and returns: `h` and `c`, each `[batch, H]`. */
export interface LSTMState {
  /** Hidden state, `[batch, H]`. */
  readonly h: Tensor;
  /** Cell state, `[batch, H]`. */
  readonly c: Tensor;
}

/**
 * One step of the LSTM (PyTorch's `nn.LSTMCell`; see {@link LSTM} for the gates).
 * Shapes: `x [batch, in]`, `state { h, c }` (zeros when left out) → `{ h', c' }`, each `[batch, H]`.
 * @example
 * ```ts
 * const cell = new LSTMCell(3, 5);
 * let state = cell.forward(randn([2, 3]));
 * state = cell.forward(randn([2, 3]), state); // { h: [2, 5], c: [2, 5] }
 * ```
 */
export class LSTMCell extends Cell<LSTMState> {
  /**
   * Creates the cell with weights drawn from `U(−1/√H, 1/√H)`.
   * @param inputSize - Features of the input `x [batch, inputSize]`.
   * @param hiddenSize - Features of the hidden and cell states `H`.
   * @param options - `bias` and `dtype`.
   */
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('lstm', 'LSTMCell', inputSize, hiddenSize, options);
  }

  forward(x: Tensor, state?: LSTMState): LSTMState {
    const next = this.run(x, state, true);
    return { h: next.h, c: next.c! };
  }
}
