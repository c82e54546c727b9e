import type { TypedArray } from '../../dtype.js';

/**
 * Cache-blocked, register-tiled matrix multiply in the GotoBLAS layout.
 *
 * B is packed into KC×NC panels of NR-column strips and A into MC×KC panels of MR-row strips
 * (both k-major inside a strip, zero-padded at the edges), and an MR×NR micro-kernel keeps its
 * accumulators in registers while it walks KC. A B strip (KC·NR doubles, 8 KiB) stays in L1 while
 * the micro-kernel sweeps the A panel (256 KiB, L2).
 *
 * Choices, measured on V8 (Node 20, x64, single thread):
 * - Packing in float64 makes the micro-kernel monomorphic (one typed-array map whatever the
 *   operands' dtype) and accumulates float32 inputs in double precision; packing float32 inputs
 *   into a Float32Array was no faster (every load then needs a conversion) and would lose float64.
 * - 4×4 tiles: 4×4, 3×4, 4×3 and 2×6 run within a few percent of one another; 2×4 (fewer flops
 *   per load) and 4×8 / 8×4 (heavy spilling with 16 xmm registers) are 15–25% slower, and
 *   unrolling k by 2 is slower too (more live values, more spills).
 * - `(i + c) | 0` index arithmetic drops the overflow checks TurboFan otherwise emits on each
 *   index addition.
 * - Vector-like products (m < 4 or n < 4) skip packing: the packed kernel would waste up to 3/4
 *   of each tile, so dot products or row/column updates (whichever walks contiguous memory)
 *   run directly on the strided operands, 1.5–3× faster than packing them.
 *
 * Callers that can produce A's strips directly (im2col fused with packing, see conv.ts) use
 * {@link gemmPackedA} and skip materializing A.
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
let rowBuffer = new Float64Array(1024);

/** A strided matrix operand: element (i, j) is `data[offset + i·rowStride + j·colStride]`. */
export interface MatrixView {
  readonly data: TypedArray;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/**
 * Writes rows `[ic, ic+mc)` × columns `[pc, pc+kc)` of A into `dst` in the packed layout:
 * strip `s` (rows `ic + 4s .. ic + 4s + 3`) starts at `s·4·kc`, and inside it element
 * (row `ic + 4s + r`, column `pc + p`) is at `p·4 + r`. Rows past `mc` in the last strip are 0.
 */
export type PackA = (dst: Float64Array, ic: number, mc: number, pc: number, kc: number) => void;

/** Packs B[pc:pc+kc, jc:jc+nc] as NR-column strips, k-major inside a strip, zero-padded at the edge. */
function packB(b: MatrixView, pc: number, kc: number, jc: number, nc: number): void {
  const { data, offset, rowStride, colStride } = b;
  const dst = packedB;
  let d = 0;
  const fullEnd = nc - (nc % NR);
  for (let jr = 0; jr < fullEnd; jr += NR) {
    let s = offset + pc * rowStride + (jc + jr) * colStride;
    if (colStride === 1) {
      for (let p = 0; p < kc; p++, s += rowStride, d += NR) {
        dst[d] = data[s]!;
        dst[d + 1] = data[s + 1]!;
        dst[d + 2] = data[s + 2]!;
        dst[d + 3] = data[s + 3]!;
      }
    } else {
      const c2 = 2 * colStride;
      const c3 = 3 * colStride;
      for (let p = 0; p < kc; p++, s += rowStride, d += NR) {
        dst[d] = data[s]!;
        dst[d + 1] = data[s + colStride]!;
        dst[d + 2] = data[s + c2]!;
        dst[d + 3] = data[s + c3]!;
      }
    }
  }
  if (fullEnd < nc) {
    const cols = nc - fullEnd;
    let s = offset + pc * rowStride + (jc + fullEnd) * colStride;
    for (let p = 0; p < kc; p++, s += rowStride, d += NR) {
      for (let j = 0; j < NR; j++) dst[d + j] = j < cols ? data[s + j * colStride]! : 0;
    }
  }
}

/** The {@link PackA} of a strided view. */
function packViewA(a: MatrixView, dst: Float64Array, ic: number, mc: number, pc: number, kc: number): void {
  const { data, offset, rowStride, colStride } = a;
  let d = 0;
  const fullEnd = mc - (mc % MR);
  const r2 = 2 * rowStride;
  const r3 = 3 * rowStride;
  for (let ir = 0; ir < fullEnd; ir += MR) {
    let s = offset + (ic + ir) * rowStride + pc * colStride;
    if (rowStride === 1) {
      for (let p = 0; p < kc; p++, s += colStride, d += MR) {
        dst[d] = data[s]!;
        dst[d + 1] = data[s + 1]!;
        dst[d + 2] = data[s + 2]!;
        dst[d + 3] = data[s + 3]!;
      }
    } else {
      for (let p = 0; p < kc; p++, s += colStride, d += MR) {
        dst[d] = data[s]!;
        dst[d + 1] = data[s + rowStride]!;
        dst[d + 2] = data[s + r2]!;
        dst[d + 3] = data[s + r3]!;
      }
    }
  }
  if (fullEnd < mc) {
    const rows = mc - fullEnd;
    let s = offset + (ic + fullEnd) * rowStride + pc * colStride;
    for (let p = 0; p < kc; p++, s += colStride, d += MR) {
      for (let i = 0; i < MR; i++) dst[d + i] = i < rows ? data[s + i * rowStride]! : 0;
    }
  }
}

/** C[ci..] += (4×kc strip of A at `ai`) · (kc×4 strip of B at `bi`); only the `rows × cols` valid part is written. */
function microKernel(kc: number, ai: number, bi: number, c: TypedArray, ci: number, ldc: number, rows: number, cols: number): void {
  const A = packedA;
  const B = packedB;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p = (p + 1) | 0) {
    const a0 = A[ai]!, a1 = A[(ai + 1) | 0]!, a2 = A[(ai + 2) | 0]!, a3 = A[(ai + 3) | 0]!;
    const b0 = B[bi]!, b1 = B[(bi + 1) | 0]!, b2 = B[(bi + 2) | 0]!, b3 = B[(bi + 3) | 0]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ai = (ai + MR) | 0;
    bi = (bi + NR) | 0;
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
  for (let i = 0; i < rows; i++) {
    const r = ci + i * ldc;
    for (let j = 0; j < cols; j++) c[r + j] = c[r + j]! + t[i * NR + j]!;
  }
}

/** C += A·B as one float64 dot product per output element (walks A's rows and B's columns). */
function gemmDot(m: number, n: number, k: number, a: MatrixView, b: MatrixView, c: TypedArray, cOffset: number, ldc: number): void {
  const A = a.data;
  const B = b.data;
  const ars = a.rowStride, acs = a.colStride, brs = b.rowStride, bcs = b.colStride;
  for (let i = 0; i < m; i++) {
    const ai = a.offset + i * ars;
    for (let j = 0; j < n; j++) {
      let s0 = 0, s1 = 0;
      let x = ai;
      let y = b.offset + j * bcs;
      let p = 0;
      for (; p + 1 < k; p += 2, x += 2 * acs, y += 2 * brs) {
        s0 += A[x]! * B[y]!;
        s1 += A[x + acs]! * B[y + brs]!;
      }
      if (p < k) s0 += A[x]! * B[y]!;
      const ci = cOffset + i * ldc + j;
      c[ci] = c[ci]! + s0 + s1;
    }
  }
}

function scratch(size: number): Float64Array {
  if (rowBuffer.length < size) rowBuffer = new Float64Array(size);
  return rowBuffer;
}

/** C += A·B row by row: each row of C accumulates B's rows scaled by A's entries (walks B's rows), in float64. */
function gemmRowAxpy(m: number, n: number, k: number, a: MatrixView, b: MatrixView, c: TypedArray, cOffset: number, ldc: number): void {
  const A = a.data;
  const B = b.data;
  const brs = b.rowStride, bcs = b.colStride;
  const acc = scratch(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, n);
    const ai = a.offset + i * a.rowStride;
    for (let p = 0; p < k; p++) {
      const av = A[ai + p * a.colStride]!;
      if (av === 0) continue;
      const bp = b.offset + p * brs;
      if (bcs === 1) for (let j = 0; j < n; j++) acc[j] = acc[j]! + av * B[bp + j]!;
      else for (let j = 0, y = bp; j < n; j++, y += bcs) acc[j] = acc[j]! + av * B[y]!;
    }
    const ci = cOffset + i * ldc;
    for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + acc[j]!;
  }
}

