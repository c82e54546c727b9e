import { ShapeError, Tensor, ValueError } from '@dlkit/core';

/**
 * Per-example label sequences read from padded `[batch, maxLength]` or 1-D concatenated int32
 * targets; `lengths` are already checked against the padded width.
 */
export function readTargets(targets: Tensor, lengths: readonly number[], classes: number, blank: number, where: string): number[][] {
  if (!(targets instanceof Tensor) || targets.dtype !== 'int32' || (targets.rank !== 1 && targets.rank !== 2)) {
    const got = targets instanceof Tensor ? `${targets.dtype} [${targets.shape.join(', ')}]` : typeof targets;
    throw new ValueError(`${where}: targets must be int32 [batch, maxTargetLength] or 1-D concatenated, got ${got}`);
  }
  const values = Array.from(targets.dataSync());
  let labels: number[][];
  if (targets.rank === 2) {
    const [rows, width] = targets.shape as [number, number];
    if (rows !== lengths.length) throw new ShapeError(`${where}: targets have ${rows} rows, expected one per example (${lengths.length})`);
    labels = lengths.map((n, b) => values.slice(b * width, b * width + n));
  } else {
    const total = lengths.reduce((s, n) => s + n, 0);
    if (total !== values.length) throw new ShapeError(`${where}: 1-D targets hold ${values.length} labels, but targetLengths add up to ${total}`);
    let start = 0;
    labels = lengths.map((n) => values.slice(start, (start += n)));
  }
  labels.forEach((row, b) =>
    row.forEach((label, i) => {
      if (label < 0 || label >= classes || label === blank) {
        throw new ValueError(`${where}: target ${i} of example ${b} is ${label}; labels must be in [0, ${classes}) and not the blank ${blank}`);
      }
    }),
  );
  return labels;
}

