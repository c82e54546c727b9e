import { noGrad, tidy, ValueError, type Tensor } from '@dlkit/core';
import type { ParamGroup } from '../optimizers/param-groups.js';

/** Named parameters: a module (anything with `namedParameters()`) or the `[name, tensor]` list itself. */
export type NamedParameters = {
  /** `[name, parameter]` pairs, as `nn.Module.namedParameters()` gives them. */
  namedParameters(): readonly (readonly [string, Tensor])[];
} | readonly (readonly [string, Tensor])[];

function namedOf(source: NamedParameters): readonly (readonly [string, Tensor])[] {
  return 'namedParameters' in source ? source.namedParameters() : source;
}

/**
 * The parameters that weight decay is meant for: those of rank ≥ 2 (weight matrices and conv
 * filters), leaving out biases and normalization scales/shifts (rank 1).
 * @example l2Penalty(weightsOf(model), { lambda: 0.1, m })
 */
export function weightsOf(source: NamedParameters): Tensor[] {
  return namedOf(source).filter(([, t]) => t.rank >= 2).map(([, t]) => t);
}

/**
 * Two param groups for an optimizer: weights (rank ≥ 2) with `weightDecay`, and biases and
 * normalization parameters (rank ≤ 1) with none — the usual recipe for AdamW.
 * @example new AdamW(weightDecayGroups(model, { weightDecay: 0.01 }), { lr: 1e-3 })
 */
export function weightDecayGroups(
  source: NamedParameters,
  options: { weightDecay: number },
): ParamGroup<{
  /** The group's decay: `options.weightDecay` for the weights, 0 for the rest. */
  weightDecay: number;
}>[] {
  const { weightDecay } = options;
  if (!(Number.isFinite(weightDecay) && weightDecay >= 0)) throw new ValueError(`weightDecayGroups: weightDecay must be a finite number >= 0, got ${String(weightDecay)}`);
  const named = namedOf(source);
  const decay = named.filter(([, t]) => t.rank >= 2).map(([, t]) => t);
  const noDecay = named.filter(([, t]) => t.rank < 2).map(([, t]) => t);
  return [
    { params: decay, weightDecay },
    { params: noDecay, weightDecay: 0 },
  ].filter((group) => group.params.length > 0);
}

/**
 * Decoupled weight decay, applied to the weights directly: `w ← w·(1 − α·λ)` (what AdamW does
 * inside its step). Call it beside any optimizer's `step()` to get the decoupled form.
 * @example optimizer.step(); decoupledWeightDecay(weightsOf(model), { lr: 1e-3, weightDecay: 0.01 });
 */
export function decoupledWeightDecay(params: readonly Tensor[], options: { lr: number; weightDecay: number }): void {
  const { lr, weightDecay } = options;
  if (!(Number.isFinite(lr) && lr >= 0)) throw new ValueError(`decoupledWeightDecay: lr must be a finite number >= 0, got ${String(lr)}`);
  if (!(Number.isFinite(weightDecay) && weightDecay >= 0)) throw new ValueError(`decoupledWeightDecay: weightDecay must be a finite number >= 0, got ${String(weightDecay)}`);
  const factor = 1 - lr * weightDecay;
  noGrad(() => {
    for (const p of params) tidy(() => p.assign(p.mul(factor)));
  });
}
