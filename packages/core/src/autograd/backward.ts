import { ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { gradients, type GradFn } from './gradients.js';
import { noGrad } from './grad-mode.js';
import type { DifferentiableKernel } from './node.js';
import { add } from '../ops/binary.js';
import { onesLike } from '../ops/creation.js';

/**
 * Tensors reachable from `root` through recorded ops, each after everything it depends on.
 * Iterative (explicit stack), so a graph of any depth is fine.
 */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [tensor, expanded] = stack.pop()!;
    if (expanded) {
      order.push(tensor);
      continue;
    }
    if (visited.has(tensor)) continue;
    visited.add(tensor);
    stack.push([tensor, true]);
    for (const input of tensor.gradFn?.inputs ?? []) {
      if (input.requiresGrad && !visited.has(input)) stack.push([input, false]);
    }
  }
  return order;
}

function accumulate(into: Map<Tensor, Tensor>, tensor: Tensor, grad: Tensor): void {
  const previous = into.get(tensor);
  into.set(tensor, previous === undefined ? grad : add(previous, grad));
}

/** Reverse-mode pass behind {@link Tensor.backward}. */
export function backward(root: Tensor, gradient?: Tensor): void {
  if (!root.requiresGrad) {
    throw new ValueError(
      'backward: this tensor does not require grad; set requiresGrad on the inputs you differentiate with respect to',
    );
  }
  if (gradient === undefined && root.size !== 1) {
    throw new ShapeError(
      `backward: gradient can be implied only for a one-element tensor, got shape ${formatShape(root.shape)}; pass the upstream gradient`,
    );
  }
  if (gradient !== undefined && !shapesEqual(gradient.shape, root.shape)) {
    throw new ShapeError(
      `backward: gradient shape ${formatShape(gradient.shape)} differs from the tensor's ${formatShape(root.shape)}`,
    );
  }
  noGrad(() => {
    const grads = new Map<Tensor, Tensor>([[root, gradient?.cast(root.dtype) ?? onesLike(root)]]);
    const order = topologicalOrder(root);
    for (let i = order.length - 1; i >= 0; i--) {
      const tensor = order[i]!;
      const grad = grads.get(tensor);
      if (grad === undefined) continue;
      const node = tensor.gradFn;
      if (node === null) {
        tensor.grad = tensor.grad === null ? grad : add(tensor.grad, grad);
        continue;
      }
      grads.delete(tensor);
      node.inputs.forEach((input, k) => {
        if (input.isDisposed || tensor.isDisposed) {
          throw new ValueError(
            `backward: a tensor saved for the gradient of '${node.kernel}' was disposed (by dispose() or the end of a tidy scope); call backward() inside the scope that built the graph`,
          );
        }
        if (input.version !== node.inputVersions[k]) {
          throw new ValueError(
            `backward: an input of '${node.kernel}' was changed by assign() after it was used; gradients would be wrong`,
          );
        }
      });
      const gradFn = gradients[node.kernel] as GradFn<DifferentiableKernel>;
      const inputGrads = gradFn(grad, node.inputs, tensor, node.attrs);
      node.inputs.forEach((input, k) => {
        const inputGrad = inputGrads[k];
        if (!input.requiresGrad || inputGrad === null || inputGrad === undefined) return;
        if (!shapesEqual(inputGrad.shape, input.shape)) {
          throw new ShapeError(
            `backward: gradient of '${node.kernel}' input ${k} has shape ${formatShape(inputGrad.shape)}, expected ${formatShape(input.shape)}`,
          );
        }
        accumulate(grads, input, inputGrad);
      });
    }
  });
}
