import type { TypedArray } from '../../dtype.js';

/**
 * Cache-blocked, register-tiled matrix multiply in the GotoBLAS layout:
 * B is packed into KC×NC panels of 4-column strips, A into MC×KC panels of 4-row strips, and a
 * 4×4 micro-kernel keeps its 16 accumulators in registers while it walks KC. Packing in float64
 * makes the micro-kernel monomorphic and accumulates float32 inputs in double precision.
 */
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 128;
const NC = 1024;

// Reused across calls: JS runs one gemm at a time and gemm never re-enters itself.
const packedA = new Float64Array(MC * KC);
const packedB = new Float64Array(KC * NC);
const edgeTile = new Float64Array(MR * NR);

/** A strided matrix operand: element (i, j) is `data[offset + i·rowStride + j·colStride]`. */
export interface MatrixView {
  readonly data: TypedArray;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** Packs B[pc:pc+kc, jc:jc+nc] as 4-column strips, k-major inside a strip, zero-padded at the edge. */
function packB(b: MatrixView, pc: number, kc: number, jc: number, nc: number): void {
  const { data, offset, rowStride, colStride } = b;
  let dst = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    for (let p = 0; p < kc; p++) {
      const src = offset + (pc + p) * rowStride + (jc + jr) * colStride;
      for (let j = 0; j < NR; j++) packedB[dst++] = j < cols ? data[src + j * colStride]! : 0;
    }
  }
}

/** Packs A[ic:ic+mc, pc:pc+kc] as 4-row strips, k-major inside a strip, zero-padded at the edge. */
function packA(a: MatrixView, ic: number, mc: number, pc: number, kc: number): void {
  const { data, offset, rowStride, colStride } = a;
  let dst = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    for (let p = 0; p < kc; p++) {
      const src = offset + (ic + ir) * rowStride + (pc + p) * colStride;
      for (let i = 0; i < MR; i++) packedA[dst++] = i < rows ? data[src + i * rowStride]! : 0;
    }
  }
}

/** C[ci..] = C[ci..]! + (4×kc strip of A) · (kc×4 strip of B), only the `rows × cols` valid part written. */
function microKernel(kc: number, ai: number, bi: number, c: TypedArray, ci: number, ldc: number, rows: number, cols: number): void {
  const A = packedA;
  const B = packedB;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
    const a0 = A[ai]!, a1 = A[ai + 1]!, a2 = A[ai + 2]!, a3 = A[ai + 3]!;
    const b0 = B[bi]!, b1 = B[bi + 1]!, b2 = B[bi + 2]!, b3 = B[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === MR && cols === NR) {
    let r = ci;
    c[r] = c[r]! + c00; c[r + 1] = c[r + 1]! + c01; c[r + 2] = c[r + 2]! + c02; c[r + 3] = c[r + 3]! + c03; r += ldc;
    c[r] = c[r]! + c10; c[r + 1] = c[r + 1]! + c11; c[r + 2] = c[r + 2]! + c12; c[r + 3] = c[r + 3]! + c13; r += ldc;
    c[r] = c[r]! + c20; c[r + 1] = c[r + 1]! + c21; c[r + 2] = c[r + 2]! + c22; c[r + 3] = c[r + 3]! + c23; r += ldc;
    c[r] = c[r]! + c30; c[r + 1] = c[r + 1]! + c31; c[r + 2] = c[r + 2]! + c32; c[r + 3] = c[r + 3]! + c33;
    return;
  }
  const t = edgeTile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) c[ci + i * ldc + j] = c[ci + i * ldc + j]! + t[i * NR + j]!;
}

/**
 * `C = A·B` (or `C += A·B` with `accumulate`) for an `m×k` A and `k×n` B given as strided views,
 * into the row-major block of `c` at `cOffset` with row stride `ldc`.
 */
export function gemm(
  m: number, n: number, k: number,
  a: MatrixView, b: MatrixView,
  c: TypedArray, cOffset: number, ldc: number,
  accumulate: boolean,
): void {
  if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(b, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, ic, mc, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const ci = cOffset + (ic + ir) * ldc + jc + jr;
            microKernel(kc, ir * kc, jr * kc, c, ci, ldc, Math.min(MR, mc - ir), cols);
          }
        }
      }
    }
  }
}
