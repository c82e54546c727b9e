import { ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { gradientTable, type GradFn } from './gradients.js';
import { enableGrad, isGradEnabled, noGrad } from './grad-mode.js';
import { dependsOnEnclosing } from './enclosing.js';
import type { DifferentiableKernel, GradNode } from './node.js';
import { add } from '../ops/binary.js';
import { onesLike } from '../ops/creation.js';
import { sliceGradSum, type SliceAttrs, type SlicePiece } from '../ops/shape.js';

/** How one reverse-mode pass runs. */
export interface BackwardPass {
  /** The public function running it, for error messages. */
  readonly where: string;
  /** Record the pass with public ops, so the gradients it produces are themselves differentiable. */
  readonly createGraph: boolean;
  /** Keep the graph's saved tensors for another pass (otherwise the nodes it went through are released). */
  readonly retainGraph: boolean;
}

/**
 * Tensors reachable from `roots` through recorded ops, each after everything it depends on.
 * Iterative (explicit stack), so a graph of any depth is fine. Reading a released node's inputs
 * raises, before any gradient is computed or accumulated.
 */
function topologicalOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, boolean][] = roots.map((root) => [root, false]);
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

/** The tensors of `order` (dependencies first) from which some target can be reached: the ones worth differentiating. */
function leadingTo(order: readonly Tensor[], targets: ReadonlySet<Tensor>): Set<Tensor> {
  const wanted = new Set<Tensor>();
  for (const tensor of order) {
    if (targets.has(tensor) || tensor.gradFn?.inputs.some((input) => wanted.has(input))) wanted.add(tensor);
  }
  return wanted;
}

/**
 * The gradient reaching one tensor so far: dense contributions summed, and the gradients that came
 * through slices of it kept apart until every consumer is done, then assembled at once (one
 * concat for a split, instead of one full-size padded sum per piece).
 */
interface PendingGrad {
  dense: Tensor | undefined;
  readonly pieces: SlicePiece[];
}

function pendingOf(into: Map<Tensor, PendingGrad>, tensor: Tensor): PendingGrad {
  let pending = into.get(tensor);
  if (pending === undefined) {
    pending = { dense: undefined, pieces: [] };
    into.set(tensor, pending);
  }
  return pending;
}

function accumulate(into: Map<Tensor, PendingGrad>, tensor: Tensor, grad: Tensor): void {
  const pending = pendingOf(into, tensor);
  pending.dense = pending.dense === undefined ? grad : add(pending.dense, grad);
}

/** The total gradient of `tensor` (its slices' pieces assembled), or undefined when none reached it. */
function settle(into: Map<Tensor, PendingGrad>, tensor: Tensor): Tensor | undefined {
  const pending = into.get(tensor);
  if (pending === undefined) return undefined;
  if (pending.pieces.length === 0) return pending.dense;
  const assembled = sliceGradSum(tensor, pending.pieces);
  return pending.dense === undefined ? assembled : add(pending.dense, assembled);
}