/** C += A·B column by column: each column of C accumulates A's columns scaled by B's entries (walks A's columns), in float64. */
function gemmColAxpy(m: number, n: number, k: number, a: MatrixView, b: MatrixView, c: TypedArray, cOffset: number, ldc: number): void {
  const A = a.data;
  const B = b.data;
  const ars = a.rowStride, acs = a.colStride;
  const acc = scratch(m);
  for (let j = 0; j < n; j++) {
    acc.fill(0, 0, m);
    const bj = b.offset + j * b.colStride;
    for (let p = 0; p < k; p++) {
      const bv = B[bj + p * b.rowStride]!;
      if (bv === 0) continue;
      const ap = a.offset + p * acs;
      if (ars === 1) for (let i = 0; i < m; i++) acc[i] = acc[i]! + A[ap + i]! * bv;
      else for (let i = 0, x = ap; i < m; i++, x += ars) acc[i] = acc[i]! + A[x]! * bv;
    }
    for (let i = 0, ci = cOffset + j; i < m; i++, ci += ldc) c[ci] = c[ci]! + acc[i]!;
  }
}

function zeroC(m: number, n: number, c: TypedArray, cOffset: number, ldc: number): void {
  if (ldc === n) c.fill(0, cOffset, cOffset + m * n);
  else for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
}

