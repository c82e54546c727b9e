import { findBackend } from '../backend/registry.js';
import { shareStorage } from '../backend/compose.js';
import { DTypeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive } from './primitive.js';

/**
 * A new tensor with `x`'s values, shape, dtype and backend (PyTorch's `clone`). It is part of the
 * graph: gradients flow through it to `x`, unlike {@link Tensor.detach}. Storage is never
 * mutated in dlkit (`assign` swaps it), so the backend may share it with `x`; on backends that
 * release storage the clone holds its own reference, so disposing one leaves the other usable.
 * @example const y = x.clone(); y.sum().backward(); // x.grad is all ones
 */
export function clone(x: Tensor): Tensor {
  assertTensor(x, 'clone');
  const backend = backendOf([x], 'clone');
  return recordPrimitive('clone', [x], {}, { shape: x.shape, dtype: x.dtype, backend }, () => shareStorage(backend, x));
}

/**
 * `x` moved to the registered backend `name`: its values are downloaded from `x`'s backend and
 * uploaded to the other (PyTorch's `tensor.to(device)`). Differentiable: the gradient is moved
 * back to `x`'s backend. Returns `x` itself when it already lives there.
 * @example const onTfjs = toBackend(x, 'tfjs-wasm'); // or x.to('tfjs-wasm')
 */
export function toBackend(x: Tensor, name: string): Tensor {
  assertTensor(x, 'toBackend');
  const target = findBackend(name, 'toBackend');
  const source = backendOf([x], 'toBackend');
  if (target === source) return x;
  if (!target.dtypes.includes(x.dtype)) {
    throw new DTypeError(`toBackend: backend '${name}' cannot store ${x.dtype} (it stores ${target.dtypes.join(', ')}); cast first, e.g. x.cast('float32')`);
  }
  return recordPrimitive('toBackend', [x], { from: source.name }, { shape: x.shape, dtype: x.dtype, backend: target }, () =>
    target.upload(source.download(x), x.dtype, x.shape),
  );
}

// ---- gradients ----

export function cloneGrad(dy: Tensor): (Tensor | null)[] {
  return [dy];
}

export function toBackendGrad(dy: Tensor, _inputs: readonly Tensor[], _y: Tensor, attrs: { from: string }): (Tensor | null)[] {
  return [toBackend(dy, attrs.from)];
}
