/**
 * What core does for each optional kernel (see {@link OptionalKernels}) a backend leaves out, in
 * one place. Ops and tensors never test for an optional kernel themselves: they call the helper
 * here, which runs the backend's kernel when it has one and core's fallback otherwise. The
 * conformance suite also runs on the ts backend with every optional kernel removed
 * (`test/conformance-required-only.test.ts`), so each fallback is tested.
 *
 * - `downloadAsync`: the synchronous `download`.
 * - `dispose`: none needed; storage is garbage collected.
 * - `shareStorage`: the same handle (valid only where storage is garbage collected, so a backend
 *   with `dispose` must implement it; `registerBackend` checks).
 * - `softmax`: `exp(logSoftmax(x))`; `logSoftmax`: `s - log Σ exp(s)` with `s = x - max(x)` over
 *   the last axis. Both are made of public ops, so autograd differentiates the composition; a
 *   fused kernel is recorded as a primitive with its own gradient entry.
 * - `softmaxBackprop`: `y · (dy - Σ dy · y)`; `logSoftmaxBackprop`: `dy - exp(y) · Σ dy`, of
 *   public ops.
 * - `layerNorm`: `(x - μ) · rsqrt(σ² + eps)` over the last axis of public ops;
 *   `layerNormBackprop`: `rstd · (dy - mean(dy) - y · mean(dy · y))` of public ops. The fused
 *   backprop kernel runs only while no graph is recorded (a plain `backward()`); a backward pass
 *   with `createGraph` takes the composition, so second derivatives come from autograd. The same
 *   holds for every `*Backprop` kernel here.
 */
import type { TypedArray } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { add, mul, sub } from '../ops/binary.js';
import { backendOf, recordPrimitive, wrap } from '../ops/primitive.js';
import { max, mean, sum } from '../ops/reduce.js';
import { exp, log, rsqrt, square } from '../ops/unary.js';
import type { Backend } from './backend.js';
import type { OptionalKernels, TensorInfo } from './kernels.js';

/** `x`'s values without blocking where the backend reads back asynchronously. */
export function downloadAsync(backend: Backend, x: TensorInfo): Promise<TypedArray> {
  return backend.downloadAsync ? backend.downloadAsync(x) : Promise.resolve(backend.download(x));
}

/** A second handle to `x`'s storage, which the backend releases independently of `x`'s. */
export function shareStorage(backend: Backend, x: TensorInfo): unknown {
  return backend.shareStorage ? backend.shareStorage(x) : x.handle;
}

/** The optional kernels that compute a float tensor of `x`'s shape from `x` along its last axis. */
export type LastAxisKernel = keyof Pick<OptionalKernels<unknown>, 'softmax' | 'logSoftmax'>;

const lastAxisCompositions: Record<LastAxisKernel, (x: Tensor) => Tensor> = {
  softmax: (x) => exp(lastAxis('logSoftmax', x)),
  // Shifted by the row maximum as the fused kernels are, so a row holding NaN or +Infinity gives
  // NaN throughout, as they do. The shift cancels in the gradient, so it is detached.
  logSoftmax: (x) => {
    const shifted = x.shape[x.rank - 1] === 0 ? x : sub(x, max(x, -1, true).detach());
    return sub(shifted, log(sum(exp(shifted), -1, true)));
  },
};

/**
 * Runs `kernel` over the last axis of float tensor `x` (rank ≥ 1): the backend's fused kernel,
 * recorded for autograd, or core's composition of public ops.
 */
export function lastAxis(kernel: LastAxisKernel, x: Tensor): Tensor {
  const backend = backendOf([x], kernel);
  const fused = backend[kernel];
  if (fused === undefined) return lastAxisCompositions[kernel](x);
  return recordPrimitive(kernel, [x], {}, { shape: x.shape, dtype: x.dtype, backend }, () => fused.call(backend, x));
}

/** The optional kernels that give the input gradient of a last-axis kernel from `dy` and its output `y`. */
export type LastAxisBackpropKernel = keyof Pick<OptionalKernels<unknown>, 'softmaxBackprop' | 'logSoftmaxBackprop'>;

const lastAxisBackpropCompositions: Record<LastAxisBackpropKernel, (dy: Tensor, y: Tensor) => Tensor> = {
  softmaxBackprop: (dy, y) => mul(y, sub(dy, sum(mul(dy, y), -1, true))),
  logSoftmaxBackprop: (dy, y) => sub(dy, mul(exp(y), sum(dy, -1, true))),
};

/**
 * The input gradient of softmax or log-softmax over the last axis, from upstream `dy` and the
 * op's output `y`: the backend's fused kernel in a plain backward pass, else core's composition.
 */
export function lastAxisBackprop(kernel: LastAxisBackpropKernel, dy: Tensor, y: Tensor): Tensor {
  const backend = backendOf([dy, y], kernel);
  const fused = backend[kernel];
  if (fused !== undefined && !isGradEnabled()) return wrap(fused.call(backend, dy, y), y.shape, y.dtype, backend);
  return lastAxisBackpropCompositions[kernel](dy, y);
}

/**
 * Layer normalization of each last-axis row of float `x` (rank ≥ 1), without the affine part:
 * the backend's fused kernel, recorded for autograd, or core's composition of public ops.
 */
export function layerNormRows(x: Tensor, eps: number): Tensor {
  const backend = backendOf([x], 'layerNorm');
  const fused = backend.layerNorm;
  if (fused === undefined) {
    // The variance from the same centred values: `variance(x)` would centre x a second time.
    const centered = sub(x, mean(x, -1, true));
    return mul(centered, rsqrt(add(mean(square(centered), -1, true), eps)));
  }
  return recordPrimitive('layerNorm', [x], { eps }, { shape: x.shape, dtype: x.dtype, backend }, () => fused.call(backend, x, eps));
}

/** The input gradient of {@link layerNormRows} at `x` (whose output is `y`) for upstream gradient `dy`. */
export function layerNormRowsBackprop(dy: Tensor, x: Tensor, y: Tensor, eps: number): Tensor {
  const backend = backendOf([dy, x], 'layerNormBackprop');
  const fused = backend.layerNormBackprop;
  if (fused !== undefined && !isGradEnabled()) return wrap(fused.call(backend, dy, x, eps), x.shape, x.dtype, backend);
  const rstd = rsqrt(add(mean(square(sub(x, mean(x, -1, true))), -1, true), eps));
  return mul(rstd, sub(sub(dy, mean(dy, -1, true)), mul(y, mean(mul(dy, y), -1, true))));
}
