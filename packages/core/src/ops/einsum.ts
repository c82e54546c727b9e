import type { Backend } from '../backend/backend.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf } from './primitive.js';
import { fromValues } from './creation.js';
import { gather } from './indexing.js';
import { mul } from './binary.js';
import { matmul } from './matmul.js';
import { sum } from './reduce.js';
import { reshape, transpose } from './shape.js';

/** One operand (or the result) with the index letter of each of its dims. */
interface Term {
  readonly t: Tensor;
  readonly letters: string;
}

/** The parsed equation: one index string per operand, the output's, and every letter's size. */
interface Parsed {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly sizes: ReadonlyMap<string, number>;
}

const LETTER = /^[a-zA-Z]$/;

function parse(equation: string, operands: readonly Tensor[]): Parsed {
  const fail = (Err: typeof ValueError | typeof ShapeError, why: string): never => {
    throw new Err(`einsum: ${why}`);
  };
  const eq = equation.replace(/\s+/g, '');
  if (eq.includes('...')) fail(ValueError, `equation '${equation}' uses an ellipsis ('...'), which einsum does not support; name every dim with a letter`);
  const arrows = eq.split('->');
  if (arrows.length > 2) fail(ValueError, `equation '${equation}' has more than one '->'`);
  const [lhs, rhs] = arrows as [string, string | undefined];
  for (const ch of lhs + (rhs ?? '')) {
    if (!LETTER.test(ch) && ch !== ',') fail(ValueError, `equation '${equation}' has invalid character '${ch}'; expected letters a-z, A-Z, ',' and one '->'`);
  }
  if (rhs?.includes(',')) fail(ValueError, `equation '${equation}' has a ',' in its output`);
  const inputs = lhs.split(',');
  if (inputs.length !== operands.length) {
    fail(ValueError, `equation '${equation}' names ${inputs.length} operand(s), got ${operands.length}`);
  }
  const sizes = new Map<string, number>();
  const seenIn = new Map<string, number>();
  inputs.forEach((term, k) => {
    const shape = operands[k]!.shape;
    if (term.length !== shape.length) {
      fail(ShapeError, `operand ${k} has shape ${formatShape(shape)} (rank ${shape.length}) but '${term}' names ${term.length} dim(s)`);
    }
    [...term].forEach((letter, d) => {
      const size = shape[d]!;
      const known = sizes.get(letter);
      if (known !== undefined && known !== size) {
        fail(ShapeError, `index '${letter}' has size ${known} in operand ${seenIn.get(letter)} and ${size} in operand ${k} (shape ${formatShape(shape)})`);
      }
      sizes.set(letter, size);
      if (!seenIn.has(letter)) seenIn.set(letter, k);
    });
  });
  let output: string;
  if (rhs === undefined) {
    // NumPy's implicit output: the letters that occur exactly once, in alphabetical order.
    const counts = new Map<string, number>();
    for (const ch of lhs.replace(/,/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    output = [...counts].filter(([, n]) => n === 1).map(([ch]) => ch).sort().join('');
  } else {
    output = rhs;
    for (const [d, ch] of [...output].entries()) {
      if (!sizes.has(ch)) fail(ValueError, `output index '${ch}' of '${equation}' appears in no input`);
      if (output.indexOf(ch) !== d) fail(ValueError, `output index '${ch}' of '${equation}' appears more than once`);
    }
  }
  return { inputs, output, sizes };
}

/** Permutes `term` so its letters come in `order` (a permutation of them); no-op when already so. */
function arrange(term: Term, order: string): Term {
  if (term.letters === order) return term;
  return { t: transpose(term.t, [...order].map((ch) => term.letters.indexOf(ch))), letters: order };
}

/** Sums away the letters of `term` not in `keep`. */
function sumExcept(term: Term, keep: ReadonlySet<string>): Term {
  const axes = [...term.letters].flatMap((ch, d) => (keep.has(ch) ? [] : [d]));
  if (axes.length === 0) return term;
  return { t: sum(term.t, axes), letters: [...term.letters].filter((ch) => keep.has(ch)).join('') };
}

/**
 * Takes the diagonal of each letter repeated within `term` (`'ii' → 'i'`): the repeated dims move
 * last and merge, and a gather picks the entries whose coordinates are all equal.
 */
function diagonals(term: Term, sizes: ReadonlyMap<string, number>, backend: Backend): Term {
  let current = term;
  for (const ch of new Set(current.letters)) {
    const count = [...current.letters].filter((c) => c === ch).length;
    if (count === 1) continue;
    const dims = [...current.letters].map((c, d) => [c, d] as const);
    const rest = dims.filter(([c]) => c !== ch);
    const perm = [...rest.map(([, d]) => d), ...dims.filter(([c]) => c === ch).map(([, d]) => d)];
    const moved = perm.every((p, d) => p === d) ? current.t : transpose(current.t, perm);
    const n = sizes.get(ch)!;
    const merged = reshape(moved, [...moved.shape.slice(0, rest.length), n ** count]);
    // Flat index of (j, j, …, j) in the merged dim: j · (1 + n + … + n^(count-1)).
    const step = n === 1 ? 0 : (n ** count - 1) / (n - 1);
    const indices = fromValues(Int32Array.from({ length: n }, (_, j) => j * step), [n], {}, backend);
    current = { t: gather(merged, indices, rest.length), letters: rest.map(([c]) => c).join('') + ch };
  }
  return current;
}

/** Contracts two terms, keeping the letters in `keep`: one (batched) matmul, or a broadcast product when nothing is summed. */
function contract(a: Term, b: Term, keep: ReadonlySet<string>): Term {
  const inB = new Set(b.letters);
  const inA = new Set(a.letters);
  const batch = [...a.letters].filter((ch) => inB.has(ch) && keep.has(ch)).join('');
  const summed = [...a.letters].filter((ch) => inB.has(ch) && !keep.has(ch)).join('');
  const aOnly = [...a.letters].filter((ch) => !inB.has(ch)).join('');
  const bOnly = [...b.letters].filter((ch) => !inA.has(ch)).join('');
  const dimsOf = (letters: string, t: Term): number[] => [...letters].map((ch) => t.t.shape[t.letters.indexOf(ch)]!);
  if (summed.length === 0) {
    const left = arrange(a, batch + aOnly);
    const right = arrange(b, batch + bOnly);
    const x = reshape(left.t, [...dimsOf(batch + aOnly, left), ...new Array<number>(bOnly.length).fill(1)]);
    const y = reshape(right.t, [...dimsOf(batch, right), ...new Array<number>(aOnly.length).fill(1), ...dimsOf(bOnly, right)]);
    return { t: mul(x, y), letters: batch + aOnly + bOnly };
  }
  // A as [batch, m, k] (or [batch, k, m] read transposed), B as [batch, k, n] (or [batch, n, k]).
  const transposeA = a.letters === batch + summed + aOnly && aOnly.length > 0;
  const transposeB = b.letters === batch + bOnly + summed && bOnly.length > 0;
  const left = arrange(a, transposeA ? batch + summed + aOnly : batch + aOnly + summed);
  const right = arrange(b, transposeB ? batch + bOnly + summed : batch + summed + bOnly);
  const batchDims = dimsOf(batch, left);
  const m = sizeOf(dimsOf(aOnly, left));
  const k = sizeOf(dimsOf(summed, left));
  const n = sizeOf(dimsOf(bOnly, right));
  const lead = batch.length > 0 ? [sizeOf(batchDims)] : [];
  const x = reshape(left.t, [...lead, ...(transposeA ? [k, m] : [m, k])]);
  const y = reshape(right.t, [...lead, ...(transposeB ? [n, k] : [k, n])]);
  const product = matmul(x, y, { transposeA, transposeB });
  return { t: reshape(product, [...batchDims, ...dimsOf(aOnly, left), ...dimsOf(bOnly, right)]), letters: batch + aOnly + bOnly };
}

/**
 * Einstein summation: multiplies the operands along equal index letters and sums the letters the
 * output leaves out, e.g. `'bij,bjk->bik'` (batched matmul), `'bhqd,bhkd->bhqk'` (attention
 * scores), `'nhwc,nhwd->ncd'` (Gram matrices for style transfer), `'ij->ji'`, `'ii->i'`
 * (diagonal), `'i,i->'` (dot), `'i,j->ij'` (outer), `'ij->i'` (row sums). Without `->` the output
 * is the letters that occur once, in alphabetical order (NumPy's and PyTorch's rule).
 *
 * Composed of transpose, reshape, gather, sum, mul and matmul (operands contracted left to right,
 * each pair in one matmul), so it runs on every backend and is differentiable in every operand.
 * Operands share one dtype (not bool); every letter has one size; `'...'` is not supported.
 * @example einsum('bhqd,bhkd->bhqk', q, k) // [b, h, q, d] × [b, h, k, d] → [b, h, q, k]
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  const { inputs, output, sizes } = parse(equation, operands);
  const dtype = operands[0]!.dtype;
  if (dtype === 'bool' || operands.some((t) => t.dtype !== dtype)) {
    throw new DTypeError(`einsum: operands must share one numeric dtype, got ${operands.map((t) => t.dtype).join(', ')}`);
  }
  const backend = backendOf(operands, 'einsum');
  const terms = operands.map((t, k) => diagonals({ t, letters: inputs[k]! }, sizes, backend));
  // Letters needed after operand k: the output's and those of the operands after it.
  const neededAfter = (k: number): Set<string> => new Set([...output, ...terms.slice(k + 1).flatMap((term) => [...term.letters])]);
  const needed = (k: number, others: readonly Term[]): Set<string> =>
    new Set([...neededAfter(k), ...others.flatMap((term) => [...term.letters])]);
  let acc = sumExcept(terms[0]!, needed(0, []));
  for (let k = 1; k < terms.length; k++) {
    const next = sumExcept(terms[k]!, needed(k, [acc]));
    acc = contract(sumExcept(acc, needed(k, [next])), next, neededAfter(k));
  }
  return arrange(sumExcept(acc, new Set(output)), output).t;
}
