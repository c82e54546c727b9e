import { DTypeError } from '../errors.js';
import { isFloat } from '../dtype.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive } from './primitive.js';
import { exp } from './unary.js';
import { mul, sub } from './binary.js';
import { logSumExp, sum } from './reduce.js';
import { reshape, transpose } from './shape.js';

/** Runs a last-axis op on any axis by moving that axis last and back. */
function alongAxis(x: Tensor, axis: number, where: string, lastAxisOp: (t: Tensor) => Tensor): Tensor {
  assertTensor(x, where);
  if (!isFloat(x.dtype)) throw new DTypeError(`${where}: expected a float tensor, got ${x.dtype}`);
  if (x.rank === 0) return reshape(lastAxisOp(reshape(x, [1])), []);
  const a = normalizeAxis(axis, x.rank, where);
  if (a === x.rank - 1) return lastAxisOp(x);
  const perm = x.shape.map((_, i) => i);
  perm[a] = x.rank - 1;
  perm[x.rank - 1] = a;
  return transpose(lastAxisOp(transpose(x, perm)), perm);
}

function lastAxisLogSoftmax(x: Tensor): Tensor {
  const backend = backendOf([x], 'logSoftmax');
  if (!backend.logSoftmax) return sub(x, logSumExp(x, -1, true));
  const fused = backend.logSoftmax.bind(backend);
  return recordPrimitive('logSoftmax', [x], {}, { shape: x.shape, dtype: x.dtype, backend }, () => fused(x));
}

function lastAxisSoftmax(x: Tensor): Tensor {
  const backend = backendOf([x], 'softmax');
  if (!backend.softmax) return exp(lastAxisLogSoftmax(x));
  const fused = backend.softmax.bind(backend);
  return recordPrimitive('softmax', [x], {}, { shape: x.shape, dtype: x.dtype, backend }, () => fused(x));
}

/**
 * `softmax(z)ᵢ = exp(zᵢ) / Σⱼ exp(zⱼ)` along `axis` (last by default), stable for logits in the thousands.
 * @example softmax(tensor([1000, 1000])) // [0.5, 0.5]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return alongAxis(x, axis, 'softmax', lastAxisSoftmax);
}

/**
 * `log softmax(z)` along `axis`, computed as `z - logΣexp(z)` without overflow or log(0).
 * @example logSoftmax(tensor([1000, 0])) // [0, -1000]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return alongAxis(x, axis, 'logSoftmax', lastAxisLogSoftmax);
}

// ---- gradients ----

export function softmaxGrad(dy: Tensor, _inputs: readonly Tensor[], y: Tensor): (Tensor | null)[] {
  return [mul(y, sub(dy, sum(mul(dy, y), -1, true)))];
}

export function logSoftmaxGrad(dy: Tensor, _inputs: readonly Tensor[], y: Tensor): (Tensor | null)[] {
  return [sub(dy, mul(exp(y), sum(dy, -1, true)))];
}
