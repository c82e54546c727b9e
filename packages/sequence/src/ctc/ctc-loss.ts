import {
  add, concat, div, full, greater, logSumExp, mean, neg, reshape, slice, split, stack, sum, takeAlongAxis, tensor, transpose, ValueError, where,
  isFloat, Tensor,
} from '@dlkit/core';
import { readLengths } from '../rnn/arguments.js';
import { readTargets } from './targets.js';

/** Options of {@link ctcLoss}. */
export interface CtcLossOptions {
  /** The blank class (default 0). */
  blank?: number;
  /**
   * `'mean'` (default, PyTorch's rule): each loss divided by its target length (at least 1), then
   * averaged over the batch; `'sum'`: summed; `'none'`: one loss per example, `[batch]`.
   */
  reduction?: 'none' | 'sum' | 'mean';
  /** Give impossible alignments (infinite losses) a loss of 0 and no gradient (default false: `Infinity`). */
  zeroInfinity?: boolean;
}

/** Stands for log 0 inside the recursion: finite, so every derivative stays finite; losses beyond half of it are impossible. */
const LOG_ZERO = -1e30;

/**
 * Connectionist temporal classification loss (Graves et al. 2006), `−log Σ_π Π_t y^t_{π_t}` over
 * every alignment `π` that collapses to the target (repeats merged, blanks dropped), computed by
 * the forward (alpha) recursion in log space over the blank-extended target `b l₁ b l₂ … b`, so long
 * inputs stay stable. The recursion is made of core ops, so autograd gives the exact gradient with
 * respect to `logProbs` and anything before it (the logits before a log-softmax included).
 * Matches `torch.nn.functional.ctc_loss` (batch first here).
 *
 * Shapes: `logProbs [batch, time, classes]` (log-softmax outputs), `targets` int32
 * `[batch, maxTargetLength]` padded or 1-D concatenated, `inputLengths` and `targetLengths` one per
 * example (numbers or 1-D int32 tensors). Returns a scalar, or `[batch]` for `reduction: 'none'`.
 * @example
 * ```ts
 * const logProbs = logSoftmax(logits, -1);                     // [2, 50, 28]
 * const loss = ctcLoss(logProbs, tensor([[3, 1, 20], [8, 9, 0]], { dtype: 'int32' }), [50, 42], [3, 2]);
 * loss.backward();
 * ```
 */
export function ctcLoss(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: readonly number[] | Tensor,
  targetLengths: readonly number[] | Tensor,
  options: CtcLossOptions = {},
): Tensor {
  const fn = 'ctcLoss';
  if (!(logProbs instanceof Tensor) || logProbs.rank !== 3 || !isFloat(logProbs.dtype)) {
    const got = logProbs instanceof Tensor ? `${logProbs.dtype} [${logProbs.shape.join(', ')}]` : typeof logProbs;
    throw new ValueError(`${fn}: logProbs must be a float tensor [batch, time, classes], got ${got}`);
  }
  const [batch, time, classes] = logProbs.shape as [number, number, number];
  const blank = options.blank ?? 0;
  if (!Number.isInteger(blank) || blank < 0 || blank >= classes) throw new ValueError(`${fn}: blank must be a class in [0, ${classes}), got ${blank}`);
  const reduction = options.reduction ?? 'mean';
  if (!['none', 'sum', 'mean'].includes(reduction)) throw new ValueError(`${fn}: reduction must be 'none', 'sum' or 'mean', got ${String(reduction)}`);
  const inLengths = readLengths(inputLengths, batch, time, 'inputLengths', fn);
  if (!(targets instanceof Tensor)) throw new ValueError(`${fn}: targets must be an int32 Tensor, got ${typeof targets}`);
  // A padded row holds at most its width; concatenated targets at most all of them.
  const longest = targets.rank === 2 ? targets.shape[1]! : targets.size;
  const outLengths = readLengths(targetLengths, batch, longest, 'targetLengths', fn);
  const labels = readTargets(targets, outLengths, classes, blank, fn);
  const dtype = logProbs.dtype;

  // The blank-extended targets, padded with blanks to one width S = 2·maxLength + 1.
  const width = 2 * Math.max(0, ...outLengths) + 1;
  const extended = labels.map((row) => Array.from({ length: width }, (_, s) => (s % 2 === 1 && (s - 1) / 2 < row.length ? row[(s - 1) / 2]! : blank)));
  // A label may be reached from two positions back (skipping a blank) unless it repeats the label before.
  const skip = extended.map((ext) => ext.map((label, s) => (s % 2 === 1 && s >= 2 && label !== ext[s - 2] ? 0 : LOG_ZERO)));
  const index = new Int32Array(batch * time * width);
  extended.forEach((ext, b) => {
    for (let t = 0; t < time; t++) index.set(ext, (b * time + t) * width);
  });
  const emissions = takeAlongAxis(logProbs, tensor(index, { shape: [batch, time, width] }), 2);
  const steps = split(transpose(emissions, [1, 0, 2]), time, 0).map((e) => reshape(e, [batch, width]));
  const skipPenalty = tensor(skip.flat(), { shape: [batch, width], dtype });
  const pad = (n: number): Tensor => full([batch, n], LOG_ZERO, { dtype });
  const shifted = (alpha: Tensor, n: number): Tensor => (width > n ? concat([pad(n), slice(alpha, [0, 0], [batch, width - n])], 1) : pad(width));

  // alpha before the first step: probability 1 at a virtual position before s = 0.
  let alpha = tensor(Array.from({ length: batch * width }, (_, i) => (i % width === 0 ? 0 : LOG_ZERO)), { shape: [batch, width], dtype });
  const shortest = Math.min(...inLengths);
  for (let t = 0; t < time; t++) {
    const next = add(logSumExp(stack([alpha, shifted(alpha, 1), add(shifted(alpha, 2), skipPenalty)], 0), 0), steps[t]!);
    alpha = t < shortest ? next : where(tensor(inLengths.map((n) => t < n), { shape: [batch, 1], dtype: 'bool' }), next, alpha);
  }
  // The path ends on the last label or the blank after it.
  const ends = tensor(outLengths.flatMap((n) => [2 * n, Math.max(0, 2 * n - 1)]), { shape: [batch, 2], dtype: 'int32' });
  const endPenalty = tensor(outLengths.flatMap((n) => [0, n > 0 ? 0 : LOG_ZERO]), { shape: [batch, 2], dtype });
  const nll = neg(logSumExp(add(takeAlongAxis(alpha, ends, 1), endPenalty), 1));
  const impossible = greater(nll, -LOG_ZERO / 2);
  const losses = where(impossible, options.zeroInfinity ? 0 : Infinity, nll);
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return sum(losses);
  return mean(div(losses, tensor(outLengths.map((n) => Math.max(n, 1)), { dtype })));
}
