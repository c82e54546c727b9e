import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { enableGrad } from './grad-mode.js';
import { zerosLike } from '../ops/creation.js';

/**
 * Evaluates a scalar function `fn` and its gradient with respect to each input, without touching
 * the inputs' `.grad` (JAX-style). Inputs are detached copies inside, so callers' graphs stay clean.
 * @example
 * ```ts
 * const [value, [dx]] = valueAndGrad((x) => x.square().sum())([tensor([1, 2, 3])]);
 * dx.toArray(); // [2, 4, 6]
 * ```
 */
export function valueAndGrad(fn: (...inputs: Tensor[]) => Tensor): (inputs: readonly Tensor[]) => [Tensor, Tensor[]] {
  return (inputs) =>
    enableGrad(() => {
      const leaves = inputs.map((t) => {
        const leaf = t.detach();
        leaf.requiresGrad = true;
        return leaf;
      });
      const value = fn(...leaves);
      if (value.size !== 1) {
        throw new ValueError(`valueAndGrad: the function must return a one-element tensor, got shape [${value.shape.join(',')}]`);
      }
      if (value.requiresGrad) value.backward();
      const grads = leaves.map((leaf) => leaf.grad ?? zerosLike(leaf));
      return [value.detach(), grads];
    });
}

/**
 * The gradient of a scalar function with respect to each of its inputs.
 * @example const [dw] = grad((w) => w.mul(w).sum())([w]);
 */
export function grad(fn: (...inputs: Tensor[]) => Tensor): (inputs: readonly Tensor[]) => Tensor[] {
  const withValue = valueAndGrad(fn);
  return (inputs) => withValue(inputs)[1];
}
