// Sums of float32 over a contiguous block of axes, viewed as [outer, size, inner] and summed over
// `size`, in f64 accumulators added in the ts kernel's order (so the results are bit-identical).

/** out [outer, inner] (f32) = the f64 sum over r of x [outer, size, inner]; `acc` is scratch for `inner` f64. */
export function sumF32(x: usize, outer: i32, size: i32, inner: i32, out: usize, acc: usize): void {
  let src = x;
  for (let p = 0; p < outer; p++) {
    memory.fill(acc, 0, <usize>inner << 3);
    for (let r = 0; r < size; r++) {
      let i = 0;
      for (; i + 2 <= inner; i += 2) {
        const a = acc + (<usize>i << 3);
        v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v128.load64_zero(src + (<usize>i << 2)))));
      }
      if (i < inner) {
        const a = acc + (<usize>i << 3);
        store<f64>(a, load<f64>(a) + <f64>load<f32>(src + (<usize>i << 2)));
      }
      src += <usize>inner << 2;
    }
    const dst = out + (<usize>(p * inner) << 2);
    for (let i = 0; i < inner; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(acc + (<usize>i << 3)));
  }
}
