import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { isFloat, type DType } from '../dtype.js';
import { BackendError, describeValue, DTypeError } from '../errors.js';
import { assertSizeWithinLimit, formatShape, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import type { GradAttrMap } from '../autograd/gradients.js';
import { GradNode, type DifferentiableKernel } from '../autograd/node.js';

/** The one backend all of an op's inputs live on (the current backend when there are none). */
export function backendOf(inputs: readonly Tensor[], where: string): Backend {
  const first = inputs[0];
  if (first === undefined) return getBackend();
  for (const t of inputs) {
    assertTensor(t, where);
    t.assertUsable(where);
    if (t.backend !== first.backend) {
      throw new BackendError(
        `${where}: inputs live on different backends ('${first.backend.name}' and '${t.backend.name}'); move one with toBackend(t, '${first.backend.name}') or t.to('${first.backend.name}')`,
      );
    }
  }
  return first.backend;
}

/** Throws a DTypeError naming `where` unless `value` is a Tensor (e.g. a string passed as an operand). */
export function assertTensor(value: unknown, where: string, what = 'input'): asserts value is Tensor {
  if (!(value instanceof Tensor)) throw new DTypeError(`${where}: ${what} must be a Tensor, got ${describeValue(value)}`);
}

/** Wraps a kernel's output handle as a tensor that autograd does not track. */
export function wrap(handle: unknown, shape: Shape, dtype: DType, backend: Backend): Tensor {
  return new Tensor(handle, shape, dtype, backend);
}

/**
 * Runs a differentiable primitive: wraps the handle `compute` returns and, when grad mode is on
 * and an input requires grad, records the node the gradient table differentiates.
 */
export function recordPrimitive<K extends DifferentiableKernel>(
  kernel: K,
  inputs: readonly Tensor[],
  attrs: GradAttrMap[K],
  out: { shape: Shape; dtype: DType; backend: Backend },
  compute: () => unknown,
): Tensor {
  // The message is built only on failure: this runs on every primitive call.
  assertSizeWithinLimit(sizeOf(out.shape), kernel, () => `the result ${formatShape(out.shape)}`);
  const result = new Tensor(compute(), out.shape, out.dtype, out.backend);
  if (isGradEnabled() && isFloat(out.dtype) && inputs.some((t) => t.requiresGrad)) {
    result.gradFn = new GradNode(kernel, inputs, attrs);
    result.requiresGrad = true;
  }
  return result;
}
