// Elementwise float32 add, sub, mul, div where each operand repeats along the output with its own
// period (its size): the same shape, a scalar, or a trailing broadcast like a bias `[c]` over
// `[..., c]`. One operand has the output's size; the other's period divides it.

// @ts-ignore: decorator
@inline
function apply4(op: i32, x: v128, y: v128): v128 {
  if (op == 0) return f32x4.add(x, y);
  if (op == 1) return f32x4.sub(x, y);
  if (op == 2) return f32x4.mul(x, y);
  return f32x4.div(x, y);
}

// @ts-ignore: decorator
@inline
function apply1(op: i32, x: f32, y: f32): f32 {
  if (op == 0) return x + y;
  if (op == 1) return x - y;
  if (op == 2) return x * y;
  return x / y;
}

// out[i] = a[i] op b[i % nb] (bFirst: b[i % nb] op a[i]) for i < n, `a` of size n.
// @ts-ignore: decorator
@inline
function periodic(op: i32, a: usize, b: usize, nb: i32, n: i32, out: usize, bFirst: bool): void {
  if (nb == 1) {
    const s = load<f32>(b), v = f32x4.splat(s);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(a + o);
      v128.store(out + o, bFirst ? apply4(op, v, x) : apply4(op, x, v));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      const x = load<f32>(a + o);
      store<f32>(out + o, bFirst ? apply1(op, s, x) : apply1(op, x, s));
    }
    return;
  }
  for (let base = 0; base < n; base += nb) {
    const ab = a + (<usize>base << 2), ob = out + (<usize>base << 2);
    let j = 0;
    for (; j + 4 <= nb; j += 4) {
      const o = <usize>j << 2;
      const x = v128.load(ab + o), y = v128.load(b + o);
      v128.store(ob + o, bFirst ? apply4(op, y, x) : apply4(op, x, y));
    }
    for (; j < nb; j++) {
      const o = <usize>j << 2;
      const x = load<f32>(ab + o), y = load<f32>(b + o);
      store<f32>(ob + o, bFirst ? apply1(op, y, x) : apply1(op, x, y));
    }
  }
}

/**
 * `out[i] = a[i % na] op b[i % nb]` for i < n (op 0 add, 1 sub, 2 mul, 3 div), where `na` or `nb`
 * is `n` and the other divides it. `out` may be either input when that one has size `n`.
 */
export function binaryF32(op: i32, a: usize, na: i32, b: usize, nb: i32, n: i32, out: usize): void {
  const bFirst = na != n;
  const full = bFirst ? b : a, part = bFirst ? a : b, np = bFirst ? na : nb;
  // A constant op in each call, so the inlined loops carry no per-element switch.
  if (op == 0) periodic(0, full, part, np, n, out, bFirst);
  else if (op == 1) periodic(1, full, part, np, n, out, bFirst);
  else if (op == 2) periodic(2, full, part, np, n, out, bFirst);
  else periodic(3, full, part, np, n, out, bFirst);
}
