// Direct NHWC convolution for few output channels (cout ≤ 16, as in a network's first layers),
// where im2col + GEMM wastes its 4×8 tile on a tiny N and packs a patch matrix many times the
// image. The filter is padded to `cp` (cout rounded up to 4) channels, taken 8 at a time: each
// output pixel keeps a group's channels in two f32x4 accumulators (one for a last group of 4),
// four pixels of a row at a time so each filter load serves four pixels; the loops run over taps
// and input channels straight from an image already zero-padded, so no bounds checks.
import { addInto, madd } from './simd';

// Argument words at `args` (i32): x (padded image), nb, hp, wp, cin, kh, kw, sh, sw, dh, dw, oh, ow,
// f (filter [kh, kw, cin, cp]), cout, cp, out ([nb, oh, ow, cout]).

// Stores the first `n` (1..4) lanes of `v` at `p`.
// @ts-ignore: decorator
@inline
function storeLanes(p: usize, v: v128, n: i32): void {
  if (n == 4) v128.store(p, v);
  else {
    if (n >= 2) v128.store64_lane(p, v, 0);
    else v128.store32_lane(p, v, 0);
    if (n == 3) v128.store32_lane(p, v, 2, 8);
  }
}

/** Output rows (b, oy) [r0, r1) of the direct convolution whose arguments are at `args`. */
function convDirectRows(args: usize, r0: i32, r1: i32): void {
  const x = <usize>load<i32>(args), hp = load<i32>(args, 8), wp = load<i32>(args, 12);
  const cin = load<i32>(args, 16), kh = load<i32>(args, 20), kw = load<i32>(args, 24);
  const sh = load<i32>(args, 28), sw = load<i32>(args, 32), dh = load<i32>(args, 36), dw = load<i32>(args, 40);
  const oh = load<i32>(args, 44), ow = load<i32>(args, 48), f = <usize>load<i32>(args, 52);
  const cout = load<i32>(args, 56), cp = load<i32>(args, 60), out = <usize>load<i32>(args, 64);
  // Bytes between: horizontally adjacent output pixels' windows, taps along a row, input rows.
  const pixStep = <usize>(sw * cin) << 2, tapStep = <usize>(dw * cin) << 2, rowBytes = <usize>(wp * cin) << 2;
  const fTap = <usize>cp << 2, outStep = <usize>cout << 2;
  const zero = f32x4.splat(0);
  for (let r = r0; r < r1; r++) {
    const b = r / oh, oy = r - b * oh;
    const img = x + <usize>(b * hp + oy * sh) * rowBytes;
    // Groups of 8 output channels (the last may be 4), each a full pass over the taps.
    for (let c0 = 0; c0 < cp; c0 += 8) {
      const two = cp - c0 >= 8;
      const nA = min(cout - c0, 4), nB = min(cout - c0 - 4, 4);
      const fg = f + (<usize>c0 << 2);
      let dst = out + (<usize>(r * ow * cout + c0) << 2);
      let ox = 0;
      for (; ox + 4 <= ow; ox += 4) {
        let a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
        let fp = fg;
        const win = img + <usize>ox * pixStep;
        for (let ky = 0; ky < kh; ky++) {
          let tap = win + <usize>(ky * dh) * rowBytes;
          for (let kx = 0; kx < kw; kx++) {
            for (let ci = 0; ci < cin; ci++) {
              const p = tap + (<usize>ci << 2);
              const x0 = v128.load32_splat(p), x1 = v128.load32_splat(p + pixStep);
              const x2 = v128.load32_splat(p + 2 * pixStep), x3 = v128.load32_splat(p + 3 * pixStep);
              const f0 = v128.load(fp);
              a0 = madd(x0, f0, a0); a1 = madd(x1, f0, a1); a2 = madd(x2, f0, a2); a3 = madd(x3, f0, a3);
              if (two) {
                const f1 = v128.load(fp, 16);
                b0 = madd(x0, f1, b0); b1 = madd(x1, f1, b1); b2 = madd(x2, f1, b2); b3 = madd(x3, f1, b3);
              }
              fp += fTap;
            }
            tap += tapStep;
          }
        }
        storeLanes(dst, a0, nA); if (two) storeLanes(dst + 16, b0, nB); dst += outStep;
        storeLanes(dst, a1, nA); if (two) storeLanes(dst + 16, b1, nB); dst += outStep;
        storeLanes(dst, a2, nA); if (two) storeLanes(dst + 16, b2, nB); dst += outStep;
        storeLanes(dst, a3, nA); if (two) storeLanes(dst + 16, b3, nB); dst += outStep;
      }
      for (; ox < ow; ox++) {
        let a0 = zero, b0 = zero;
        let fp = fg;
        const win = img + <usize>ox * pixStep;
        for (let ky = 0; ky < kh; ky++) {
          let tap = win + <usize>(ky * dh) * rowBytes;
          for (let kx = 0; kx < kw; kx++) {
            for (let ci = 0; ci < cin; ci++) {
              const x0 = v128.load32_splat(tap + (<usize>ci << 2));
              a0 = madd(x0, v128.load(fp), a0);
              if (two) b0 = madd(x0, v128.load(fp, 16), b0);
              fp += fTap;
            }
            tap += tapStep;
          }
        }
        storeLanes(dst, a0, nA); if (two) storeLanes(dst + 16, b0, nB);
        dst += outStep;
      }
    }
  }
}

