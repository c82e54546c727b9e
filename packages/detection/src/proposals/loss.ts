import { add, binaryCrossEntropyWithLogits, div, huber, mul, reshape, slice, sum, tensor, ShapeError, type Tensor } from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';
import type { ProposalTargets } from './targets.js';

/** `[m, fh, fw, A·5]` head output as objectness logits `[m, N]` and deltas `[m, N, 4]` (`N = fh·fw·A`). */
export function splitProposals(output: Tensor, where: string): { logits: Tensor; deltas: Tensor } {
  if (output.rank !== 4 || output.shape[3]! % 5 !== 0) throw new ShapeError(`${where}: output must have shape [m, fh, fw, A·5], got ${formatShape(output.shape)}`);
  const m = output.shape[0]!;
  const n = (output.shape[1]! * output.shape[2]! * output.shape[3]!) / 5;
  const slots = reshape(output, [m, n, 5]);
  return { logits: reshape(slice(slots, [0, 0, 0], [m, n, 1]), [m, n]), deltas: slice(slots, [0, 0, 1], [m, n, 4]) };
}

/**
 * The region-proposal loss: binary cross-entropy of the objectness over the anchors that are not
 * ignored (averaged over them) plus `boxWeight` × smooth-L1 (Huber, δ = 1) of the box deltas
 * over the positive anchors (averaged over them).
 * @param output - `[m, fh, fw, A·5]` from {@link RegionProposalHead}.
 * @param targets - From {@link proposalTargets} with the same anchors.
 * @example proposalLoss(rpn.forward(features), proposalTargets(anchors, boxes)).backward()
 */
export function proposalLoss(output: Tensor, targets: ProposalTargets, boxWeight = 1): Tensor {
  const { logits, deltas } = splitProposals(output, 'proposalLoss');
  if (targets.labels.shape.join() !== logits.shape.join()) {
    throw new ShapeError(`proposalLoss: targets.labels ${formatShape(targets.labels.shape)} must be [m, N] = ${formatShape(logits.shape)} (N = fh·fw·A anchors)`);
  }
  const labels = Array.from(targets.labels.dataSync());
  const dtype = output.dtype;
  const shape = [...logits.shape];
  const used = tensor(Float32Array.from(labels, (l) => (l >= 0 ? 1 : 0)), { shape, dtype });
  const positive = tensor(Float32Array.from(labels, (l) => (l === 1 ? 1 : 0)), { shape: [...shape, 1], dtype });
  const usedCount = Math.max(1, labels.reduce((s, l) => s + (l >= 0 ? 1 : 0), 0));
  const positiveCount = Math.max(1, labels.reduce((s, l) => s + (l === 1 ? 1 : 0), 0));
  const objectness = div(sum(mul(used, binaryCrossEntropyWithLogits(logits, tensor(Float32Array.from(labels, (l) => (l === 1 ? 1 : 0)), { shape, dtype }), { reduction: 'none' }))), usedCount);
  const box = div(sum(mul(positive, huber(deltas, targets.deltas.cast(dtype), { reduction: 'none', delta: 1 }))), positiveCount);
  return add(objectness, mul(box, boxWeight));
}
