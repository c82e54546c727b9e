import { concat, dropout, nn, reshape, ShapeError, split, stack, Tensor, tensor, transpose, ValueError, where, zeros, type FloatDType } from '@dlkit/core';
import { assertShape, assertSize, readLengths } from './arguments.js';
import { GATE_COUNT, prepareCell, type CellKind, type CellState, type PreparedCell } from './cell-math.js';

/** Options shared by {@link RNN}, {@link GRU} and {@link LSTM}. */
export interface RecurrentOptions {
  /** Stacked layers (a deep RNN); layer `l > 0` reads layer `l − 1`'s output (default 1). */
  numLayers?: number;
  /** Run a second direction from the last step to the first and concatenate the two (default false). */
  bidirectional?: boolean;
  /** Dropout rate on each layer's output except the last, in training mode (default 0, as PyTorch). */
  dropout?: number;
  /** Learn `bias_ih` and `bias_hh` (default true). */
  bias?: boolean;
  /** Dtype of the weights and biases (default `'float32'`). */
  dtype?: FloatDType;
}

/** The initial state of a recurrent layer: `h` (and `c` for an LSTM) `[numLayers·dirs, batch, hidden]`; zeros when left out. */
export interface RecurrentState {
  /** Initial hidden states, `[numLayers·dirs, batch, hidden]` (index `l·dirs + d`). */
  readonly h?: Tensor;
  /** Initial cell states of an LSTM, shaped like `h`; an RNN or GRU rejects it. */
  readonly c?: Tensor;
}

/** Options of a recurrent layer's `forward`. */
export interface RecurrentForwardOptions {
  /**
   * Each example's true length (numbers or a 1-D int32 tensor), for a padded batch: steps at or
   * past an example's length leave its state alone and output zeros, the reverse direction starts
   * at its last real step, and `h`/`c` are taken there (PyTorch's `pack_padded_sequence`).
   */
  lengths?: readonly number[] | Tensor;
}

/** What a recurrent layer returns. */
export interface RecurrentOutput {
  /** The last layer's hidden states at every step, `[batch, time, dirs·hidden]` (directions concatenated, forward first). */
  readonly output: Tensor;
  /** Each layer and direction's last hidden state, `[numLayers·dirs, batch, hidden]` (index `l·dirs + d`). */
  readonly h: Tensor;
  /** The LSTM's last cell states, shaped like `h`; absent for RNN and GRU. */
  readonly c?: Tensor;
}

/**
 * The multi-layer, optionally bidirectional recurrent layer behind {@link RNN}, {@link GRU} and
 * {@link LSTM}, with PyTorch's parameter names and shapes (`weight_ih_l0 [gates·H, in]`,
 * `weight_hh_l0 [gates·H, H]`, `bias_ih_l0`, `bias_hh_l0`, `…_reverse`), so a PyTorch state dict
 * loads with `loadStateDict` unchanged. Parameters start at PyTorch's `U(−1/√H, 1/√H)`.
 *
 * Each layer direction projects the input of all steps in one matmul and does one matmul per step
 * for all its gates; backpropagation through time is autograd over the unrolled steps.
 * @example
 * ```ts
 * const layer: RecurrentLayer = new GRU(8, 16, { numLayers: 2 });
 * const { output, h } = layer.forward(randn([4, 10, 8]), { h: zeros([2, 4, 16]) }); // [4, 10, 16], [2, 4, 16]
 * ```
 */
export abstract class RecurrentLayer extends nn.Module<[Tensor, RecurrentState?, RecurrentForwardOptions?], RecurrentOutput> {
  /** Number of stacked layers. */
  readonly numLayers: number;
  /** Whether each layer also runs from the last step to the first. */
  readonly bidirectional: boolean;
  /** Dropout rate between layers in training mode, in `[0, 1)`. */
  readonly dropout: number;
  /** Whether the layers have `bias_ih_l*` and `bias_hh_l*`. */
  readonly bias: boolean;

