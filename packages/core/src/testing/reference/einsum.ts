/**
 * Reference einsum: for every output coordinate, the sum over every assignment of the summed
 * letters of the product of the operands' entries. No parsing shortcuts beyond NumPy's implicit
 * output rule.
 */
import { coordsOf, shapeSize, stridesOf, type NdArray } from './array.js';

/** `einsum(equation, ...operands)` by brute force over all index values. */
export function einsum(equation: string, ...operands: NdArray[]): NdArray {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->') as [string, string | undefined];
  const inputs = lhs.split(',');
  const letters = [...new Set(lhs.replace(/,/g, ''))];
  const output = rhs ?? letters.filter((ch) => lhs.split(ch).length === 2).sort().join('');
  const size = new Map<string, number>();
  inputs.forEach((term, k) => [...term].forEach((ch, d) => size.set(ch, operands[k]!.shape[d]!)));
  const outShape = [...output].map((ch) => size.get(ch)!);
  const summed = letters.filter((ch) => !output.includes(ch));
  const sumShape = summed.map((ch) => size.get(ch)!);
  const strides = operands.map((x) => stridesOf(x.shape));
  const data = new Float64Array(shapeSize(outShape));
  const value = new Map<string, number>();
  for (let o = 0; o < data.length; o++) {
    coordsOf(o, outShape).forEach((v, d) => value.set(output[d]!, v));
    let total = 0;
    for (let s = 0; s < shapeSize(sumShape); s++) {
      coordsOf(s, sumShape).forEach((v, d) => value.set(summed[d]!, v));
      let product = 1;
      inputs.forEach((term, k) => {
        let flat = 0;
        [...term].forEach((ch, d) => (flat += value.get(ch)! * strides[k]![d]!));
        product *= operands[k]!.data[flat]!;
      });
      total += product;
    }
    data[o] = total;
  }
  return { shape: outShape, data, dtype: operands[0]!.dtype };
}
