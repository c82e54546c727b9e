import type { Shape } from '@dlkit/core';

/** Row-major element strides of `shape`. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

/**
 * `shape`'s strides against `outShape` (right-aligned, NumPy broadcasting): 0 along dims it lacks
 * or has as 1, so the same output index walks both.
 */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, d) => (d < offset || shape[d - offset] === 1 ? 0 : own[d - offset]!));
}

/**
 * WGSL that turns output index `i` into each input's element offset `off0`, `off1`, … using the
 * parameter array: `p[1]` = rank, then the output shape, then each input's broadcast strides.
 */
export function broadcastOffsets(inputs: number): string {
  const decls = Array.from({ length: inputs }, (_, k) => `var off${k} = 0u;`).join(' ');
  const steps = Array.from({ length: inputs }, (_, k) => `off${k} += c * p[2u + (${k + 1}u) * rank + d];`).join(' ');
  return `let rank = p[1];
    ${decls}
    var rest = i;
    for (var dd = 0u; dd < rank; dd++) {
      let d = rank - 1u - dd;
      let size = p[2u + d];
      let c = rest % size;
      rest = rest / size;
      ${steps}
    }`;
}

/** The parameter array of a broadcast kernel: `n`, rank, output shape, then each input's strides. */
export function broadcastParams(n: number, outShape: Shape, inputs: readonly Shape[], extra: readonly number[] = []): Uint32Array {
  return Uint32Array.from([n, outShape.length, ...outShape, ...inputs.flatMap((s) => broadcastStrides(s, outShape)), ...extra]);
}
