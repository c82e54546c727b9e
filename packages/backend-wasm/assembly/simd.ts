// Shared SIMD helpers. `ASC_FEATURE_RELAXED_SIMD` is a compile-time constant: the relaxed build
// gets fused multiply-add (`f32x4.relaxed_madd`), the plain build a multiply then an add.

/** `a · b + c` lane-wise on four f32 lanes. */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f32>(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Adds `n` f32 values at `src` into `dst` (`dst[i] += src[i]`). */
export function addInto(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}
