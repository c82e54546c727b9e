import { argMax, isFloat, Tensor, ValueError } from '@dlkit/core';
import { readLengths } from '../rnn/arguments.js';

/** Options of {@link ctcGreedyDecode}. */
export interface CtcGreedyOptions {
  /** The blank class (default 0). */
  blank?: number;
  /** Each example's number of real steps (default: all `time` steps). */
  inputLengths?: readonly number[] | Tensor;
}

/**
 * Best-path CTC decoding: the most likely class at each step, repeats collapsed, blanks dropped
 * (`a a b b _ b` → `a b b`).
 *
 * Shapes: `logProbs [batch, time, classes]` (log-probabilities, probabilities or logits: only the
 * argmax matters) → one label array per example.
 * @example ctcGreedyDecode(logSoftmax(logits, -1), { inputLengths: [50, 42] }) // [[3, 1, 20], [8, 9]]
 */
export function ctcGreedyDecode(logProbs: Tensor, options: CtcGreedyOptions = {}): number[][] {
  if (!(logProbs instanceof Tensor) || logProbs.rank !== 3 || !isFloat(logProbs.dtype)) {
    const got = logProbs instanceof Tensor ? `${logProbs.dtype} [${logProbs.shape.join(', ')}]` : typeof logProbs;
    throw new ValueError(`ctcGreedyDecode: logProbs must be a float tensor [batch, time, classes], got ${got}`);
  }
  const [batch, time, classes] = logProbs.shape as [number, number, number];
  const blank = options.blank ?? 0;
  if (!Number.isInteger(blank) || blank < 0 || blank >= classes) throw new ValueError(`ctcGreedyDecode: blank must be a class in [0, ${classes}), got ${blank}`);
  const lengths = options.inputLengths === undefined ? new Array<number>(batch).fill(time) : readLengths(options.inputLengths, batch, time, 'inputLengths', 'ctcGreedyDecode');
  const best = argMax(logProbs, 2).dataSync();
  return lengths.map((n, b) => {
    const labels: number[] = [];
    let previous = -1;
    for (let t = 0; t < n; t++) {
      const label = best[b * time + t]!;
      if (label !== previous && label !== blank) labels.push(label);
      previous = label;
    }
    return labels;
  });
}
