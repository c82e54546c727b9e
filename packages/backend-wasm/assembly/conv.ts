// im2col / col2im for NHWC convolution: the patch matrix has one row per output pixel
// ((b·oh + oy)·ow + ox) and one column per filter tap ((ky·kw + kx)·cin + ci), so a filter
// [kh, kw, cin, cout] viewed as [kh·kw·cin, cout] multiplies it straight into the NHWC output.
import { addInto } from './simd';

// Copies (or zeroes, when `src` is 0) `n` f32 values. Short runs (few input channels, as in a
// network's first layer) are inline loads and stores: a bulk-memory call per run costs more.
// @ts-ignore: decorator
@inline
function copyRun(dst: usize, src: usize, n: i32): void {
  if (n >= 16) {
    if (src == 0) memory.fill(dst, 0, <usize>n << 2);
    else memory.copy(dst, src, <usize>n << 2);
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, src == 0 ? <f32>0 : load<f32>(src + o));
  }
}

/** Writes the patch matrix of NHWC `x` [nb, h, w, cin] to `out` [nb·oh·ow, kh·kw·cin] (zeros where padded). */
export function im2col(
  x: usize, nb: i32, h: i32, w: i32, cin: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32, oh: i32, ow: i32, out: usize,
): void {
  const run = <usize>cin << 2;
  let dst = out;
  // Address 0 is never a tensor (the arena starts above the module's static data): it means "zeros".
  for (let b = 0; b < nb; b++) {
    const xb = x + (<usize>(b * h * w * cin) << 2);
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - pt + ky * dh;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pl + kx * dw;
            copyRun(dst, iy < 0 || iy >= h || ix < 0 || ix >= w ? 0 : xb + (<usize>((iy * w + ix) * cin) << 2), cin);
            dst += run;
          }
        }
      }
    }
  }
}

/** Adds each row of the patch matrix `cols` back onto its pixels of `dx` [nb, h, w, cin], which it zeroes first (the adjoint of im2col). */
export function col2im(
  cols: usize, nb: i32, h: i32, w: i32, cin: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32, oh: i32, ow: i32, dx: usize,
): void {
  memory.fill(dx, 0, <usize>(nb * h * w * cin) << 2);
  let src = cols;
  const run = <usize>cin << 2;
  for (let b = 0; b < nb; b++) {
    const xb = dx + (<usize>(b * h * w * cin) << 2);
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - pt + ky * dh;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pl + kx * dw;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) addInto(xb + (<usize>((iy * w + ix) * cin) << 2), src, cin);
            src += run;
          }
        }
      }
    }
  }
}
