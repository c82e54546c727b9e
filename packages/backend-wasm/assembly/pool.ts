// Average pooling over NHWC float32 and its gradient, channels four lanes at a time. A window
// covers only its in-bounds inputs and divides by their count (padding is not counted), as core's
// ts kernels do.

// Adds `n` f32 at `src`, times `s`, into `dst`.
// @ts-ignore: decorator
@inline
function addScaled(dst: usize, src: usize, s: f32, n: i32): void {
  const v = f32x4.splat(s);
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    const o = <usize>c << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(v128.load(src + o), v)));
  }
  for (; c < n; c++) {
    const o = <usize>c << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o) * s);
  }
}

/**
 * Visits every window of a [nb, h, w, c] input pooled to [nb, oh, ow, c]: forward adds the
 * window's input pixels at `inputs`, scaled by 1/count, into its output pixel at `outputs`;
 * backward adds its output pixel into each of the window's input pixels instead.
 */
// @ts-ignore: decorator
@inline
function eachWindow(
  inputs: usize, outputs: usize, nb: i32, h: i32, w: i32, c: i32, oh: i32, ow: i32,
  fh: i32, fw: i32, sh: i32, sw: i32, pt: i32, pl: i32, backward: bool,
): void {
  const pix = <usize>c << 2;
  let px = outputs;
  for (let b = 0; b < nb; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = max(oy * sh - pt, 0), y1 = min(oy * sh - pt + fh, h);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = max(ox * sw - pl, 0), x1 = min(ox * sw - pl + fw, w);
        // f64 quotient rounded once, as the ts kernel's scale.
        const s = <f32>(1.0 / <f64>((y1 - y0) * (x1 - x0)));
        for (let iy = y0; iy < y1; iy++) {
          let win = inputs + <usize>((b * h + iy) * w + x0) * pix;
          for (let ix = x0; ix < x1; ix++) {
            if (backward) addScaled(win, px, s, c);
            else addScaled(px, win, s, c);
            win += pix;
          }
        }
        px += pix;
      }
    }
  }
}

/** out [nb, oh, ow, c] = the mean of each fh × fw window (stride sh, sw; pads pt, pl) of x [nb, h, w, c]. */
export function avgPool2dF32(
  x: usize, nb: i32, h: i32, w: i32, c: i32, oh: i32, ow: i32,
  fh: i32, fw: i32, sh: i32, sw: i32, pt: i32, pl: i32, out: usize,
): void {
  memory.fill(out, 0, <usize>(nb * oh * ow) * (<usize>c << 2));
  eachWindow(x, out, nb, h, w, c, oh, ow, fh, fw, sh, sw, pt, pl, false);
}

/** dx [nb, h, w, c] (zeroed first) = each window's dy [nb, oh, ow, c] spread evenly over its in-bounds inputs. */
export function avgPool2dBackpropF32(
  dy: usize, nb: i32, h: i32, w: i32, c: i32, oh: i32, ow: i32,
  fh: i32, fw: i32, sh: i32, sw: i32, pt: i32, pl: i32, dx: usize,
): void {
  memory.fill(dx, 0, <usize>(nb * h * w) * (<usize>c << 2));
  eachWindow(dx, dy, nb, h, w, c, oh, ow, fh, fw, sh, sw, pt, pl, true);
}