/** Task `task` of `tasks` of the direct convolution at `args`: a contiguous share of the output rows. */
export function convDirectTask(args: usize, task: i32, tasks: i32): void {
  const rows = load<i32>(args, 4) * load<i32>(args, 44);
  convDirectRows(args, <i32>((<i64>rows * task) / tasks), <i32>((<i64>rows * (task + 1)) / tasks));
}

// Filter gradient argument words at `args` (i32): x (padded image), nb, hp, wp, cin, kh, kw, sh, sw,
// dh, dw, oh, ow, dy ([nb, oh, ow, cout], readable 16 bytes past its end), cout, cp,
// acc (per task two [kh, kw, cin, cp] blocks, `accBytes` apart: a block of rows' sums, then the
// task's total), accBytes.

/**
 * Task `task` of `tasks` of the direct filter gradient at `args`: over its share of the output rows,
 * dF[ky, kx, ci, :] += x[pixel of the tap, ci] · dy[pixel, :] into the task's own partial sums
 * (the caller adds the tasks' sums). A tap's run along one output row keeps four pixels' products
 * in separate accumulators (independent FMA chains) and reads dy as full vectors, 8 channels at a
 * time: the lanes past `cout` pick up the next pixel's channels and land in the padding, which the
 * caller drops.
 */
