import { describeValue, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { enableGrad, isGradEnabled } from './grad-mode.js';
import { runBackward, seedGradient } from './backward.js';
import { dependsOnEnclosing, differentiating } from './enclosing.js';
import { zerosLike } from '../ops/creation.js';
import { backendOf, recordPrimitive } from '../ops/primitive.js';
import { shareStorage } from '../backend/compose.js';

/** Options of {@link gradients}. */
export interface GradientsOptions {
  /**
   * dL/d(output) for each output, same shapes (PyTorch's `grad_outputs`); an entry may be left
   * out for a one-element output (then 1). With one output, the tensor itself may be passed.
   */
  gradOutputs?: Tensor | readonly (Tensor | undefined)[];
  /** Record the backward pass, so the returned gradients are differentiable (default false). */
  createGraph?: boolean;
  /** Keep the graph for another backward pass through it (default: `createGraph`). */
  retainGraph?: boolean;
  /** Return `null` for an input the outputs do not depend on, instead of raising (default false). */
  allowUnused?: boolean;
}

/**
 * The gradients of `outputs` with respect to `inputs` (PyTorch's `torch.autograd.grad`,
 * TensorFlow's `tf.gradients`): `Σₖ gradOutputs[k]ᵀ · ∂outputs[k]/∂inputs[i]` for each input,
 * returned in input order, shaped like the input. Leaves nothing in any tensor's `.grad`. Inputs
 * must require grad; they may be leaves or intermediate tensors of the graph.
 *
 * With `createGraph: true` the backward pass is recorded with the same public ops, so the
 * gradients can be differentiated again: Hessian-vector products, gradient penalties.
 * Without `retainGraph` (default: `createGraph`) the part of the graph it went through is freed.
 *
 * @example
 * ```ts
 * const x = tensor([1, 2], { requiresGrad: true });
 * const y = x.pow(3).sum();
 * const [dx] = gradients(y, [x], { createGraph: true }); // 3x² = [3, 12]
 * const [d2x] = gradients(dx.sum(), [x]);               // 6x  = [6, 12]
 * ```
 */
export function gradients(outputs: Tensor | readonly Tensor[], inputs: readonly Tensor[], options?: GradientsOptions & { allowUnused?: false }): Tensor[];
export function gradients(outputs: Tensor | readonly Tensor[], inputs: readonly Tensor[], options: GradientsOptions): (Tensor | null)[];
export function gradients(outputs: Tensor | readonly Tensor[], inputs: readonly Tensor[], options: GradientsOptions = {}): (Tensor | null)[] {
  return gradientsFor('gradients', outputs, inputs, options);
}

/** {@link gradients}, with `where` naming the public function in errors. */
function gradientsFor(where: string, outputs: Tensor | readonly Tensor[], inputs: readonly Tensor[], options: GradientsOptions): (Tensor | null)[] {
  const roots = outputs instanceof Tensor ? [outputs] : [...outputs];
  if (roots.length === 0) throw new ValueError(`${where}: expected at least one output tensor, got none`);
  const given = options.gradOutputs === undefined ? [] : options.gradOutputs instanceof Tensor ? [options.gradOutputs] : options.gradOutputs;
  if (given.length > 0 && given.length !== roots.length) {
    throw new ValueError(`${where}: got ${given.length} gradOutputs for ${roots.length} outputs; pass one per output`);
  }
  const seeds = roots.map((root, k) => seedGradient(root, given[k], roots.length === 1 ? where : `${where}: output ${k}`));
  inputs.forEach((input, k) => {
    if (!input.requiresGrad) {
      throw new ValueError(`${where}: input ${k} (${input.dtype} ${formatShape(input.shape)}) does not require grad, so no gradient flows to it; set requiresGrad on it before computing the outputs`);
    }
  });
  const createGraph = options.createGraph ?? false;
  const found = runBackward(roots, seeds, { where, createGraph, retainGraph: options.retainGraph ?? createGraph }, inputs);
  return inputs.map((input, k) => {
    const grad = found.get(input);
    if (grad !== undefined) return grad;
    if (options.allowUnused === true) return null;
    throw new ValueError(`${where}: input ${k} is not used to compute the outputs (no recorded op connects them); pass allowUnused: true to get null for it`);
  });
}

/** Options of {@link grad} and {@link valueAndGrad}. */
export interface GradOptions {
  /**
   * Keep the computation on the autograd graph (default false): the gradients (and the value)
   * are differentiable, and inputs that already take part in an enclosing differentiation stay
   * connected to it. Nested `grad` calls (second and higher derivatives) need it on the inner ones.
   */
  createGraph?: boolean;
}

/** The function's own input, still connected to `t`'s graph: a recorded same-shape reshape sharing `t`'s storage. */
function connectedCopy(t: Tensor): Tensor {
  const backend = backendOf([t], 'grad');
  return recordPrimitive('reshape', [t], {}, { shape: t.shape, dtype: t.dtype, backend }, () => shareStorage(backend, t));
}

function freshLeaf(t: Tensor): Tensor {
  const leaf = t.detach();
  leaf.requiresGrad = true;
  return leaf;
}

function differentiate(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], createGraph: boolean, where: string): [Tensor, Tensor[]] {
  if (!createGraph && isGradEnabled()) {
    const k = inputs.findIndex((t) => dependsOnEnclosing([t]));
    if (k >= 0) {
      throw new ValueError(
        `${where}: input ${k} depends on the inputs of an enclosing grad()/valueAndGrad(); higher-order gradients need createGraph: true on the inner call, ${where}(fn, { createGraph: true }) (without it the inner gradient is cut from the outer graph and its derivative would be 0)`,
      );
    }
  }
  return enableGrad(() => {
    const leaves = inputs.map((t) => (createGraph && t.requiresGrad ? connectedCopy(t) : freshLeaf(t)));
    const value = differentiating(leaves, () => fn(...leaves));
    if (value.size !== 1) {
      throw new ValueError(`${where}: the function must return a one-element tensor, got shape ${formatShape(value.shape)}`);
    }
    const grads = value.requiresGrad ? gradientsFor(where, value, leaves, { createGraph, allowUnused: true }) : leaves.map(() => null);
    return [createGraph ? value : value.detach(), grads.map((g, k) => g ?? zerosLike(leaves[k]!))];
  });
}

