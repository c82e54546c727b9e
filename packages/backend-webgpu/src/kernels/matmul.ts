import type { Shape, TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { MAX_GROUPS } from '../wgsl.js';
import { broadcastStrides } from './broadcast.js';

/** Side of the square output tile each workgroup computes (one thread per element). */
const TILE = 16;

const SHADER = `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> o: array<f32>;
@group(0) @binding(3) var<storage, read> p: array<u32>;
var<workgroup> tileA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB: array<array<f32, ${TILE}>, ${TILE}>;

// a's element (row i, column k) of the product, wherever transposeA puts it.
fn readA(base: u32, i: u32, k: u32, m: u32, kk: u32) -> f32 {
  if (i >= m || k >= kk) { return 0.0; }
  return select(a[base + i * kk + k], a[base + k * m + i], p[3] != 0u);
}
fn readB(base: u32, k: u32, j: u32, kk: u32, n: u32) -> f32 {
  if (k >= kk || j >= n) { return 0.0; }
  return select(b[base + k * n + j], b[base + j * kk + k], p[4] != 0u);
}

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let m = p[0];
  let n = p[1];
  let kk = p[2];
  let rank = p[5];
  // Batch index → each input's matrix (its batch dims broadcast against the output's).
  var rest = wg.z;
  var matA = 0u;
  var matB = 0u;
  for (var dd = 0u; dd < rank; dd++) {
    let d = rank - 1u - dd;
    let size = p[6u + d];
    let c = rest % size;
    rest = rest / size;
    matA += c * p[6u + rank + d];
    matB += c * p[6u + 2u * rank + d];
  }
  let baseA = matA * m * kk;
  let baseB = matB * kk * n;
  let row = wg.y * ${TILE}u + lid.y;
  let col = wg.x * ${TILE}u + lid.x;
  var acc = 0.0;
  for (var k0 = 0u; k0 < kk; k0 += ${TILE}u) {
    tileA[lid.y][lid.x] = readA(baseA, row, k0 + lid.x, m, kk);
    tileB[lid.y][lid.x] = readB(baseB, k0 + lid.y, col, kk, n);
    workgroupBarrier();
    for (var t = 0u; t < ${TILE}u; t++) {
      acc += tileA[lid.y][t] * tileB[t][lid.x];
    }
    workgroupBarrier();
  }
  if (row < m && col < n) {
    o[wg.z * m * n + row * n + col] = acc;
  }
}`;

/**
 * Batched float32 `a @ b` on the GPU: {@link TILE}² output tiles, each workgroup staging a tile of
 * `a` and of `b` in workgroup memory per step along k. Other dtypes (and more batches than one
 * dispatch dimension holds) return `undefined` and run on the host.
 */
export function matmul(gpu: Gpu, a: TensorInfo<GpuStorage>, b: TensorInfo<GpuStorage>, transposeA: boolean, transposeB: boolean, outShape: Shape): GpuStorage | undefined {
  if (a.dtype !== 'float32') return undefined;
  const rank = outShape.length;
  const m = outShape[rank - 2]!;
  const n = outShape[rank - 1]!;
  const k = transposeA ? a.shape[a.shape.length - 2]! : a.shape[a.shape.length - 1]!;
  const batchShape = outShape.slice(0, -2);
  const batches = batchShape.reduce((s, d) => s * d, 1);
  if (batches > MAX_GROUPS) return undefined;
  const out = gpu.allocate(batches * m * n);
  if (batches * m * n === 0) return out;
  const params = Uint32Array.from([
    m, n, k, transposeA ? 1 : 0, transposeB ? 1 : 0, batchShape.length, ...batchShape,
    ...broadcastStrides(a.shape.slice(0, -2), batchShape), ...broadcastStrides(b.shape.slice(0, -2), batchShape),
  ]);
  gpu.dispatch('matmul:f32', () => SHADER, [a.handle, b.handle], out, params, [Math.ceil(n / TILE), Math.ceil(m / TILE), batches]);
  return out;
}