function assertSavedUsable(node: GradNode, output: Tensor): void {
  node.inputs.forEach((input, k) => {
    if (input.isDisposed || output.isDisposed) {
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
}

/**
 * Checks a root and its seed gradient: the root must require grad, and the seed must match its
 * shape (it may be left out only for a one-element root, then it is 1). `where` names the caller.
 */
export function seedGradient(root: Tensor, gradient: Tensor | undefined, where: string): Tensor {
  if (!root.requiresGrad) {
    throw new ValueError(
      `${where}: this tensor does not require grad; set requiresGrad on the inputs you differentiate with respect to`,
    );
  }
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new ShapeError(
        `${where}: gradient can be implied only for a one-element tensor, got shape ${formatShape(root.shape)}; pass the upstream gradient`,
      );
    }
    return onesLike(root);
  }
  if (!shapesEqual(gradient.shape, root.shape)) {
    throw new ShapeError(
      `${where}: gradient shape ${formatShape(gradient.shape)} differs from the tensor's ${formatShape(root.shape)}`,
    );
  }
  return gradient.cast(root.dtype);
}

/**
 * The reverse-mode pass behind {@link Tensor.backward} and {@link gradients}: walks the graph
 * from `roots` (seeded with `seeds`, one per root) in reverse topological order, calling each
 * node's entry of the gradient table.
 *
 * Without `targets` the gradients are accumulated into the `.grad` of every leaf that requires
 * grad. With `targets`, only the part of the graph leading to them is differentiated, no `.grad`
 * is touched, and the gradient reaching each target is returned (targets no path reaches are
 * absent from the map).
 */
export function runBackward(
  roots: readonly Tensor[],
  seeds: readonly Tensor[],
  pass: BackwardPass,
  targets?: readonly Tensor[],
): Map<Tensor, Tensor> {
  if (!pass.createGraph && isGradEnabled() && dependsOnEnclosing(roots)) {
    throw new ValueError(
      `${pass.where}: this backward pass runs inside a grad()/valueAndGrad() function and depends on its inputs; higher-order gradients need createGraph: true here (without it the result is cut from the enclosing graph and its derivative would be 0)`,
    );
  }
  const targetSet = new Set(targets);
  const results = new Map<Tensor, Tensor>();
  const order = topologicalOrder(roots);
  const wanted = targets === undefined ? undefined : leadingTo(order, targetSet);
  const processed: GradNode[] = [];
  (pass.createGraph ? enableGrad : noGrad)(() => {
    const grads = new Map<Tensor, PendingGrad>();
    roots.forEach((root, k) => accumulate(grads, root, seeds[k]!));
    for (let i = order.length - 1; i >= 0; i--) {
      const tensor = order[i]!;
      const grad = settle(grads, tensor);
      if (grad === undefined) continue;
      if (targetSet.has(tensor)) results.set(tensor, grad);
      const node = tensor.gradFn;
      if (node === null) {
        if (targets === undefined) tensor.grad = tensor.grad === null ? grad : add(tensor.grad, grad);
        continue;
      }
      const inputs = node.inputs;
      if (wanted !== undefined && !inputs.some((input) => wanted.has(input))) continue;
      grads.delete(tensor);
      assertSavedUsable(node, tensor);
      const source = inputs[0]!;
      if (node.kernel === 'slice' && source.requiresGrad && (wanted === undefined || wanted.has(source))) {
        // Deferred: assembled with the other slices of the same input once all of them are in.
        pendingOf(grads, source).pieces.push({ dy: grad, attrs: node.attrs as SliceAttrs });
        processed.push(node);
        continue;
      }
      const gradFn = gradientTable[node.kernel] as GradFn<DifferentiableKernel>;
      const inputGrads = gradFn(grad, inputs, tensor, node.attrs);
      processed.push(node);
      inputs.forEach((input, k) => {
        const inputGrad = inputGrads[k];
        if (!input.requiresGrad || inputGrad === null || inputGrad === undefined) return;
        if (wanted !== undefined && !wanted.has(input)) return;
        if (!shapesEqual(inputGrad.shape, input.shape)) {
          throw new ShapeError(
            `backward: gradient of '${node.kernel}' input ${k} has shape ${formatShape(inputGrad.shape)}, expected ${formatShape(input.shape)}`,
          );
        }
        accumulate(grads, input, inputGrad);
      });
    }
  });
  if (!pass.retainGraph) for (const node of processed) node.release();
  return results;
}

/** Options of {@link Tensor.backward}. */
export interface BackwardOptions {
  /** dL/d(this tensor), same shape; may be left out for a one-element tensor (then 1). */
  gradient?: Tensor;
  /**
   * Record the backward pass with public ops, so the accumulated `.grad` is itself
   * differentiable (higher-order gradients). Default false.
   */
  createGraph?: boolean;
  /**
   * Keep the graph for another backward pass through it. Default: `createGraph`. Without it the
   * graph's saved tensors are released, and a second backward through it raises a ValueError.
   */
  retainGraph?: boolean;
}

/** Reverse-mode pass behind {@link Tensor.backward}. */
export function backward(root: Tensor, options: BackwardOptions = {}): void {
  const createGraph = options.createGraph ?? false;
  const seed = seedGradient(root, options.gradient, 'backward');
  runBackward([root], [seed], { where: 'backward', createGraph, retainGraph: options.retainGraph ?? createGraph });
}