/** The block size that splits `total` into the fewest blocks of at most `max`, as evenly as possible (a multiple of `unit`). */
function evenBlock(total: number, max: number, unit: number): number {
  const blocks = Math.ceil(total / max);
  return Math.min(max, Math.ceil(total / blocks / unit) * unit);
}

/** The blocked loops around the micro-kernel; C must already hold what is accumulated onto. */
function gemmBlocked(m: number, n: number, k: number, packA: PackA, b: MatrixView, c: TypedArray, cOffset: number, ldc: number): void {
  // Even splits: k = 784 runs as 4×196 rather than 3×256 + 16 (a 16-deep block pays the full per-call overhead).
  const kBlock = evenBlock(k, KC, 1);
  const mBlock = evenBlock(m, MC, MR);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kBlock) {
      const kc = Math.min(kBlock, k - pc);
      packB(b, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += mBlock) {
        const mc = Math.min(mBlock, m - ic);
        packA(packedA, ic, mc, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          const bi = jr * kc;
          let ci = cOffset + ic * ldc + jc + jr;
          for (let ir = 0; ir < mc; ir += MR, ci += MR * ldc) {
            microKernel(kc, ir * kc, bi, c, ci, ldc, Math.min(MR, mc - ir), cols);
          }
        }
      }
    }
  }
}

/**
 * `C = A·B` (or `C += A·B` with `accumulate`) for an `m×k` A and `k×n` B given as strided views,
 * into the row-major block of `c` at `cOffset` with row stride `ldc`. Any typed arrays work
 * (float32, float64, int32); products are accumulated in float64.
 */
export function gemm(
  m: number, n: number, k: number,
  a: MatrixView, b: MatrixView,
  c: TypedArray, cOffset: number, ldc: number,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (!accumulate) zeroC(m, n, c, cOffset, ldc);
  if (k <= 0) return;
  // Vector-like products skip packing; each walks whichever operand is contiguous along its inner loop.
  if (n < NR) {
    if (a.rowStride === 1 && a.colStride !== 1) gemmColAxpy(m, n, k, a, b, c, cOffset, ldc);
    else gemmDot(m, n, k, a, b, c, cOffset, ldc);
  } else if (m < MR) {
    if (b.rowStride === 1 && b.colStride !== 1) gemmDot(m, n, k, a, b, c, cOffset, ldc);
    else gemmRowAxpy(m, n, k, a, b, c, cOffset, ldc);
  } else gemmBlocked(m, n, k, (dst, ic, mc, pc, kc) => packViewA(a, dst, ic, mc, pc, kc), b, c, cOffset, ldc);
}

/**
 * {@link gemm} with A supplied by a packing callback instead of a view, so a caller that can
 * write A's packed strips straight from its own layout (convolution patches) skips building A.
 * `packA` is called once per KC×MC block with the block's position.
 */
export function gemmPackedA(
  m: number, n: number, k: number,
  packA: PackA, b: MatrixView,
  c: TypedArray, cOffset: number, ldc: number,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (!accumulate) zeroC(m, n, c, cOffset, ldc);
  if (k <= 0) return;
  gemmBlocked(m, n, k, packA, b, c, cOffset, ldc);
}
