import { isFloat } from '../dtype.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { fromValues } from '../ops/creation.js';
import { cast } from '../ops/unary.js';
import { mul } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { concat, flatten } from '../ops/shape.js';
import { randn } from '../ops/random.js';
import { enableGrad, noGrad } from './grad-mode.js';
import { grad } from './functional.js';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Seed of the random output weighting (default 0). */
  seed?: number;
}

/** The worst disagreement found for one input. */
export interface InputGradcheck {
  /** Position of the input in the `inputs` list. */
  readonly input: number;
  /** Largest |analytic - numeric| over the input's elements. */
  readonly maxAbsError: number;
  /** Flat index of the worst element, with both estimates there. */
  readonly worst: {
    /** Flat (row-major) index into the input. */
    readonly index: number;
    /** Autograd's gradient at `index`. */
    readonly analytic: number;
    /** The central-difference estimate at `index`. */
    readonly numeric: number;
  };
  /** Whether every element satisfied |a - n| <= atol + rtol·|n|. */
  readonly ok: boolean;
}

/** Result of {@link gradcheck}. */
export interface GradcheckResult {
  /** Whether every input passed (`inputs.every((r) => r.ok)`). */
  readonly ok: boolean;
  /** One entry per float input (integer inputs are not differentiated). */
  readonly inputs: readonly InputGradcheck[];
}

/**
 * Gradient checking, as the course teaches it: compares autograd's gradient with central finite
 * differences `(J(θ + ε) - J(θ - ε)) / 2ε`, in float64. A non-scalar `fn` is reduced to
 * `Σ r ⊙ fn(...)` with a fixed random `r`, which checks the full vector-Jacobian product.
 *
 * @example
 * ```ts
 * const x = randn([3, 4], { dtype: 'float64' });
 * const result = gradcheck((a) => a.tanh().sum(), [x]);
 * result.ok; // true
 * ```
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const leaves = inputs.map((t) => (isFloat(t.dtype) ? cast(t.detach(), 'float64').detach() : t.detach()));
  const probe = noGrad(() => fn(...leaves));
  if (!isFloat(probe.dtype)) throw new ValueError(`gradcheck: fn must return a float tensor, got ${probe.dtype}`);
  const weights = randn([...probe.shape], { dtype: 'float64', seed: options.seed ?? 0 });
  const objective = (args: Tensor[]): Tensor => sum(mul(cast(fn(...args), 'float64'), weights));

  const analytic = enableGrad(() => {
    const tracked = leaves.map((t) => {
      if (!isFloat(t.dtype)) return t;
      const leaf = t.detach();
      leaf.requiresGrad = true;
      return leaf;
    });
    const value = objective(tracked);
    if (value.requiresGrad) value.backward();
    return tracked.map((t) => t.grad?.dataSync() ?? new Float64Array(t.size));
  });

  const results: InputGradcheck[] = [];
  leaves.forEach((leaf, i) => {
    if (!isFloat(leaf.dtype)) return;
    const base = leaf.dataSync();
    let maxAbsError = 0;
    let worst = { index: -1, analytic: 0, numeric: 0 };
    let ok = true;
    const evaluate = (index: number, delta: number): number => {
      const values = base.slice();
      values[index]! += delta;
      const args = leaves.map((t, k) => (k === i ? fromValues(values, t.shape, {}, t.backend) : t));
      return noGrad(() => objective(args).item());
    };
    for (let j = 0; j < base.length; j++) {
      const numeric = (evaluate(j, eps) - evaluate(j, -eps)) / (2 * eps);
      const a = analytic[i]![j]!;
      const error = Math.abs(a - numeric);
      if (!(error <= atol + rtol * Math.abs(numeric))) ok = false;
      if (error > maxAbsError || Number.isNaN(error)) {
        maxAbsError = Number.isNaN(error) ? Infinity : error;
        worst = { index: j, analytic: a, numeric };
      }
    }
    results.push({ input: i, maxAbsError, worst, ok });
  });
  return { ok: results.every((r) => r.ok), inputs: results };
}

/**
 * Second-order gradient checking (PyTorch's `gradgradcheck`): runs {@link gradcheck} on the
 * first-order gradient `(inputs…, v) ↦ vᵀ·∂fn/∂inputs` that autograd computes with
 * `createGraph`, so the double backward of every op in `fn` is compared with central finite
 * differences of its first backward, in float64. `v` (the upstream gradient, shaped like `fn`'s
 * output) is a fixed random tensor drawn with `seed + 1`; the check covers it as well.
 *
 * The result lists the float inputs as {@link gradcheck} does, then `v` (`input` = `inputs.length`).
 *
 * @example
 * ```ts
 * const x = randn([3], { dtype: 'float64' });
 * gradgradcheck((a) => a.tanh(), [x]).ok; // true: d²tanh is right
 * ```
 */
export function gradgradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const positions = inputs.flatMap((t, i) => (isFloat(t.dtype) ? [i] : []));
  if (positions.length === 0) throw new ValueError('gradgradcheck: expected at least one float input to differentiate');
  const probe = noGrad(() => fn(...inputs.map((t) => t.detach())));
  if (!isFloat(probe.dtype)) throw new ValueError(`gradgradcheck: fn must return a float tensor, got ${probe.dtype}`);
  const upstream = randn([...probe.shape], { dtype: 'float64', seed: (options.seed ?? 0) + 1 });
  const firstOrder = (...args: Tensor[]): Tensor => {
    const v = args[inputs.length]!;
    const weighted = (...floats: Tensor[]): Tensor => {
      const full = args.slice(0, inputs.length);
      positions.forEach((p, k) => (full[p] = floats[k]!));
      return sum(mul(cast(fn(...full), 'float64'), v));
    };
    const grads = grad(weighted, { createGraph: true })(positions.map((p) => args[p]!));
    return concat(grads.map((g) => flatten(g)));
  };
  return gradcheck(firstOrder, [...inputs, upstream], options);
}
