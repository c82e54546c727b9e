// The GEMM's A packing read straight from an NHWC image: the patch matrix (rows = output pixels,
// columns = taps (ky·kw + kx)·cin + ci, as in conv.ts) is never written out, so a forward
// convolution moves no more memory than its input, filter and output.

// Geometry words at `geom` (i32): x, h, w, cin, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow.

// Where output pixel `i`'s window starts: image base address, and the top-left input row/column.
// @ts-ignore: decorator
@inline
function rowBase(geom: usize, i: i32): usize {
  const h = load<i32>(geom, 4), w = load<i32>(geom, 8), cin = load<i32>(geom, 12);
  const oh = load<i32>(geom, 48), ow = load<i32>(geom, 52);
  const t = i / ow;
  return <usize>load<i32>(geom) + (<usize>((t / oh) * h * w * cin) << 2);
}

// Address of channel 0 of tap (ky, kx) for output pixel (oy, ox) of the image at `img`, or 0 in padding.
// @ts-ignore: decorator
@inline
function tapAddress(geom: usize, img: usize, oy: i32, ox: i32, ky: i32, kx: i32): usize {
  const h = load<i32>(geom, 4), w = load<i32>(geom, 8), cin = load<i32>(geom, 12);
  const iy = oy * load<i32>(geom, 24) - load<i32>(geom, 40) + ky * load<i32>(geom, 32);
  const ix = ox * load<i32>(geom, 28) - load<i32>(geom, 44) + kx * load<i32>(geom, 36);
  if (iy < 0 || iy >= h || ix < 0 || ix >= w) return 0;
  return img + (<usize>((iy * w + ix) * cin) << 2);
}

/**
 * Packs rows [i0, i0 + mc) (rows past `m1` are zero) and depths [p0, p0 + kc) of the patch matrix
 * into 4-row panels (the layout of matmul.ts's packA): per tap, runs of channels from the four
 * rows' pixels, 4×4 register transposes for whole groups of four channels.
 */
export function packAConv(ap: usize, geom: usize, i0: i32, mc: i32, m1: i32, p0: i32, kc: i32): void {
  const cin = load<i32>(geom, 12), kw = load<i32>(geom, 20);
  const oh = load<i32>(geom, 48), ow = load<i32>(geom, 52);
  const pend = p0 + kc;
  const zero = f32x4.splat(0);
  for (let ip = 0; ip < mc; ip += 4) {
    const panel = ap + (<usize>(ip * kc) << 2);
    const i = i0 + ip;
    const v0 = i < m1, v1 = i + 1 < m1, v2 = i + 2 < m1, v3 = i + 3 < m1;
    const img0 = v0 ? rowBase(geom, i) : 0, img1 = v1 ? rowBase(geom, i + 1) : 0;
    const img2 = v2 ? rowBase(geom, i + 2) : 0, img3 = v3 ? rowBase(geom, i + 3) : 0;
    const oy0 = (i / ow) % oh, ox0 = i % ow, oy1 = ((i + 1) / ow) % oh, ox1 = (i + 1) % ow;
    const oy2 = ((i + 2) / ow) % oh, ox2 = (i + 2) % ow, oy3 = ((i + 3) / ow) % oh, ox3 = (i + 3) % ow;
    let p = p0;
    while (p < pend) {
      const tap = p / cin, ci = p - tap * cin;
      const ky = tap / kw, kx = tap - ky * kw;
      const run = min(cin - ci, pend - p);
      const off = <usize>ci << 2;
      let s0 = v0 ? tapAddress(geom, img0, oy0, ox0, ky, kx) : 0;
      let s1 = v1 ? tapAddress(geom, img1, oy1, ox1, ky, kx) : 0;
      let s2 = v2 ? tapAddress(geom, img2, oy2, ox2, ky, kx) : 0;
      let s3 = v3 ? tapAddress(geom, img3, oy3, ox3, ky, kx) : 0;
      if (s0) s0 += off;
      if (s1) s1 += off;
      if (s2) s2 += off;
      if (s3) s3 += off;
      const d = panel + (<usize>(p - p0) << 4);
      let q = 0;
      for (; q + 4 <= run; q += 4) {
        const o = <usize>q << 2;
        const r0 = s0 ? v128.load(s0 + o) : zero, r1 = s1 ? v128.load(s1 + o) : zero;
        const r2 = s2 ? v128.load(s2 + o) : zero, r3 = s3 ? v128.load(s3 + o) : zero;
        const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
        const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5), t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
        const dq = d + (o << 2);
        v128.store(dq, i64x2.shuffle(t0, t2, 0, 2));
        v128.store(dq, i64x2.shuffle(t0, t2, 1, 3), 16);
        v128.store(dq, i64x2.shuffle(t1, t3, 0, 2), 32);
        v128.store(dq, i64x2.shuffle(t1, t3, 1, 3), 48);
      }
      for (; q < run; q++) {
        const o = <usize>q << 2;
        const dq = d + (o << 2);
        store<f32>(dq, s0 ? load<f32>(s0 + o) : 0);
        store<f32>(dq, s1 ? load<f32>(s1 + o) : 0, 4);
        store<f32>(dq, s2 ? load<f32>(s2 + o) : 0, 8);
        store<f32>(dq, s3 ? load<f32>(s3 + o) : 0, 12);
      }
      p += run;
    }
  }
}
