import { nn, sigmoid, slice, softmax, ShapeError, type FloatDType, type Tensor } from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';

/** Options of {@link LocalizationHead} and {@link LandmarkHead}. */
export interface HeadOptions {
  /** Units of a hidden ReLU layer before the output (default 0: none). */
  hidden?: number;
  /** Parameter dtype (default `'float32'`). */
  dtype?: FloatDType;
}

/** Flatten → (Linear → ReLU) → Linear: the FC layers on top of a conv backbone. */
function fcLayers(inFeatures: number, outFeatures: number, options: HeadOptions): nn.Sequential {
  const hidden = options.hidden ?? 0;
  const dtype = options.dtype ?? 'float32';
  return hidden > 0
    ? new nn.Sequential(new nn.Flatten(), new nn.Linear(inFeatures, hidden, { dtype }), new nn.ReLU(), new nn.Linear(hidden, outFeatures, { dtype }))
    : new nn.Sequential(new nn.Flatten(), new nn.Linear(inFeatures, outFeatures, { dtype }));
}

/**
 * The course's classification-with-localization head: flattens a conv backbone's features and
 * outputs `ŷ = [pc, bx, by, bh, bw, c1..cK]` as logits (train with {@link localizationLoss}, read
 * with {@link decodeLocalization}).
 * Shapes: input `[m, …]` with `inFeatures` values per example (e.g. `[m, h, w, c]`) → `[m, 5 + K]`.
 * @example new nn.Sequential(backbone, new LocalizationHead(4 * 4 * 16, 3)).forward(images) // [m, 8]
 */
export class LocalizationHead extends nn.Module {
  /** Flatten, the optional hidden Linear + ReLU, and the Linear to `5 + numClasses`. */
  readonly layers: nn.Sequential;

  /**
   * Builds the fully connected layers.
   * @param inFeatures Values per example of the backbone's output (e.g. `h·w·c`).
   * @param numClasses Number of classes `K`.
   * @param options Hidden units and dtype.
   */
  constructor(readonly inFeatures: number, readonly numClasses: number, options: HeadOptions = {}) {
    super();
    this.layers = fcLayers(inFeatures, 5 + numClasses, options);
  }

  forward(features: Tensor): Tensor {
    return this.layers.forward(features);
  }
}

/**
 * The landmark-detection head: flattens a conv backbone's features and outputs
 * `ŷ = [pc, l1x, l1y, …, lLx, lLy]` as logits (train with {@link landmarkLoss}, read with
 * {@link decodeLandmarks}).
 * Shapes: input `[m, …]` with `inFeatures` values per example → `[m, 1 + 2L]`.
 * @example new nn.Sequential(backbone, new LandmarkHead(256, 4)).forward(faces) // [m, 9]
 */
export class LandmarkHead extends nn.Module {
  /** Flatten, the optional hidden Linear + ReLU, and the Linear to `1 + 2·numLandmarks`. */
  readonly layers: nn.Sequential;

  /**
   * Builds the fully connected layers.
   * @param inFeatures Values per example of the backbone's output (e.g. `h·w·c`).
   * @param numLandmarks Number of landmarks `L`.
   * @param options Hidden units and dtype.
   */
  constructor(readonly inFeatures: number, readonly numLandmarks: number, options: HeadOptions = {}) {
    super();
    this.layers = fcLayers(inFeatures, 1 + 2 * numLandmarks, options);
  }

  forward(features: Tensor): Tensor {
    return this.layers.forward(features);
  }
}

/** Decoded localization output: `pc`, the box `[bx, by, bh, bw]` and class probabilities. */
export interface LocalizationPrediction {
  /** `[m]` probability that the image holds an object. */
  readonly pc: Tensor;
  /** `[m, 4]` `[bx, by, bh, bw]` as fractions of the image. */
  readonly box: Tensor;
  /** `[m, K]` class probabilities. */
  readonly classProbs: Tensor;
}

/**
 * Reads a {@link LocalizationHead} output: `pc = σ(ŷpc)`, box `σ(ŷb)`, classes `softmax(ŷc)`.
 * @example decodeLocalization(model.forward(images)).box // [m, 4]
 */
export function decodeLocalization(output: Tensor): LocalizationPrediction {
  if (output.rank !== 2 || output.shape[1]! < 6) throw new ShapeError(`decodeLocalization: output must have shape [m, 5 + K] with K >= 1, got ${formatShape(output.shape)}`);
  const [m, n] = output.shape as [number, number];
  return {
    pc: sigmoid(slice(output, [0, 0], [m, 1])).reshape([m]),
    box: sigmoid(slice(output, [0, 1], [m, 4])),
    classProbs: softmax(slice(output, [0, 5], [m, n - 5]), -1),
  };
}

/**
 * Reads a {@link LandmarkHead} output: `pc = σ(ŷpc)` `[m]` and the landmarks `σ(ŷl)` `[m, L, 2]`
 * (`(x, y)` fractions of the image).
 * @example decodeLandmarks(model.forward(faces)).landmarks // [m, L, 2]
 */
export function decodeLandmarks(output: Tensor): {
  /** `[m]` probability that the image holds the object. */
  pc: Tensor;
  /** `[m, L, 2]` `(x, y)` of each landmark as fractions of the image. */
  landmarks: Tensor;
} {
  if (output.rank !== 2 || output.shape[1]! < 3 || output.shape[1]! % 2 !== 1) {
    throw new ShapeError(`decodeLandmarks: output must have shape [m, 1 + 2L] with L >= 1, got ${formatShape(output.shape)}`);
  }
  const [m, n] = output.shape as [number, number];
  return { pc: sigmoid(slice(output, [0, 0], [m, 1])).reshape([m]), landmarks: sigmoid(slice(output, [0, 1], [m, n - 1])).reshape([m, (n - 1) / 2, 2]) };
}
