import { nn, ValueError } from '@dlkit/core';

/** One layer's cost in a {@link MacCount}. */
export interface MacRow {
  /** Dotted name of the layer (`layer1.0.conv1`). */
  readonly name: string;
  /** Class name (`Conv2d`). */
  readonly type: string;
  /** Output shape, batch dim shown as -1. */
  readonly outputShape: readonly number[];
  /** Multiply-accumulates per example. */
  readonly macs: number;
}

/** What {@link countMacs} found. */
export interface MacCount {
  /** The layers that count MACs (conv, transposed conv, Linear, …) in module order. */
  readonly rows: readonly MacRow[];
  /** The sum over rows, per example. */
  readonly total: number;
}

/**
 * The multiply-accumulates per example of every layer that counts them (conv, depthwise,
 * transposed conv, Conv1d, Linear: their `macs` method) in one forward pass on zeros of
 * `[1, ...inputShape]`: the MACs column of `model.summary()` without the other layers — the
 * lecture's cost arguments made checkable. A `k×k` conv to `cOut` maps costs `outH·outW·cOut·k²·cIn/groups`.
 * @example
 * ```ts
 * // 5×5 same conv, 28×28×192 → 32 maps: 120,422,400 multiplies (the lecture's ~120M)
 * countMacs(new Conv2d(192, 32, 5, { padding: 'same' }), [28, 28, 192]).total;
 * ```
 */
export function countMacs(model: nn.Module<unknown[], unknown>, ...inputShapes: (readonly number[])[]): MacCount {
  if (inputShapes.length === 0 || !inputShapes.every((s) => Array.isArray(s) && s.every((d) => Number.isInteger(d) && d >= 0))) {
    throw new ValueError(`countMacs: expected one shape (no batch dim) per forward argument of ${model.constructor.name}, got ${JSON.stringify(inputShapes)}`);
  }
  const summary = nn.summarize(model, ...inputShapes);
  const rows = summary.rows.flatMap((r) => (r.macs === null ? [] : [{ name: r.name, type: r.type, outputShape: r.outputShape ?? [], macs: r.macs }]));
  return { rows, total: summary.totalMacs };
}