  /** @internal */
  protected constructor(
    private readonly kind: CellKind,
    private readonly layerName: string,
    /** Features per step of the input, the last axis of `x [batch, time, inputSize]`. */
    readonly inputSize: number,
    /** Features of each direction's hidden state `H`. */
    readonly hiddenSize: number,
    options: RecurrentOptions,
  ) {
    super();
    assertSize(inputSize, 'inputSize', layerName);
    assertSize(hiddenSize, 'hiddenSize', layerName);
    this.numLayers = options.numLayers ?? 1;
    assertSize(this.numLayers, 'numLayers', layerName);
    this.bidirectional = options.bidirectional ?? false;
    this.dropout = options.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout < 1)) throw new ValueError(`${layerName}: dropout must be in [0, 1), got ${this.dropout}`);
    this.bias = options.bias ?? true;
    const dtype = options.dtype ?? 'float32';
    const bound = 1 / Math.sqrt(hiddenSize);
    const init = nn.init.uniform(-bound, bound);
    const gates = GATE_COUNT[kind] * hiddenSize;
    const fields = this as unknown as Record<string, Tensor>;
    for (let layer = 0; layer < this.numLayers; layer++) {
      const inSize = layer === 0 ? inputSize : hiddenSize * this.directions;
      for (let d = 0; d < this.directions; d++) {
        const suffix = this.suffix(layer, d);
        fields[`weight_ih${suffix}`] = nn.parameter(init([gates, inSize], { dtype }));
        fields[`weight_hh${suffix}`] = nn.parameter(init([gates, hiddenSize], { dtype }));
        if (this.bias) {
          fields[`bias_ih${suffix}`] = nn.parameter(init([gates], { dtype }));
          fields[`bias_hh${suffix}`] = nn.parameter(init([gates], { dtype }));
        }
      }
    }
  }

  /** 1, or 2 when bidirectional. */
  get directions(): 1 | 2 {
    return this.bidirectional ? 2 : 1;
  }

  private suffix(layer: number, direction: number): string {
    return `_l${layer}${direction === 1 ? '_reverse' : ''}`;
  }

  /** The prepared cell of one layer direction, read from the fields (so a swapped parameter is used). */
  private cell(layer: number, direction: number): PreparedCell {
    const fields = this as unknown as Record<string, Tensor>;
    const suffix = this.suffix(layer, direction);
    return prepareCell(this.kind, {
      weightIh: fields[`weight_ih${suffix}`]!,
      weightHh: fields[`weight_hh${suffix}`]!,
      biasIh: this.bias ? fields[`bias_ih${suffix}`]! : null,
      biasHh: this.bias ? fields[`bias_hh${suffix}`]! : null,
    });
  }

  /**
   * Runs the layers over `x [batch, time, inputSize]` from `initial` (zeros when left out).
   * @returns `{ output [batch, time, dirs·hidden], h [numLayers·dirs, batch, hidden], c }`
   */
  forward(x: Tensor, initial: RecurrentState = {}, options: RecurrentForwardOptions = {}): RecurrentOutput {
    const fn = `${this.layerName}.forward`;
    if (!(x instanceof Tensor) || x.rank !== 3 || x.shape[2] !== this.inputSize || x.shape[1] === 0) {
      const got = x instanceof Tensor ? `[${x.shape.join(', ')}]` : typeof x;
      throw new ShapeError(`${fn}: expected input [batch, time ≥ 1, ${this.inputSize}], got ${got}`);
    }
    const [batch, time] = x.shape as [number, number, number];
    const isLstm = this.kind === 'lstm';
    const stateShape = [this.numLayers * this.directions, batch, this.hiddenSize];
    const initialOf = (t: Tensor | undefined, what: string): Tensor[] => {
      if (t === undefined) return Array.from({ length: stateShape[0]! }, () => zeros([batch, this.hiddenSize], { dtype: x.dtype }));
      assertShape(t, stateShape, `initial ${what}`, fn);
      return split(t, stateShape[0]!, 0).map((s) => reshape(s, [batch, this.hiddenSize]));
    };
    const h0 = initialOf(initial.h, 'h');
    const c0 = isLstm ? initialOf(initial.c, 'c') : [];
    if (!isLstm && initial.c !== undefined) throw new ValueError(`${fn}: only an LSTM has a cell state c, got initial.c`);
    const masks = options.lengths === undefined ? null : stepMasks(readLengths(options.lengths, batch, time, 'lengths', fn), time);

    let input = x;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outputs: Tensor[] = [];
      for (let d = 0; d < this.directions; d++) {
        const index = layer * this.directions + d;
        const start: CellState = isLstm ? { h: h0[index]!, c: c0[index]! } : { h: h0[index]! };
        const run = runDirection(this.cell(layer, d), input, start, d === 1, masks);
        outputs.push(run.output);
        hs.push(run.state.h);
        if (run.state.c) cs.push(run.state.c);
      }
      input = concat(outputs, 2);
      if (this.training && this.dropout > 0 && layer < this.numLayers - 1) input = dropout(input, this.dropout);
    }
    const h = stack(hs, 0);
    return isLstm ? { output: input, h, c: stack(cs, 0) } : { output: input, h };
  }
}

/** `masks[t] [batch, 1]`: true where step `t` is a real step of that example. */
function stepMasks(lengths: readonly number[], time: number): Tensor[] {
  return Array.from({ length: time }, (_, t) => tensor(lengths.map((n) => t < n), { shape: [lengths.length, 1], dtype: 'bool' }));
}

/** One layer direction over all steps: the outputs `[batch, time, hidden]` and the final state. */
function runDirection(cell: PreparedCell, x: Tensor, start: CellState, reverse: boolean, masks: readonly Tensor[] | null): { output: Tensor; state: CellState } {
  const [batch, time] = x.shape as [number, number, number];
  const projected = cell.project(x);
  const width = projected.shape[2]!;
  const steps = split(transpose(projected, [1, 0, 2]), time, 0).map((s) => reshape(s, [batch, width]));
  const outputs = new Array<Tensor>(time);
  let state = start;
  for (let k = 0; k < time; k++) {
    const t = reverse ? time - 1 - k : k;
    const next = cell.step(steps[t]!, state);
    const mask = masks?.[t];
    if (mask === undefined) {
      state = next;
      outputs[t] = next.h;
    } else {
      const h = where(mask, next.h, state.h);
      state = next.c && state.c ? { h, c: where(mask, next.c, state.c) } : { h };
      outputs[t] = where(mask, next.h, 0);
    }
  }
  return { output: stack(outputs, 1), state };
}
