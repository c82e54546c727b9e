import { add, concat, div, exp, mul, reshape, sigmoid, slice, softmax, squeeze, sub, tensor, ShapeError, type Tensor } from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';
import { checkConfig, type YoloConfig } from './config.js';

/** The network's output split per anchor, before any activation. */
export interface YoloRaw {
  /** `[m, S, S, B, 2]` raw centre offsets `tx, ty`. */
  readonly txy: Tensor;
  /** `[m, S, S, B, 2]` raw log-scales `tw, th`. */
  readonly twh: Tensor;
  /** `[m, S, S, B]` raw objectness `to`. */
  readonly objectness: Tensor;
  /** `[m, S, S, B, K]` class logits. */
  readonly classLogits: Tensor;
}

/** Decoded YOLO predictions (the lab's `yolo_head` outputs, boxes as corners). */
export interface YoloDecoded {
  /** `[m, S, S, B, 4]` xyxy boxes as fractions of the image. */
  readonly boxes: Tensor;
  /** `[m, S, S, B]` box confidence `σ(to)` (the course's `pc`). */
  readonly confidence: Tensor;
  /** `[m, S, S, B, K]` class probabilities (softmax). */
  readonly classProbs: Tensor;
}

/** Splits a `[m, S, S, B·(5 + K)]` output into its parts. */
export function splitOutput(output: Tensor, config: YoloConfig, where = 'splitOutput'): YoloRaw {
  const [S, B, K] = checkConfig(config, where);
  if (output.rank !== 4 || output.shape[1] !== S || output.shape[2] !== S || output.shape[3] !== B * (5 + K)) {
    throw new ShapeError(`${where}: output must have shape [m, ${S}, ${S}, ${B * (5 + K)}] (S = ${S}, B·(5 + K) = ${B}·${5 + K}), got ${formatShape(output.shape)}`);
  }
  const m = output.shape[0]!;
  const y = reshape(output, [m, S, S, B, 5 + K]);
  return {
    txy: slice(y, [0, 0, 0, 0, 0], [m, S, S, B, 2]),
    twh: slice(y, [0, 0, 0, 0, 2], [m, S, S, B, 2]),
    objectness: squeeze(slice(y, [0, 0, 0, 0, 4], [m, S, S, B, 1]), 4),
    classLogits: slice(y, [0, 0, 0, 0, 5], [m, S, S, B, K]),
  };
}

/** `[1, S, S, 1, 2]` cell corners `(col, row)`. */
function cellOffsets(S: number, dtype: Tensor['dtype']): Tensor {
  const values: number[] = [];
  for (let row = 0; row < S; row++) for (let col = 0; col < S; col++) values.push(col, row);
  return tensor(values, { shape: [1, S, S, 1, 2], dtype });
}

/** Box centres and sizes `[m, S, S, B, 2]` from the raw parts: `b = (σ(t) + c) / S`, `wh = p·exp(t)`. */
export function decodeCentreSize(raw: YoloRaw, config: YoloConfig): { xy: Tensor; wh: Tensor } {
  const S = config.gridSize;
  const anchors = tensor(config.anchors.flatMap((a) => [a[0], a[1]]), { shape: [1, 1, 1, config.anchors.length, 2], dtype: raw.twh.dtype });
  const xy = div(add(sigmoid(raw.txy), cellOffsets(S, raw.txy.dtype)), S);
  return { xy, wh: mul(exp(raw.twh), anchors) };
}

/**
 * Decodes a YOLO output (YOLOv2 as taught): centre `bx = (σ(tx) + cx) / S`, `by = (σ(ty) + cy) / S`,
 * size `bw = pw·e^tw`, `bh = ph·e^th`, confidence `σ(to)`, class probabilities `softmax(c)`.
 * Differentiable.
 * @param output - `[m, S, S, B·(5 + K)]`.
 * @example decode(model.forward(images), { gridSize: 4, anchors, numClasses: 3 }).boxes // [m, 4, 4, B, 4]
 */
export function decode(output: Tensor, config: YoloConfig): YoloDecoded {
  const raw = splitOutput(output, config, 'decode');
  const { xy, wh } = decodeCentreSize(raw, config);
  const half = mul(wh, 0.5);
  return {
    boxes: concat([sub(xy, half), add(xy, half)], 4),
    confidence: sigmoid(raw.objectness),
    classProbs: softmax(raw.classLogits, -1),
  };
}
