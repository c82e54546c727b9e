/**
 * Reference matrix product with NumPy's `matmul` rules, as a plain dot product per output element.
 */
import { broadcastShapes, build, castArray, promote, valueAt, type NdArray } from './array.js';

/**
 * `a @ b`: a 1-D operand is a row vector on the left / a column vector on the right (its dim is
 * dropped from the result); batch dims broadcast; `transposeA`/`transposeB` swap the last two dims
 * of the (2-D-ified) operands first.
 */
export function matmul(a: NdArray, b: NdArray, options: { transposeA?: boolean; transposeB?: boolean } = {}): NdArray {
  const dtype = promote(a.dtype, b.dtype);
  const x = castArray(a.shape.length === 1 ? { ...a, shape: [1, a.shape[0]!] } : a, dtype);
  const y = castArray(b.shape.length === 1 ? { ...b, shape: [b.shape[0]!, 1] } : b, dtype);
  const tA = options.transposeA ?? false;
  const tB = options.transposeB ?? false;
  const ra = x.shape.length;
  const rb = y.shape.length;
  const [m, k] = tA ? [x.shape[ra - 1]!, x.shape[ra - 2]!] : [x.shape[ra - 2]!, x.shape[ra - 1]!];
  const [k2, n] = tB ? [y.shape[rb - 1]!, y.shape[rb - 2]!] : [y.shape[rb - 2]!, y.shape[rb - 1]!];
  if (k !== k2) throw new Error(`reference matmul: inner dims ${k} and ${k2} differ`);
  const batchShape = broadcastShapes(x.shape.slice(0, -2), y.shape.slice(0, -2));
  // valueAt right-aligns coordinates, so the full output batch coords index either operand's batch.
  const full = build([...batchShape, m, n], dtype, (c) => {
    const batch = c.slice(0, -2);
    const i = c[c.length - 2]!;
    const j = c[c.length - 1]!;
    let s = 0;
    for (let p = 0; p < k; p++) {
      s += valueAt(x, [...batch, ...(tA ? [p, i] : [i, p])]) * valueAt(y, [...batch, ...(tB ? [j, p] : [p, j])]);
    }
    return s;
  });
  const last = full.shape.length - 1;
  const shape = full.shape.filter((_, d) => !((a.shape.length === 1 && d === last - 1) || (b.shape.length === 1 && d === last)));
  return { ...full, shape };
}
