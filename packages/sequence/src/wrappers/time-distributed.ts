import { nn, reshape, ShapeError, Tensor } from '@dlkit/core';

/**
 * Applies one module to every time step of a sequence (Keras's `TimeDistributed`): the same
 * weights at each step, computed in one call by folding the time axis into the batch —
 * `x [batch, time, ...features]` → `module(x [batch·time, ...features])` → `[batch, time, ...out]`.
 * The module's parameters are this module's (`module.…` in the state dict).
 * @example
 * ```ts
 * const perStep = new TimeDistributed(new nn.Linear(16, 5));
 * perStep.forward(randn([4, 10, 16])).shape; // [4, 10, 5]
 * ```
 */
export class TimeDistributed<M extends nn.Module<[Tensor], Tensor>> extends nn.Module<[Tensor], Tensor> {
  /**
   * Wraps `module`, which must map `[n, ...features]` to `[n, ...out]` (keeping the first axis).
   * @param module - The per-step module.
   */
  constructor(
    /** The module applied at every step; its parameters are registered under `module.`. */
    readonly module: M,
  ) {
    super();
  }

  /** `x [batch, time, ...features]` → `[batch, time, ...out]`. */
  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor) || x.rank < 3) {
      throw new ShapeError(`TimeDistributed.forward: expected input [batch, time, ...features] (rank ≥ 3), got ${x instanceof Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    }
    const [batch, time, ...features] = x.shape as number[];
    const out = this.module.forward(reshape(x, [batch! * time!, ...features]));
    if (out.rank < 1 || out.shape[0] !== batch! * time!) {
      throw new ShapeError(`TimeDistributed.forward: the wrapped module must keep the batch axis (${batch! * time!} rows), got [${out.shape.join(', ')}]`);
    }
    return reshape(out, [batch!, time!, ...out.shape.slice(1)]);
  }
}