export function convDirectFilterTask(args: usize, task: i32, tasks: i32): void {
  const x = <usize>load<i32>(args), nb = load<i32>(args, 4), hp = load<i32>(args, 8), wp = load<i32>(args, 12);
  const cin = load<i32>(args, 16), kh = load<i32>(args, 20), kw = load<i32>(args, 24);
  const sh = load<i32>(args, 28), sw = load<i32>(args, 32), dh = load<i32>(args, 36), dw = load<i32>(args, 40);
  const oh = load<i32>(args, 44), ow = load<i32>(args, 48), dy = <usize>load<i32>(args, 52);
  const cout = load<i32>(args, 56), cp = load<i32>(args, 60);
  const acc = <usize>load<i32>(args, 64) + <usize>(task * load<i32>(args, 68));
  const rows = nb * oh;
  const r0 = <i32>((<i64>rows * task) / tasks), r1 = <i32>((<i64>rows * (task + 1)) / tasks);
  const pixStep = <usize>(sw * cin) << 2, rowBytes = <usize>(wp * cin) << 2;
  const dyStep = <usize>cout << 2;
  const zero = f32x4.splat(0);
  const accLen = kh * kw * cin * cp, total = acc + (<usize>accLen << 2);
  memory.fill(acc, 0, <usize>accLen << 3);
  const dyRowBytes = <usize>(ow * cout) << 2, xRowStep = <usize>sh * rowBytes;
  // Blocks of up to RB output rows of one image: each tap's products over the whole block stay in
  // registers. The blocks' sums are gathered ROW_BLOCKS at a time before the total, so float32
  // error grows with that count plus the blocks / ROW_BLOCKS, not with the rows.
  let r = r0, blocks = 0;
  while (r < r1) {
    const b = r / oh, oy = r - b * oh;
    const n = min(min(r1 - r, RB), oh - oy);
    if (blocks > 0 && blocks % ROW_BLOCKS == 0) flushInto(total, acc, accLen);
    blocks++;
    const img = x + <usize>(b * hp + oy * sh) * rowBytes;
    const dyRow = dy + (<usize>(r * ow * cout) << 2);
    let q = acc;
    for (let ky = 0; ky < kh; ky++) {
      const xRow = img + <usize>(ky * dh) * rowBytes;
      for (let kx = 0; kx < kw; kx++) {
        for (let ci = 0; ci < cin; ci++) {
          for (let c0 = 0; c0 < cp; c0 += 8) {
            const two = cp - c0 >= 8;
            let a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
            let srcRow = xRow + (<usize>(kx * dw * cin + ci) << 2);
            let dRow = dyRow + (<usize>c0 << 2);
            for (let i = 0; i < n; i++) {
              let src = srcRow, d = dRow;
              let ox = 0;
              for (; ox + 4 <= ow; ox += 4) {
                const x0 = v128.load32_splat(src), x1 = v128.load32_splat(src + pixStep);
                const x2 = v128.load32_splat(src + 2 * pixStep), x3 = v128.load32_splat(src + 3 * pixStep);
                const d1 = d + dyStep, d2 = d1 + dyStep, d3 = d2 + dyStep;
                a0 = madd(x0, v128.load(d), a0); a1 = madd(x1, v128.load(d1), a1);
                a2 = madd(x2, v128.load(d2), a2); a3 = madd(x3, v128.load(d3), a3);
                if (two) {
                  b0 = madd(x0, v128.load(d, 16), b0); b1 = madd(x1, v128.load(d1, 16), b1);
                  b2 = madd(x2, v128.load(d2, 16), b2); b3 = madd(x3, v128.load(d3, 16), b3);
                }
                src += 4 * pixStep;
                d += 4 * dyStep;
              }
              for (; ox < ow; ox++) {
                const x0 = v128.load32_splat(src);
                a0 = madd(x0, v128.load(d), a0);
                if (two) b0 = madd(x0, v128.load(d, 16), b0);
                src += pixStep;
                d += dyStep;
              }
              srcRow += xRowStep;
              dRow += dyRowBytes;
            }
            const qg = q + (<usize>c0 << 2);
            v128.store(qg, f32x4.add(v128.load(qg), f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3))));
            if (two) v128.store(qg, f32x4.add(v128.load(qg, 16), f32x4.add(f32x4.add(b0, b1), f32x4.add(b2, b3))), 16);
          }
          q += <usize>cp << 2;
        }
      }
    }
    r += n;
  }
  flushInto(total, acc, accLen);
}

const RB = 8;
const ROW_BLOCKS = 4;

// total += block, then block = 0 (`n` f32, a multiple of 4).
function flushInto(total: usize, block: usize, n: i32): void {
  addInto(total, block, n);
  memory.fill(block, 0, <usize>n << 2);
}

// Input gradient argument words at `args` (i32): dy ([nb, oh, ow, cout]), nb, hp, wp, cin, kh, kw,
// sh, sw, dh, dw, oh, ow, f (filter as [kh, kw, cout, cp]: each tap's transpose, cin padded to cp),
// cout, cp, xp (padded scratch [nb, hp, wp, cp]), dx ([nb, h, w, cin]), h, w, pt, pl.

/**
 * Task `task` of `tasks` of the direct input gradient at `args`, over whole images (the windows of
 * one image overlap, of two never): each dy pixel's contribution dy[pixel, :] · Fᵀ[tap] is added onto
 * the window's pixels of the zero-padded scratch, four pixels of a row at a time as in the forward
 * kernel, then the scratch is cropped to dx.
 */
