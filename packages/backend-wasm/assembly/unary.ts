// Elementwise unary kernels on f32x4 lanes, for the ops whose ts kernel is a slow Math call.
import { madd } from './simd';

// e^x for x in [0, 40] (Cephes expf): x = k·ln2 + r, |r| ≤ ln2/2, a degree-6 polynomial in r,
// times 2^k built in the exponent bits.
// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  const k = f32x4.floor(madd(x, f32x4.splat(1.44269504088896341), f32x4.splat(0.5)));
  let r = madd(k, f32x4.splat(-0.693359375), x);
  r = madd(k, f32x4.splat(2.12194440e-4), r);
  let p = madd(f32x4.splat(1.9875691500e-4), r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(madd(p, f32x4.mul(r, r), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(y, scale);
}

// tanh on four lanes (Cephes tanhf, within 2 ulp): an odd polynomial below |x| = 0.625, else
// 1 − 2 / (e^{2|x|} + 1); NaN stays NaN.
// @ts-ignore: decorator
@inline
function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = madd(f32x4.splat(-5.70498872745e-3), z, f32x4.splat(2.06390887954e-2));
  p = madd(p, z, f32x4.splat(-5.37397155531e-2));
  p = madd(p, z, f32x4.splat(1.33314422036e-1));
  p = madd(p, z, f32x4.splat(-3.33332819422e-1));
  const small = madd(f32x4.mul(p, z), ax, ax);
  const one = f32x4.splat(1);
  const e = exp4(f32x4.min(f32x4.add(ax, ax), f32x4.splat(40)));
  const big = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(e, one)));
  // Both branches computed on |x|, x's sign put back after (so tanh(−0) = −0).
  const y = v128.or(v128.bitselect(small, big, f32x4.lt(ax, f32x4.splat(0.625))), v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(x, y, f32x4.ne(x, x));
}

/** `out[i] = tanh(x[i])` for `n` f32 values (`out` may be `x`). */
export function tanhF32(x: usize, n: i32, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, tanh4(v128.load(x + o)));
  }
  if (i < n) {
    // The last 1–3 values through one vector, staged in a zero-padded scratch of 4.
    const t = memory.data(16, 16);
    v128.store(t, f32x4.splat(0));
    for (let j = i; j < n; j++) store<f32>(t + (<usize>(j - i) << 2), load<f32>(x + (<usize>j << 2)));
    v128.store(t, tanh4(v128.load(t)));
    for (let j = i; j < n; j++) store<f32>(out + (<usize>j << 2), load<f32>(t + (<usize>(j - i) << 2)));
  }
}
