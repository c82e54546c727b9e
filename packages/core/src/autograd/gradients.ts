import type { ArithmeticOp, Conv2dAttrs, NearestMode, Pool2dAttrs, ReduceOp, ScanOp, UnaryOp } from '../backend/kernels.js';
import type { Tensor } from '../tensor.js';
import { binaryGrad, whereGrad } from '../ops/binary.js';
import { conv2dBackpropFilterGrad, conv2dBackpropInputGrad, conv2dGrad } from '../ops/conv.js';
import { gatherGrad, scatterAddAlongAxisGrad, scatterAddGrad, takeAlongAxisGrad } from '../ops/indexing.js';
import { matmulGrad } from '../ops/matmul.js';
import {
  adaptiveAvgPool2dBackpropGrad, adaptiveAvgPool2dGrad, avgPool2dBackpropGrad, avgPool2dGrad, maxPool2dBackpropGrad, maxPool2dGrad,
} from '../ops/pool.js';
import { reduceGrad } from '../ops/reduce.js';
import { resizeBilinearBackpropGrad, resizeBilinearGrad, resizeNearestBackpropGrad, resizeNearestGrad } from '../ops/resize.js';
import { scanGrad } from '../ops/scan.js';
import { broadcastToGrad, concatGrad, padGrad, reshapeGrad, sliceGrad, transposeGrad } from '../ops/shape.js';
import { layerNormGrad } from '../ops/layer-norm.js';
import { logSoftmaxGrad, softmaxGrad } from '../ops/softmax.js';
import { castGrad, clipGrad, unaryGrad } from '../ops/unary.js';
import { cloneGrad, toBackendGrad } from '../ops/transfer.js';

/** The attributes each differentiable primitive records on the tape. */
export interface GradAttrMap {
  unary: { op: UnaryOp; alpha: number };
  clip: { min: number; max: number };
  cast: Record<string, never>;
  binary: { op: ArithmeticOp };
  where: Record<string, never>;
  reduce: { op: ReduceOp; axes: readonly number[] };
  matmul: { transposeA: boolean; transposeB: boolean };
  reshape: Record<string, never>;
  transpose: { perm: readonly number[] };
  slice: { begin: readonly number[]; size: readonly number[]; steps: readonly number[] };
  pad: { paddings: readonly (readonly [number, number])[]; value: number };
  concat: { axis: number };
  broadcastTo: Record<string, never>;
  gather: { axis: number };
  scatterAdd: { axis: number };
  takeAlongAxis: { axis: number };
  scatterAddAlongAxis: { axis: number };
  scan: { op: ScanOp; axis: number; exclusive: boolean; reverse: boolean };
  conv2d: Conv2dAttrs;
  conv2dBackpropInput: Conv2dAttrs;
  conv2dBackpropFilter: Conv2dAttrs;
  maxPool2d: Pool2dAttrs;
  avgPool2d: Pool2dAttrs;
  maxPool2dBackprop: Pool2dAttrs;
  avgPool2dBackprop: Pool2dAttrs;
  adaptiveAvgPool2d: Record<string, never>;
  adaptiveAvgPool2dBackprop: Record<string, never>;
  resizeBilinear: { alignCorners: boolean };
  resizeBilinearBackprop: { alignCorners: boolean };
  resizeNearest: { mode: NearestMode };
  resizeNearestBackprop: { mode: NearestMode };
  softmax: Record<string, never>;
  logSoftmax: Record<string, never>;
  layerNorm: { eps: number };
  clone: Record<string, never>;
  toBackend: { from: string };
}

/**
 * A vector-Jacobian product: given dL/d(output), the gradient for each input (null where an input
 * is not differentiable, e.g. integer indices). Written with public ops, so every backend gets it.
 */
export type GradFn<K extends keyof GradAttrMap> = (
  dy: Tensor,
  inputs: readonly Tensor[],
  output: Tensor,
  attrs: GradAttrMap[K],
) => (Tensor | null)[];

/** One gradient per differentiable primitive; a missing entry is a compile error. */
export const gradientTable = {
  unary: unaryGrad,
  clip: clipGrad,
  cast: castGrad,
  binary: binaryGrad,
  where: whereGrad,
  reduce: reduceGrad,
  matmul: matmulGrad,
  reshape: reshapeGrad,
  transpose: transposeGrad,
  slice: sliceGrad,
  pad: padGrad,
  concat: concatGrad,
  broadcastTo: broadcastToGrad,
  gather: gatherGrad,
  scatterAdd: scatterAddGrad,
  takeAlongAxis: takeAlongAxisGrad,
  scatterAddAlongAxis: scatterAddAlongAxisGrad,
  scan: scanGrad,
  conv2d: conv2dGrad,
  conv2dBackpropInput: conv2dBackpropInputGrad,
  conv2dBackpropFilter: conv2dBackpropFilterGrad,
  maxPool2d: maxPool2dGrad,
  avgPool2d: avgPool2dGrad,
  maxPool2dBackprop: maxPool2dBackpropGrad,
  avgPool2dBackprop: avgPool2dBackpropGrad,
  adaptiveAvgPool2d: adaptiveAvgPool2dGrad,
  adaptiveAvgPool2dBackprop: adaptiveAvgPool2dBackpropGrad,
  resizeBilinear: resizeBilinearGrad,
  resizeBilinearBackprop: resizeBilinearBackpropGrad,
  resizeNearest: resizeNearestGrad,
  resizeNearestBackprop: resizeNearestBackpropGrad,
  softmax: softmaxGrad,
  logSoftmax: logSoftmaxGrad,
  layerNorm: layerNormGrad,
  clone: cloneGrad,
  toBackend: toBackendGrad,
} satisfies { [K in keyof GradAttrMap]: GradFn<K> };