export function convDirectInputTask(args: usize, task: i32, tasks: i32): void {
  const dy = <usize>load<i32>(args), nb = load<i32>(args, 4), hp = load<i32>(args, 8), wp = load<i32>(args, 12);
  const cin = load<i32>(args, 16), kh = load<i32>(args, 20), kw = load<i32>(args, 24);
  const sh = load<i32>(args, 28), sw = load<i32>(args, 32), dh = load<i32>(args, 36), dw = load<i32>(args, 40);
  const oh = load<i32>(args, 44), ow = load<i32>(args, 48), f = <usize>load<i32>(args, 52);
  const cout = load<i32>(args, 56), cp = load<i32>(args, 60), xp = <usize>load<i32>(args, 64), dx = <usize>load<i32>(args, 68);
  const h = load<i32>(args, 72), w = load<i32>(args, 76), pt = load<i32>(args, 80), pl = load<i32>(args, 84);
  const b0 = <i32>((<i64>nb * task) / tasks), b1 = <i32>((<i64>nb * (task + 1)) / tasks);
  const pix = <usize>cp << 2, rowBytes = <usize>wp * pix;
  const pixStep = <usize>sw * pix, tapStep = <usize>dw * pix, fTap = <usize>(cout * cp) << 2;
  const dyPix = <usize>cout << 2;
  for (let b = b0; b < b1; b++) {
    const img = xp + <usize>(b * hp) * rowBytes;
    memory.fill(img, 0, <usize>hp * rowBytes);
    for (let oy = 0; oy < oh; oy++) {
      const dyRow = dy + (<usize>((b * oh + oy) * ow) << 2) * <usize>cout;
      let ox = 0;
      for (; ox < ow; ox += 4) {
        const four = ox + 4 <= ow;
        const d0 = dyRow + <usize>ox * dyPix;
        const win = img + <usize>(oy * sh) * rowBytes + <usize>ox * pixStep;
        for (let c0 = 0; c0 < cp; c0 += 8) {
          const two = cp - c0 >= 8;
          let fp = f + (<usize>c0 << 2);
          for (let ky = 0; ky < kh; ky++) {
            let tap = win + <usize>(ky * dh) * rowBytes + (<usize>c0 << 2);
            for (let kx = 0; kx < kw; kx++) {
              if (four) {
                const p1 = tap + pixStep, p2 = p1 + pixStep, p3 = p2 + pixStep;
                let a0 = v128.load(tap), a1 = v128.load(p1), a2 = v128.load(p2), a3 = v128.load(p3);
                let e0 = two ? v128.load(tap, 16) : a0, e1 = two ? v128.load(p1, 16) : a1;
                let e2 = two ? v128.load(p2, 16) : a2, e3 = two ? v128.load(p3, 16) : a3;
                let g = fp, d = d0;
                for (let co = 0; co < cout; co++) {
                  const y0 = v128.load32_splat(d), y1 = v128.load32_splat(d + dyPix);
                  const y2 = v128.load32_splat(d + 2 * dyPix), y3 = v128.load32_splat(d + 3 * dyPix);
                  const f0 = v128.load(g);
                  a0 = madd(y0, f0, a0); a1 = madd(y1, f0, a1); a2 = madd(y2, f0, a2); a3 = madd(y3, f0, a3);
                  if (two) {
                    const f1 = v128.load(g, 16);
                    e0 = madd(y0, f1, e0); e1 = madd(y1, f1, e1); e2 = madd(y2, f1, e2); e3 = madd(y3, f1, e3);
                  }
                  g += pix;
                  d += 4;
                }
                v128.store(tap, a0); v128.store(p1, a1); v128.store(p2, a2); v128.store(p3, a3);
                if (two) { v128.store(tap, e0, 16); v128.store(p1, e1, 16); v128.store(p2, e2, 16); v128.store(p3, e3, 16); }
              } else {
                // The row's last 1–3 pixels, one at a time.
                for (let j = 0; j < ow - ox; j++) {
                  const p = tap + <usize>j * pixStep;
                  let a0 = v128.load(p), e0 = two ? v128.load(p, 16) : a0;
                  let g = fp, d = d0 + <usize>j * dyPix;
                  for (let co = 0; co < cout; co++) {
                    const y0 = v128.load32_splat(d);
                    a0 = madd(y0, v128.load(g), a0);
                    if (two) e0 = madd(y0, v128.load(g, 16), e0);
                    g += pix;
                    d += 4;
                  }
                  v128.store(p, a0);
                  if (two) v128.store(p, e0, 16);
                }
              }
              fp += fTap;
              tap += tapStep;
            }
          }
        }
      }
    }
    // Crop: input pixel (iy, ix) is scratch pixel (iy + pt, ix + pl); past the scratch, no window reached it.
    let dst = dx + (<usize>(b * h * w * cin) << 2);
    for (let iy = 0; iy < h; iy++) {
      const sy = iy + pt;
      for (let ix = 0; ix < w; ix++) {
        const sx = ix + pl;
        const src = sy < hp && sx < wp ? img + <usize>sy * rowBytes + <usize>sx * pix : 0;
        for (let c = 0; c < cin; c++) store<f32>(dst + (<usize>c << 2), src == 0 ? <f32>0 : load<f32>(src + (<usize>c << 2)));
        dst += <usize>cin << 2;
      }
    }
  }
}
