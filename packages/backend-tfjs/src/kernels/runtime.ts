import * as tf from '@tensorflow/tfjs-core';
import type { DType, Padding2d, TensorInfo } from '@dlkit/core';

/** The storage handle of the adapter: one TensorFlow.js tensor per dlkit tensor, never shared. */
export type TfHandle = tf.Tensor;
/** What a kernel sees of a dlkit tensor on this backend. */
export type Info = TensorInfo<TfHandle>;
/** A 4-D (NHWC) TensorFlow.js tensor. */
export type Rank4 = tf.Tensor4D;
/** TensorFlow.js's explicit NHWC padding. */
export type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/** What the kernels need to know about the engine they run on. */
export interface KernelContext {
  /** dlkit's name for the backend, e.g. `'tfjs-wasm'`. */
  readonly name: string;
  /** TensorFlow.js's backend name (`'wasm'`, `'cpu'`, `'tensorflow'`). */
  readonly tfName: string;
  /** Whether `dataSync()` may return the engine's own storage (the cpu engine does), so downloads must copy. */
  readonly copyOnDownload: boolean;
  /**
   * Whether the engine's kernels are known to match core's semantics where TensorFlow.js engines
   * differ: NaN-propagating `maximum`/`minimum`, int32 `clipByValue` and `matMul`, and `MaxPoolGrad`
   * routing to the first maximum of each window. True for the cpu engine.
   */
  readonly exactKernels: boolean;
  /** Whether `tf.matMul` is fast only for untransposed 2-D operands (the wasm engine's XNNPACK path). */
  readonly xnnpackMatMul: boolean;
  /**
   * Whether conv2d's input gradient is computed with a forward convolution (the wasm engine: its
   * forward convolution is XNNPACK, its transposed convolution a naive loop).
   */
  readonly composeConvBackpropInput: boolean;
  /**
   * Whether conv2d's filter gradient is computed with a forward convolution (the wasm engine, which
   * has no kernel for it, and the cpu engine, whose kernel is some 50 times slower).
   */
  readonly composeConvBackpropFilter: boolean;
  /**
   * Whether the kernels run as GPU shaders (the webgl and webgpu engines), whose math differs at
   * the edges: `log(0)` is finite, NaN does not propagate through `elu`/`selu`/`softplus`, and
   * packed `clipByValue` leaves all four values of a texel unclipped when one is NaN.
   */
  readonly gpu: boolean;
}

/**
 * What every kernel family shares, built once per engine by {@link createRuntime}. A kernel
 * calls `activate()`, views its inputs with `arg`, and returns its result through `done`, which
 * releases the views made for the call. Helpers that families export to each other take the
 * runtime and work on tf tensors inside the caller's `tf.tidy` (they never call `arg`/`done`).
 */
export interface TfRuntime {
  /** The engine's flags. */
  readonly ctx: KernelContext;
  /** TensorFlow.js's engine, for kernels called by name (`runKernel`). */
  readonly engine: ReturnType<typeof tf.engine>;
  /** Makes this engine TensorFlow.js's active backend (one string comparison when it already is). */
  activate(): void;
  /** `x`'s handle viewed at the shape dlkit gives it (a view made for this call only). */
  arg(x: Info): tf.Tensor;
  /** Releases the call's views (never `result`) and returns `result`. */
  done<T extends tf.Tensor>(result: T): T;
  /**
   * A size-0 result. Made here, never by the engine: engines disagree on empty tensors (the wasm
   * engine's kernels can even write out of bounds), and an empty result needs no computation.
   */
  empty(shape: readonly number[], dtype: DType): tf.Tensor;
  /** Whether the engine registers TensorFlow.js kernel `kernel` (looked up once per name). */
  has(kernel: string): boolean;
}

/** The number of elements of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** dlkit's resolved padding as TensorFlow.js's explicit NHWC padding (`'valid'` when there is none). */
export function explicitPads(p: Padding2d): ExplicitPadding | 'valid' {
  return p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0
    ? 'valid'
    : [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]];
}

/** Builds the shared runtime of one engine. */
export function createRuntime(ctx: KernelContext): TfRuntime {
  const engine = tf.engine();
  const { tfName } = ctx;
  const known = new Map<string, boolean>();

  // Handles made by `upload` without a shape (callers other than core) are 1-D; kernels view every
  // input at the shape dlkit gives it. Views made for one call are released when it returns.
  const temps: tf.Tensor[] = [];

  return {
    ctx,
    engine,
    activate: () => {
      // Switching is synchronous once a backend is initialized (the factory initialized it).
      if (engine.backendName !== tfName) void tf.setBackend(tfName);
    },
    arg: (x) => {
      const h = x.handle;
      const have = h.shape;
      const want = x.shape;
      if (have.length === want.length) {
        let same = true;
        for (let i = 0; i < want.length; i++) if (have[i] !== want[i]) { same = false; break; }
        if (same) return h;
      }
      const view = tf.reshape(h, want as number[]);
      temps.push(view);
      return view;
    },
    done: (result) => {
      if (temps.length > 0) for (const t of temps.splice(0)) if (t !== result) t.dispose();
      return result;
    },
    empty: (shape, dtype) => tf.zeros(shape as number[], dtype as tf.DataType),
    has: (kernel) => {
      let found = known.get(kernel);
      if (found === undefined) {
        found = tf.getKernel(kernel, tfName) !== undefined;
        known.set(kernel, found);
      }
      return found;
    },
  };
}