/**
 * Evaluates a scalar function `fn` and its gradient with respect to each input, without touching
 * any `.grad` (JAX-style). Inputs are detached copies inside, so callers' graphs stay clean;
 * with `{ createGraph: true }` the value and gradients stay on the graph instead (for nesting).
 * @example
 * ```ts
 * const [value, [dx]] = valueAndGrad((x) => x.square().sum())([tensor([1, 2, 3])]);
 * dx.toArray(); // [2, 4, 6]
 * ```
 */
export function valueAndGrad(fn: (...inputs: Tensor[]) => Tensor, options: GradOptions = {}): (inputs: readonly Tensor[]) => [Tensor, Tensor[]] {
  assertFunction(fn, 'valueAndGrad');
  return (inputs) => differentiate(fn, inputs, options.createGraph ?? false, 'valueAndGrad');
}

/**
 * The gradient of a scalar function with respect to each of its inputs. Nest it for higher
 * derivatives, with `{ createGraph: true }` on the inner call.
 * @example
 * ```ts
 * const [dw] = grad((w) => w.mul(w).sum())([w]);
 * // d²/dx² x³ at 2 = 12
 * grad((x) => grad((y) => y.pow(3).sum(), { createGraph: true })([x])[0]!.sum())([tensor([2])]);
 * ```
 */
export function grad(fn: (...inputs: Tensor[]) => Tensor, options: GradOptions = {}): (inputs: readonly Tensor[]) => Tensor[] {
  assertFunction(fn, 'grad');
  return (inputs) => differentiate(fn, inputs, options.createGraph ?? false, 'grad')[1];
}

/** Throws a ValueError naming `where` unless `fn` is a function (caught when the transform is made, not when it is called). */
function assertFunction(fn: unknown, where: string): void {
  if (typeof fn !== 'function') throw new ValueError(`${where}: expected a function of tensors, got ${describeValue(fn)}`);
}
