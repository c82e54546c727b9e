// Single-precision GEMM, C[m, n] = A[m, k] · B[k, n], for row-major C and any strides of A and B
// (so transposed operands need no copy: packing reads them through their strides).
//
// BLIS-style loops: column blocks of NC, depth blocks of KC (B block packed into 8-wide panels,
// L2-resident), row blocks of MC (A block packed into 4-tall panels), then a 4×8 register-tiled
// micro-kernel whose 8 accumulators stay in SIMD registers across the depth loop.
import { packAConv } from './conv-pack';
import { madd } from './simd';

const MR = 4;
const NR = 8;
const KC = 256;
const MC = 128;
const NC = 1024;

/** Bytes of packing scratch one task needs (A block, B block, one edge tile). */
export const GEMM_SCRATCH: i32 = (MC * KC + KC * NC + MR * NR) * 4;

export function gemmScratchBytes(): i32 {
  return GEMM_SCRATCH;
}

// A(i, p) of rows [i0, i0 + mc) and depths [p0, p0 + kc) into 4-row panels: ap[(ip·kc + p)·4 + r].
// Rows past `m1` are zero so edge panels compute harmlessly.
function packA(ap: usize, a: usize, rs: i32, cs: i32, i0: i32, mc: i32, m1: i32, p0: i32, kc: i32): void {
  for (let ip = 0; ip < mc; ip += MR) {
    if (cs == 1 && i0 + ip + MR <= m1) {
      packLines4(ap + (<usize>(ip * kc) << 2), a + (<usize>((i0 + ip) * rs + p0) << 2), <usize>rs << 2, kc, MR);
      continue;
    }
    for (let r = 0; r < MR; r++) {
      const i = i0 + ip + r;
      let dst = ap + (<usize>(ip * kc + r) << 2);
      if (i >= m1) {
        for (let p = 0; p < kc; p++) { store<f32>(dst, 0); dst += MR << 2; }
        continue;
      }
      let src = a + (<usize>(i * rs + p0 * cs) << 2);
      const step = <usize>cs << 2;
      for (let p = 0; p < kc; p++) { store<f32>(dst, load<f32>(src)); dst += MR << 2; src += step; }
    }
  }
}

// Four contiguous lines (stride `lineBytes`), depths [0, kc), interleaved into a panel whose depth
// steps are `width` floats apart (4: a whole A panel; 8: half an 8-wide B panel): 4×4 blocks
// loaded as lines and transposed in registers, so the copy is vector loads and stores.
// @ts-ignore: decorator
@inline
function packLines4(dst: usize, src: usize, lineBytes: usize, kc: i32, width: i32): void {
  const s1 = src + lineBytes, s2 = s1 + lineBytes, s3 = s2 + lineBytes;
  const step = <usize>width << 2;
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const o = <usize>p << 2;
    const r0 = v128.load(src + o), r1 = v128.load(s1 + o), r2 = v128.load(s2 + o), r3 = v128.load(s3 + o);
    const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5), t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    const d = dst + <usize>p * step;
    v128.store(d, i64x2.shuffle(t0, t2, 0, 2));
    v128.store(d + step, i64x2.shuffle(t0, t2, 1, 3));
    v128.store(d + 2 * step, i64x2.shuffle(t1, t3, 0, 2));
    v128.store(d + 3 * step, i64x2.shuffle(t1, t3, 1, 3));
  }
  for (; p < kc; p++) {
    const o = <usize>p << 2;
    const d = dst + <usize>p * step;
    store<f32>(d, load<f32>(src + o));
    store<f32>(d, load<f32>(s1 + o), 4);
    store<f32>(d, load<f32>(s2 + o), 8);
    store<f32>(d, load<f32>(s3 + o), 12);
  }
}

