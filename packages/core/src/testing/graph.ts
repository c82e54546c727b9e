import type { Tensor } from '@dlkit/core';

/**
 * The primitive kernels autograd recorded on the way to `t` (each node once), for checks on how an
 * op is composed, e.g. that an einsum or a batch norm ran without a `transpose`.
 * @example recordedKernels(ops.einsum('ij,jk->ik', a, b)) // ['reshape', 'matmul', ...]
 */
export function recordedKernels(t: Tensor): string[] {
  const seen = new Set<Tensor>();
  const kernels: string[] = [];
  const stack = [t];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node) || node.gradFn === null) continue;
    seen.add(node);
    kernels.push(node.gradFn.kernel);
    stack.push(...node.gradFn.inputs);
  }
  return kernels;
}
