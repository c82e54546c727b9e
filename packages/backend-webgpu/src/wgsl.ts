import type { DType } from '@dlkit/core';

/** The WGSL scalar type of each stored dtype: bool is one `u32` (0 or 1) per element. */
export function wgslType(dtype: DType): 'f32' | 'i32' | 'u32' {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
      return 'i32';
    case 'bool':
      return 'u32';
    case 'float64':
      throw new Error('float64 has no WGSL type');
  }
}

/** Threads per workgroup of the elementwise kernels. */
export const WORKGROUP = 64;
/** The most workgroups of one dispatch dimension (WebGPU's default limit). */
export const MAX_GROUPS = 65535;

/**
 * The loop header of a one-dimensional grid-stride kernel over `n` elements (`i` is the index):
 * the dispatch is capped at {@link MAX_GROUPS} workgroups, each thread visits every stride-th element.
 */
export function gridStride(n: string): string {
  return `@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let stride = groups.x * ${WORKGROUP}u;
  for (var i = gid.x; i < ${n}; i += stride) {`;
}

/** Workgroups of a grid-stride dispatch over `n` elements. */
export const gridGroups = (n: number): number => Math.max(1, Math.min(MAX_GROUPS, Math.ceil(n / WORKGROUP)));

/** WGSL helpers shared by the kernels: NaN and infinity (no literals exist), precise `log1p`/`erf`/`tanh`. */
export const FLOAT_HELPERS = `
// Runtime bit patterns: constant evaluation rejects NaN and infinity.
fn nan() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
fn inf() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }
// From the bits: SwiftShader's float compares (and exp, log) do not keep IEEE NaN rules.
fn isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// log(1 + x) without the cancellation of 1 + x for small |x| (Goldberg's trick).
fn log1p_(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  if (u == 0.0) { return -inf(); }
  if (u > 3.0e38) { return log(u); }
  return log(u) * x / (u - 1.0);
}
// Abramowitz–Stegun 7.1.26 (|error| ≤ 1.5e-7), odd in x.
fn erf_(x: f32) -> f32 {
  let a = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-a * a);
  return select(y, -y, x < 0.0);
}
// sin and cos by our own reduction to [-π/4, π/4] (π/2 in three parts, as Cephes) and minimax
// polynomials: SwiftShader's sin/cos are off by 2e-4.
fn sinPoly(r: f32) -> f32 { let z = r * r; return r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4)); }
fn cosPoly(r: f32) -> f32 { let z = r * r; return 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5)); }
fn quadrant(x: f32) -> vec2<f32> {
  let n = round(x * 0.6366197723675814);
  let r = ((x - n * 1.5703125) - n * 4.837512969970703125e-4) - n * 7.54978995489188216e-8;
  return vec2<f32>(r, n);
}
fn sin_(x: f32) -> f32 {
  if (abs(x) == inf()) { return nan(); }
  let v = quadrant(x);
  let q = i32(v.y) & 3;
  let s = select(sinPoly(v.x), cosPoly(v.x), (q & 1) == 1);
  return select(s, -s, q >= 2);
}
fn cos_(x: f32) -> f32 {
  if (abs(x) == inf()) { return nan(); }
  let v = quadrant(x);
  let q = i32(v.y) & 3;
  let c = select(cosPoly(v.x), sinPoly(v.x), (q & 1) == 1);
  return select(c, -c, q == 1 || q == 2);
}
// tanh from exp(-2|x|) ≤ 1: no overflow for large |x|.
fn tanh_(x: f32) -> f32 {
  if (abs(x) < 0.0005) { return x; }
  let e = exp(-2.0 * abs(x));
  let t = (1.0 - e) / (1.0 + e);
  return select(t, -t, x < 0.0);
}
`;
