import { isFloat, Tensor, ValueError } from '@dlkit/core';
import { readLengths } from '../rnn/arguments.js';

/** Options of {@link ctcPrefixBeamSearch}. */
export interface CtcPrefixBeamOptions {
  /** Label prefixes kept at each step (default 8). */
  beamWidth?: number;
  /** The blank class (default 0). */
  blank?: number;
  /** Each example's number of real steps (default: all `time` steps). */
  inputLengths?: readonly number[] | Tensor;
  /** Labelings returned per example (default 1). */
  numReturn?: number;
}

/** A labeling found by {@link ctcPrefixBeamSearch}. */
export interface CtcHypothesis {
  /** The labels (blanks and repeats already collapsed). */
  readonly labels: number[];
  /** `log P(labels | x)`, summed over the alignments the search kept. */
  readonly logProb: number;
}

const logAdd = (a: number, b: number): number => {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

interface Prefix {
  readonly labels: number[];
  /** log P of the alignments of this prefix ending in a blank / in its last label. */
  blank: number;
  label: number;
}

/**
 * CTC prefix beam search: keeps the `beamWidth` most likely label *prefixes* at each step, each
 * with the probability of all its alignments ending in a blank and in a label (so `a _ a` and
 * `a a` are told apart), which finds labelings whose probability is spread over many alignments
 * that best-path decoding misses. A beam wide enough to keep every prefix is exact.
 *
 * Shapes: `logProbs [batch, time, classes]` (log-softmax outputs) → per example, up to `numReturn`
 * labelings, most likely first.
 * @example ctcPrefixBeamSearch(logSoftmax(logits, -1), { beamWidth: 16 })[0]![0]!.labels
 */
export function ctcPrefixBeamSearch(logProbs: Tensor, options: CtcPrefixBeamOptions = {}): CtcHypothesis[][] {
  const where = 'ctcPrefixBeamSearch';
  if (!(logProbs instanceof Tensor) || logProbs.rank !== 3 || !isFloat(logProbs.dtype)) {
    const got = logProbs instanceof Tensor ? `${logProbs.dtype} [${logProbs.shape.join(', ')}]` : typeof logProbs;
    throw new ValueError(`${where}: logProbs must be a float tensor [batch, time, classes], got ${got}`);
  }
  const [batch, time, classes] = logProbs.shape as [number, number, number];
  const blank = options.blank ?? 0;
  const beamWidth = options.beamWidth ?? 8;
  const numReturn = options.numReturn ?? 1;
  if (!Number.isInteger(blank) || blank < 0 || blank >= classes) throw new ValueError(`${where}: blank must be a class in [0, ${classes}), got ${blank}`);
  for (const [name, value] of [['beamWidth', beamWidth], ['numReturn', numReturn]] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new ValueError(`${where}: ${name} must be a positive integer, got ${String(value)}`);
  }
  const lengths = options.inputLengths === undefined ? new Array<number>(batch).fill(time) : readLengths(options.inputLengths, batch, time, 'inputLengths', where);
  const data = logProbs.dataSync();
  const total = (p: Prefix): number => logAdd(p.blank, p.label);

  return lengths.map((n, b) => {
    let beams: Prefix[] = [{ labels: [], blank: 0, label: -Infinity }];
    for (let t = 0; t < n; t++) {
      const lp = data.subarray((b * time + t) * classes, (b * time + t + 1) * classes);
      const next = new Map<string, Prefix>();
      const entry = (labels: number[]): Prefix => {
        const key = labels.join(',');
        let p = next.get(key);
        if (p === undefined) next.set(key, (p = { labels, blank: -Infinity, label: -Infinity }));
        return p;
      };
      for (const p of beams) {
        const stay = entry(p.labels);
        stay.blank = logAdd(stay.blank, total(p) + lp[blank]!);
        const last = p.labels[p.labels.length - 1];
        for (let c = 0; c < classes; c++) {
          if (c === blank) continue;
          const extended = entry([...p.labels, c]);
          if (c === last) {
            // A repeat extends the prefix only after a blank; otherwise it merges into the last label.
            extended.label = logAdd(extended.label, p.blank + lp[c]!);
            stay.label = logAdd(stay.label, p.label + lp[c]!);
          } else {
            extended.label = logAdd(extended.label, total(p) + lp[c]!);
          }
        }
      }
      beams = [...next.values()].sort((x, y) => total(y) - total(x)).slice(0, beamWidth);
    }
    return beams.slice(0, numReturn).map((p) => ({ labels: p.labels, logProb: total(p) }));
  });
}