// B(p, j) of depths [p0, p0 + kc) and columns [j0, j0 + nc) into 8-column panels:
// bp[(jp·kc + p)·8 + c]; columns past `n1` are zero.
function packB(bp: usize, b: usize, rs: i32, cs: i32, p0: i32, kc: i32, j0: i32, nc: i32, n1: i32): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const j = j0 + jp;
    let dst = bp + (<usize>(jp * kc) << 2);
    if (cs == 1 && j + NR <= n1) {
      let src = b + (<usize>(p0 * rs + j) << 2);
      const step = <usize>rs << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        dst += NR << 2; src += step;
      }
      continue;
    }
    if (rs == 1 && j + NR <= n1) {
      // Transposed B: each column j is a contiguous row of Bᵀ; two 4×4 register transposes per 4 depths.
      const src = b + (<usize>(j * cs + p0) << 2);
      const colBytes = <usize>cs << 2;
      packLines4(dst, src, colBytes, kc, NR);
      packLines4(dst + 16, src + (colBytes << 2), colBytes, kc, NR);
      continue;
    }
    const w = min(NR, n1 - j);
    for (let p = 0; p < kc; p++) {
      const row = b + (<usize>((p0 + p) * rs + j * cs) << 2);
      for (let c = 0; c < NR; c++) store<f32>(dst + (<usize>c << 2), c < w ? load<f32>(row + (<usize>(c * cs) << 2)) : 0);
      dst += NR << 2;
    }
  }
}

// One 4×8 tile of C (row stride ldc floats) from packed panels over depth kc; adds to C when
// `accumulate`, else overwrites. Partial tiles (rows < 4 or cols < 8) go through `tmp`.
function micro(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, accumulate: bool, rows: i32, cols: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    ap += MR << 2; bp += NR << 2;
  }
  const full = rows == MR && cols == NR;
  const out = full ? c : tmp;
  const ld: usize = full ? <usize>ldc << 2 : NR << 2;
  if (full && accumulate) {
    let r = out;
    v128.store(r, f32x4.add(v128.load(r), c00)); v128.store(r, f32x4.add(v128.load(r, 16), c01), 16); r += ld;
    v128.store(r, f32x4.add(v128.load(r), c10)); v128.store(r, f32x4.add(v128.load(r, 16), c11), 16); r += ld;
    v128.store(r, f32x4.add(v128.load(r), c20)); v128.store(r, f32x4.add(v128.load(r, 16), c21), 16); r += ld;
    v128.store(r, f32x4.add(v128.load(r), c30)); v128.store(r, f32x4.add(v128.load(r, 16), c31), 16);
    return;
  }
  let r = out;
  v128.store(r, c00); v128.store(r, c01, 16); r += ld;
  v128.store(r, c10); v128.store(r, c11, 16); r += ld;
  v128.store(r, c20); v128.store(r, c21, 16); r += ld;
  v128.store(r, c30); v128.store(r, c31, 16);
  if (full) return;
  for (let i = 0; i < rows; i++) {
    const dst = c + (<usize>(i * ldc) << 2);
    const src = tmp + (<usize>(i * NR) << 2);
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      const v = load<f32>(src + o);
      store<f32>(dst + o, accumulate ? load<f32>(dst + o) + v : v);
    }
  }
}

/**
 * C rows [m0, m1) × columns [n0, n1) of one GEMM. A(i, p) is at `a + 4·(i·ars + p·acs)`, B(p, j)
 * at `b + 4·(p·brs + j·bcs)`, C row-major with `n` columns. `scratch` holds GEMM_SCRATCH bytes.
 * With `aConv` non-zero, A is instead the patch matrix of the convolution whose geometry words are
 * at `aConv` (see conv-pack.ts), packed straight from the image.
 */
