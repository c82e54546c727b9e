/**
 * One step of an alignment between a reference and a hypothesis sequence.
 *
 * @example
 * ```ts
 * wer('the cat', 'the dog').alignments[0];
 * // [{ type: 'match', reference: 'the', hypothesis: 'the' }, { type: 'substitution', reference: 'dog', hypothesis: 'cat' }]
 * ```
 */
export type AlignmentStep =
  | {
    /** The two units are equal. */
    readonly type: 'match';
    /** The reference unit. */
    readonly reference: string;
    /** The hypothesis unit. */
    readonly hypothesis: string;
  }
  | {
    /** The reference unit is replaced by a different hypothesis unit. */
    readonly type: 'substitution';
    /** The reference unit. */
    readonly reference: string;
    /** The hypothesis unit. */
    readonly hypothesis: string;
  }
  | {
    /** The reference unit has no counterpart in the hypothesis. */
    readonly type: 'deletion';
    /** The reference unit left out. */
    readonly reference: string;
  }
  | {
    /** The hypothesis unit has no counterpart in the reference. */
    readonly type: 'insertion';
    /** The hypothesis unit added. */
    readonly hypothesis: string;
  };

// Back-pointers of the edit-distance table.
const DIAGONAL = 0;
const UP = 1; // a reference unit left unmatched: deletion
const LEFT = 2; // a hypothesis unit left unmatched: insertion

/**
 * A minimum-cost alignment (Levenshtein: each substitution, deletion and insertion costs 1) of
 * `hypothesis` against `reference`. Among equally cheap alignments the backtrace prefers a
 * match or substitution, then a deletion, then an insertion. O(n·m) time and bytes.
 */
export function alignSequences(reference: readonly string[], hypothesis: readonly string[]): AlignmentStep[] {
  const rows = reference.length + 1;
  const columns = hypothesis.length + 1;
  const from = new Uint8Array(rows * columns);
  let previous = Uint32Array.from({ length: columns }, (_, j) => j);
  let current = new Uint32Array(columns);
  from.fill(LEFT, 1, columns);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    from[i * columns] = UP;
    for (let j = 1; j < columns; j++) {
      const diagonal = previous[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (diagonal <= up && diagonal <= left) {
        current[j] = diagonal;
        from[i * columns + j] = DIAGONAL;
      } else if (up <= left) {
        current[j] = up;
        from[i * columns + j] = UP;
      } else {
        current[j] = left;
        from[i * columns + j] = LEFT;
      }
    }
    [previous, current] = [current, previous];
  }

  const steps: AlignmentStep[] = [];
  let i = reference.length;
  let j = hypothesis.length;
  while (i > 0 || j > 0) {
    const direction = from[i * columns + j];
    if (direction === DIAGONAL) {
      const r = reference[--i]!;
      const h = hypothesis[--j]!;
      steps.push({ type: r === h ? 'match' : 'substitution', reference: r, hypothesis: h });
    } else if (direction === UP) {
      steps.push({ type: 'deletion', reference: reference[--i]! });
    } else {
      steps.push({ type: 'insertion', hypothesis: hypothesis[--j]! });
    }
  }
  return steps.reverse();
}
