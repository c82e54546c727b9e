import type { Tensor } from '../tensor.js';

/**
 * The inputs of the grad()/valueAndGrad() calls whose functions are running, innermost last. A
 * gradient computed inside one without `createGraph` is cut from the graph, so if it depends on
 * these inputs the enclosing derivative would silently miss it: backward passes check this.
 */
const enclosing: ReadonlySet<Tensor>[] = [];

/** Runs `fn` with `inputs` registered as the inputs of a running grad() (see {@link dependsOnEnclosing}). */
export function differentiating<T>(inputs: readonly Tensor[], fn: () => T): T {
  enclosing.push(new Set(inputs));
  try {
    return fn();
  } finally {
    enclosing.pop();
  }
}

/**
 * Whether any of `roots`, or a tensor their recorded graph depends on, is an input of a running
 * grad(). Free when no grad() function is running; else one walk of the graph.
 */
export function dependsOnEnclosing(roots: readonly Tensor[]): boolean {
  if (enclosing.length === 0) return false;
  const seen = new Set<Tensor>();
  const stack = [...roots];
  while (stack.length > 0) {
    const tensor = stack.pop()!;
    if (seen.has(tensor) || !tensor.requiresGrad) continue;
    seen.add(tensor);
    if (enclosing.some((inputs) => inputs.has(tensor))) return true;
    const node = tensor.gradFn;
    if (node !== null && !node.isReleased) stack.push(...node.inputs);
  }
  return false;
}
