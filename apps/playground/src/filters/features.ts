import { noGrad, type Tensor } from '@dlkit/core';
import type { models } from '@dlkit/cnn';

/** One channel of an NHWC activation: a `height × width` map, row-major. */
export interface FeatureMap {
  readonly values: Float32Array;
  readonly height: number;
  readonly width: number;
}

/** What LeNet-5's two convolutions make of one image. */
export interface LenetFeatures {
  /** C1: the first conv's 6 maps (28×28 for a 28×28 digit with padding 2), before the activation. */
  readonly c1: readonly FeatureMap[];
  /** C3: the second conv's 16 maps (10×10), before the activation, of the pooled, activated C1. */
  readonly c3: readonly FeatureMap[];
}

/**
 * Splits a `[1, h, w, c]` activation into its `c` channel maps.
 * @example channelMaps(conv2d(x, w)) // c maps of h·w values
 */
export function channelMaps(activation: Tensor): FeatureMap[] {
  const [batch, height, width, channels] = activation.shape as [number, number, number, number];
  if (activation.rank !== 4 || batch !== 1) throw new RangeError(`channelMaps: expected one NHWC image [1, h, w, c], got [${activation.shape.join(', ')}]`);
  const data = activation.dataSync();
  return Array.from({ length: channels }, (_, c) => {
    const values = new Float32Array(height * width);
    for (let i = 0; i < values.length; i++) values[i] = data[i * channels + c]!;
    return { values, height, width };
  });
}

/**
 * The first conv's filters as maps: weight `[kh, kw, 1, cOut]` → `cOut` maps of `kh × kw`
 * (LeNet-5's C1: 6 filters of 5×5).
 * @example c1Filters(lenet.model).length // 6
 */
export function c1Filters(model: models.LeNet5): FeatureMap[] {
  const weight = model.conv1.weight;
  const [kh, kw, cIn, cOut] = weight.shape as [number, number, number, number];
  if (cIn !== 1) throw new RangeError(`c1Filters: expected a single-channel first conv, got ${cIn} input channels`);
  return channelMaps(weight.reshape([1, kh, kw, cOut]));
}

/**
 * Runs LeNet-5's feature extractor on one input `[1, 28, 28, 1]` (already standardized) and
 * returns its C1 and C3 maps, the convolutions' outputs as the network's forward computes them.
 * @example featureMaps(lenet.model, networkInput(image, lenet.info)).c3.length // 16
 */
export function featureMaps(model: models.LeNet5, input: Tensor): LenetFeatures {
  return noGrad(() => {
    const c1 = model.conv1.forward(input);
    const s2 = model.pool1.forward(model.activation.forward(c1));
    const c3 = model.conv2.forward(s2);
    return { c1: channelMaps(c1), c3: channelMaps(c3) };
  });
}
