import { add, concat, mul, nn, reshape, ShapeError, split, tensor, Tensor, ValueError, gather } from '@dlkit/core';
import { readLengths } from '../rnn/arguments.js';
import type { RecurrentForwardOptions, RecurrentOutput, RecurrentState } from '../rnn/recurrent.js';

/** Any layer that runs over a whole sequence as `RNN`, `GRU` and `LSTM` do. */
export type SequenceLayer = nn.Module<[Tensor, RecurrentState?, RecurrentForwardOptions?], RecurrentOutput>;

/** How {@link Bidirectional} joins the two directions' outputs (Keras's `merge_mode`). */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

/** Options of {@link Bidirectional}. */
export interface BidirectionalOptions {
  /** Default `'concat'`: `[batch, time, 2·H]`, forward first; the others keep `[batch, time, H]`. */
  mergeMode?: MergeMode;
}

/**
 * Runs a sequence layer in both directions (Keras's `Bidirectional`): `forwardLayer` reads
 * `x<1> … x<T>`, `backwardLayer` — a second layer made by the same `make` — reads each sequence
 * reversed (only its real steps when `lengths` are given, so padding never leads), and its outputs
 * are flipped back so step `t` of both is aligned, then merged. Works around any
 * {@link SequenceLayer}, including stacked ones: each direction then runs through all its own layers
 * (Keras's stacking), unlike `LSTM(…, { bidirectional: true, numLayers })`, whose layer `l + 1`
 * reads both directions of layer `l`.
 *
 * `forward(x [batch, time, in], initial?, { lengths }?)` returns `{ output, h, c }`: `output` merged
 * per `mergeMode`; `h` (and `c`) the forward layer's states then the backward layer's, stacked on
 * axis 0; `initial.h`/`initial.c` are split the same way. Parameters: `forward_layer.*` and
 * `backward_layer.*`. For one layer this equals the built-in bidirectional layer with the same weights.
 * @example
 * ```ts
 * const bi = new Bidirectional(() => new GRU(8, 16), { mergeMode: 'sum' });
 * const { output, h } = bi.forward(randn([4, 10, 8]), {}, { lengths: [10, 6, 3, 8] }); // [4, 10, 16], [2, 4, 16]
 * ```
 */
export class Bidirectional extends nn.Module<[Tensor, RecurrentState?, RecurrentForwardOptions?], RecurrentOutput> {
  /** Reads the sequence from the first step to the last; parameters `forward_layer.*`. */
  readonly forwardLayer: SequenceLayer;
  /** Reads each sequence's real steps reversed; parameters `backward_layer.*`. */
  readonly backwardLayer: SequenceLayer;
  /** How the two outputs are joined. */
  readonly mergeMode: MergeMode;

  /** `make` builds each direction's layer (called twice, so the two start with different weights). */
  constructor(make: () => SequenceLayer, options: BidirectionalOptions = {}) {
    super();
    if (typeof make !== 'function') throw new ValueError(`Bidirectional: expected a function that makes a sequence layer, e.g. () => new LSTM(8, 16), got ${typeof make}`);
    this.mergeMode = options.mergeMode ?? 'concat';
    if (!['concat', 'sum', 'mul', 'ave'].includes(this.mergeMode)) throw new ValueError(`Bidirectional: mergeMode must be 'concat', 'sum', 'mul' or 'ave', got ${String(this.mergeMode)}`);
    this.forwardLayer = make();
    this.backwardLayer = make();
    if (this.forwardLayer === this.backwardLayer) throw new ValueError('Bidirectional: make must return a new layer on each call, got the same layer twice');
  }

  /**
   * Runs both directions over `x [batch, time, in]`; see the class description for `initial` and the outputs.
   * @returns `output [batch, time, 2·H]` (`'concat'`) or `[batch, time, H]`, `h` (and `c`) `[2·layers, batch, H]`.
   */
  forward(x: Tensor, initial: RecurrentState = {}, options: RecurrentForwardOptions = {}): RecurrentOutput {
    const fn = 'Bidirectional.forward';
    if (!(x instanceof Tensor) || x.rank !== 3) throw new ShapeError(`${fn}: expected input [batch, time, features], got ${x instanceof Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    const [batch, time] = x.shape as [number, number, number];
    const lengths = options.lengths === undefined ? undefined : readLengths(options.lengths, batch, time, 'lengths', fn);
    const halves = (t: Tensor | undefined, what: string): [Tensor | undefined, Tensor | undefined] => {
      if (t === undefined) return [undefined, undefined];
      if (t.rank !== 3 || t.shape[0]! % 2 !== 0) throw new ShapeError(`${fn}: initial ${what} must be [2·layers, batch, hidden] (forward layer's, then backward's), got [${t.shape.join(', ')}]`);
      return split(t, 2, 0) as [Tensor, Tensor];
    };
    const [hF, hB] = halves(initial.h, 'h');
    const [cF, cB] = halves(initial.c, 'c');
    const state = (h: Tensor | undefined, c: Tensor | undefined): RecurrentState => ({ ...(h ? { h } : {}), ...(c ? { c } : {}) });
    const layerOptions = lengths ? { lengths } : {};
    const order = reversalIndices(batch, time, lengths);
    const forward = this.forwardLayer.forward(x, state(hF, cF), layerOptions);
    const backward = this.backwardLayer.forward(reverseSteps(x, order), state(hB, cB), layerOptions);
    const output = merge(forward.output, reverseSteps(backward.output, order), this.mergeMode);
    const h = concat([forward.h, backward.h], 0);
    if (forward.c && backward.c) return { output, h, c: concat([forward.c, backward.c], 0) };
    return { output, h };
  }
}

/** Row `b·T + t` of the flattened sequence reads row `b·T + n_b − 1 − t` for real steps; padding stays put. */
function reversalIndices(batch: number, time: number, lengths: readonly number[] | undefined): Tensor {
  const index = new Int32Array(batch * time);
  for (let b = 0; b < batch; b++) {
    const n = lengths?.[b] ?? time;
    for (let t = 0; t < time; t++) index[b * time + t] = b * time + (t < n ? n - 1 - t : t);
  }
  return tensor(index);
}

/** Reorders the steps of `x [batch, time, features]` by {@link reversalIndices} (its own inverse). */
function reverseSteps(x: Tensor, order: Tensor): Tensor {
  const [batch, time, features] = x.shape as [number, number, number];
  return reshape(gather(reshape(x, [batch * time, features]), order, 0), [batch, time, features]);
}

function merge(a: Tensor, b: Tensor, mode: MergeMode): Tensor {
  switch (mode) {
    case 'concat': return concat([a, b], 2);
    case 'sum': return add(a, b);
    case 'mul': return mul(a, b);
    case 'ave': return mul(add(a, b), 0.5);
  }
}
