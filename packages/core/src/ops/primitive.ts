import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { isFloat, type DType } from '../dtype.js';
import { BackendError } from '../errors.js';
import type { Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import type { GradAttrMap } from '../autograd/gradients.js';
import { GradNode, type DifferentiableKernel } from '../autograd/node.js';

/** The one backend all of an op's inputs live on (the current backend when there are none). */
export function backendOf(inputs: readonly Tensor[], where: string): Backend {
  const first = inputs[0];
  if (first === undefined) return getBackend();
  for (const t of inputs) {
    t.assertUsable(where);
    if (t.backend !== first.backend) {
      throw new BackendError(
        `${where}: inputs live on different backends ('${first.backend.name}' and '${t.backend.name}'); move them to one backend first`,
      );
    }
  }
  return first.backend;
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
  const result = new Tensor(compute(), out.shape, out.dtype, out.backend);
  if (isGradEnabled() && isFloat(out.dtype) && inputs.some((t) => t.requiresGrad)) {
    result.gradFn = new GradNode(kernel, inputs, attrs);
    result.requiresGrad = true;
  }
  return result;
}
