import type { GradcheckOptions } from '@dlkit/core';
import type { DType, FloatDType } from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { NdArray } from './reference/array.js';
import type { SampleGen } from './sample-gen.js';

/** The dtype of a sample input: `'float'` follows the float dtype under test; any other is fixed. */
export type SampleDType = 'float' | DType;

/** One input tensor of a sample: plain values, created on the backend under test. */
export interface SampleInput {
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Row-major values (converted to the dtype: float32 rounding, int32 truncation, bool 0/1). */
  readonly values: readonly number[];
  /** `'float'` (float32 and, when supported, float64) or a fixed dtype. */
  readonly dtype: SampleDType;
}

/** Elementwise tolerance: `|actual - expected| <= atol + rtol·|expected|`. */
export interface Tolerance {
  /** Absolute tolerance. */
  readonly atol: number;
  /** Relative tolerance (times the expected value's magnitude). */
  readonly rtol: number;
}

/** Forward tolerances per float dtype (integer and bool results are always compared exactly). */
export interface Tolerances {
  /** Tolerance of float32 results. */
  readonly float32: Tolerance;
  /** Tolerance of float64 results. */
  readonly float64: Tolerance;
}

/** Default forward tolerances against the float64 reference. */
export const DEFAULT_TOLERANCES: Tolerances = {
  float32: { atol: 1e-5, rtol: 1e-4 },
  float64: { atol: 1e-10, rtol: 1e-9 },
};

/** Default tolerance of a backend's float32 gradients against the ts backend's float32 gradients. */
export const DEFAULT_GRAD_TOLERANCE: Tolerance = { atol: 1e-4, rtol: 1e-3 };

/** `[2,3]`-style shape label for sample names. */
export const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/**
 * One call of an op: its input tensors plus the non-tensor arguments `args` that the spec's
 * `op` and `reference` both receive.
 */
export interface OpSample<A = unknown> {
  /** Short description used in the test name, e.g. `'[2,3] axis 1 keepDims'`. */
  readonly label: string;
  /** The input tensors, in the order `op` receives them. */
  readonly inputs: readonly SampleInput[];
  /** Non-tensor arguments (axes, options, scalars). */
  readonly args: A;
  /** Dtypes the sample needs beyond its inputs' (e.g. a cast's target); skipped where caps lack one. */
  readonly requires?: readonly DType[];
  /** The sample needs int32 values beyond ±2²⁴ to be exact; skipped where caps declare `exactInt32: false`. */
  readonly exactInt32?: boolean;
  /** `false` excludes this sample from gradient checks (e.g. values deliberately on a kink). */
  readonly grad?: boolean;
  /**
   * `false` excludes this sample from the double-backward check only: values where the first
   * derivative is defined by convention (ties of max, whose gradient is split evenly) but is not
   * differentiable itself.
   */
  readonly gradgrad?: boolean;
  /** Overrides the spec's forward tolerances for this sample. */
  readonly tolerance?: Partial<Tolerances>;
}

/** Any error class (abstract ones included) that an {@link ErrorCase} expects, e.g. `ShapeError`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** A call that must fail: the typed error it raises and a pattern its message must match. */
export interface ErrorCase<A = unknown> {
  /** Short description used in the test name. */
  readonly label: string;
  /** Input tensors; `'float'` inputs are created as float32. */
  readonly inputs: readonly SampleInput[];
  /** Non-tensor arguments passed to the spec's `op`. */
  readonly args: A;
  /** Calls something other than the spec's `op` (e.g. `concat([])`). */
  readonly call?: (inputs: Tensor[]) => unknown;
  /** The error class that must be thrown (e.g. `ShapeError`). */
  readonly error: ErrorClass;
  /** A pattern the message must match; it should name the op and the shapes or values involved. */
  readonly message: RegExp;
  /** Dtypes the case needs beyond its inputs'. */
  readonly requires?: readonly DType[];
}

/** What a {@link PropertyCheck} is run with. */
export interface PropertyContext {
  /** The float dtype under test. */
  readonly dtype: FloatDType;
  /** A generator seeded for this check. */
  readonly gen: SampleGen;
}

/** A behaviour with no reference value (e.g. a seeded random op equals itself); throws or fails an `expect` when broken. */
export interface PropertyCheck {
  /** Short description used in the test name. */
  readonly label: string;
  /** Runs the check on the current (selected) backend. */
  run(context: PropertyContext): void | Promise<void>;
}

/**
 * One public op in the conformance table (PyTorch's OpInfo idea): how to call it, its float64
 * reference, sample inputs, which inputs are differentiable, tolerances, and error inputs.
 *
 * @example
 * ```ts
 * const relu: OpSpec = defineOp({
 *   name: 'relu',
 *   op: ([x]) => ops.relu(x!),
 *   reference: ([x]) => reference.relu(x!),
 *   samples: (gen) => [{ label: '[2,3]', inputs: [gen.awayFrom([2, 3], -2, 2, [0])], args: {} }],
 *   differentiable: [0],
 * });
 * ```
 */
export interface OpSpec<A = unknown> {
  /** The op's name (the describe block's name). */
  readonly name: string;
  /** Calls the op under test. */
  op(inputs: Tensor[], args: A): Tensor | Tensor[];
  /** Computes the expected result with the float64 reference. */
  reference(inputs: NdArray[], args: A): NdArray | NdArray[];
  /** A few sample calls, drawn from a generator seeded by the spec's name. */
  samples(gen: SampleGen): OpSample<A>[];
  /** Input positions gradients flow to (float inputs only), `'all'` for every float input, `[]` for none. */
  readonly differentiable: readonly number[] | 'all';
  /** Forward tolerances (defaults {@link DEFAULT_TOLERANCES}). */
  readonly tolerance?: Partial<Tolerances>;
  /** Options of the float64 `gradcheck` (defaults: gradcheck's own). */
  readonly gradcheck?: GradcheckOptions;
  /** Tolerance of float32 gradients against the ts backend's (defaults {@link DEFAULT_GRAD_TOLERANCE}). */
  readonly gradTolerance?: Tolerance;
  /** Calls that must raise a typed error. */
  errors?(gen: SampleGen): ErrorCase<A>[];
  /** Behaviours without a reference value. */
  readonly checks?: readonly PropertyCheck[];
}

/**
 * Declares an op spec with its argument type inferred, and erases that type so specs with
 * different arguments fit in one table.
 */
export function defineOp<A>(spec: OpSpec<A>): OpSpec {
  return spec as OpSpec;
}