export function gemmBlock(
  a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize,
  n: i32, k: i32, m0: i32, m1: i32, n0: i32, n1: i32, scratch: usize, aConv: usize,
): void {
  if (m0 >= m1 || n0 >= n1) return;
  const ap = scratch;
  const bp = ap + (<usize>(MC * KC) << 2);
  const tmp = bp + (<usize>(KC * NC) << 2);
  if (k == 0) {
    for (let i = m0; i < m1; i++) memory.fill(c + (<usize>(i * n + n0) << 2), 0, <usize>(n1 - n0) << 2);
    return;
  }
  for (let jc = n0; jc < n1; jc += NC) {
    const nc = min(NC, n1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(bp, b, brs, bcs, pc, kc, jc, nc, n1);
      for (let ic = m0; ic < m1; ic += MC) {
        const mc = min(MC, m1 - ic);
        if (aConv != 0) packAConv(ap, aConv, ic, mc, m1, pc, kc);
        else packA(ap, a, ars, acs, ic, mc, m1, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bpanel = bp + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const cptr = c + (<usize>((ic + ir) * n + jc + jr) << 2);
            micro(kc, ap + (<usize>(ir * kc) << 2), bpanel, cptr, n, pc > 0, rows, cols, tmp);
          }
        }
      }
    }
  }
}

/**
 * Task `task` of `tasks` of a batched GEMM described by the i32 words at `args`:
 * [a, ars, acs, b, brs, bcs, c, m, n, k, batch, aOffs, bOffs, scratch, scratchStride, aConv].
 * `aOffs`/`bOffs` point at `batch` i32 byte offsets of each product's A and B (broadcast batches);
 * product `t` writes C at `c + 4·t·m·n`. Tasks split the batch when there are enough products,
 * else the rows (or columns, when wider) of each product, in whole micro-tiles.
 */
export function gemmTask(args: usize, task: i32, tasks: i32): void {
  const a = load<i32>(args), ars = load<i32>(args, 4), acs = load<i32>(args, 8);
  const b = load<i32>(args, 12), brs = load<i32>(args, 16), bcs = load<i32>(args, 20);
  const c = load<i32>(args, 24), m = load<i32>(args, 28), n = load<i32>(args, 32), k = load<i32>(args, 36);
  const batch = load<i32>(args, 40), aOffs = <usize>load<i32>(args, 44), bOffs = <usize>load<i32>(args, 48);
  const scratch = <usize>load<i32>(args, 52) + <usize>(task * load<i32>(args, 56));
  const aConv = <usize>load<i32>(args, 60);
  const size = <usize>(m * n) << 2;
  if (batch >= tasks) {
    const t0 = <i32>((<i64>batch * task) / tasks), t1 = <i32>((<i64>batch * (task + 1)) / tasks);
    for (let t = t0; t < t1; t++) {
      const ao = <usize>a + <usize>load<i32>(aOffs + (<usize>t << 2));
      const bo = <usize>b + <usize>load<i32>(bOffs + (<usize>t << 2));
      gemmBlock(ao, ars, acs, bo, brs, bcs, <usize>c + <usize>t * size, n, k, 0, m, 0, n, scratch, aConv);
    }
    return;
  }
  const byRows = m >= n;
  const tiles = byRows ? (m + MR - 1) / MR : (n + NR - 1) / NR;
  const unit = byRows ? MR : NR;
  const extent = byRows ? m : n;
  const lo = min(extent, <i32>((<i64>tiles * task) / tasks) * unit);
  const hi = min(extent, <i32>((<i64>tiles * (task + 1)) / tasks) * unit);
  for (let t = 0; t < batch; t++) {
    const ao = <usize>a + <usize>load<i32>(aOffs + (<usize>t << 2));
    const bo = <usize>b + <usize>load<i32>(bOffs + (<usize>t << 2));
    const co = <usize>c + <usize>t * size;
    if (byRows) gemmBlock(ao, ars, acs, bo, brs, bcs, co, n, k, lo, hi, 0, n, scratch, aConv);
    else gemmBlock(ao, ars, acs, bo, brs, bcs, co, n, k, 0, m, lo, hi, scratch, aConv);
  }
}
