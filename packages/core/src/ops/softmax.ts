import { DTypeError } from '../errors.js';
import { isFloat } from '../dtype.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { lastAxis, lastAxisBackprop } from '../backend/compose.js';
import { assertTensor } from './primitive.js';
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

/**
 * `softmax(z)ᵢ = exp(zᵢ) / Σⱼ exp(zⱼ)` along `axis` (last by default), stable for logits in the thousands.
 * @example softmax(tensor([1000, 1000])) // [0.5, 0.5]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return alongAxis(x, axis, 'softmax', (t) => lastAxis('softmax', t));
}

/**
 * `log softmax(z)` along `axis`, computed as `z - logΣexp(z)` without overflow or log(0).
 * @example logSoftmax(tensor([1000, 0])) // [0, -1000]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return alongAxis(x, axis, 'logSoftmax', (t) => lastAxis('logSoftmax', t));
}

// ---- gradients ----

export function softmaxGrad(dy: Tensor, _inputs: readonly Tensor[], y: Tensor): (Tensor | null)[] {
  return [lastAxisBackprop('softmaxBackprop', dy, y)];
}

export function logSoftmaxGrad(dy: Tensor, _inputs: readonly Tensor[], y: Tensor): (Tensor | null)[] {
  return [lastAxisBackprop('logSoftmaxBackprop', dy, y)];
}
