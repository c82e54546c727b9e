import { nn, noGrad, transpose, zeros, ValueError, type Tensor } from '@dlkit/core';
import { Conv2d } from '@dlkit/cnn';

/** What {@link convolutionalize} returns. */
export interface ConvolutionalClassifier {
  /** The fully convolutional network: `[m, H, W, C]` → `[m, rows, cols, n]`, one score vector per window. */
  readonly model: nn.Sequential;
  /** Pixels between neighbouring windows `[rows, cols]`: the product of the feature layers' strides. */
  readonly stride: [number, number];
}

type Layer = nn.Module<[Tensor], Tensor>;

const zeroPadding = (p: unknown): boolean => p === undefined || p === 'valid' || p === 0 || (Array.isArray(p) && p.flat().every((v) => v === 0));

/** A Linear layer `[out, in]` whose input is the NHWC flatten of `[h, w, c]` as an `h × w` convolution. */
function linearAsConv(linear: nn.Linear, h: number, w: number, c: number): Conv2d {
  const dtype = linear.weight.dtype === 'float64' ? 'float64' : 'float32';
  const conv = new Conv2d(c, linear.outFeatures, [h, w], { bias: linear.bias !== null, dtype });
  noGrad(() => {
    // weight[o, (i·w + j)·c + k] → filter[i, j, k, o]
    conv.weight.assign(transpose(linear.weight, [1, 0]).reshape([h, w, c, linear.outFeatures]));
    if (linear.bias && conv.bias) conv.bias.assign(linear.bias);
  });
  return conv;
}

/**
 * The convolutional implementation of sliding windows (OverFeat, as the lecture shows): turns a
 * window classifier `features → Flatten → Linear → … → Linear` into a fully convolutional network
 * whose one forward pass over a whole image gives the scores of every window. The first Linear
 * becomes an `h × w` convolution over the `[h, w, c]` feature map of one window, each later
 * Linear a `1 × 1` convolution; weights are copied, feature layers (before the Flatten) shared.
 * The scores equal those of the naive loop ({@link slidingWindows}) with `window` = the
 * classifier's input size and `stride` = the returned stride, provided the feature layers use no
 * padding (padding would see the neighbouring pixels of a crop as zeros).
 * @param classifier - `Sequential(feature layers…, Flatten, Linear, (activation/Dropout, Linear)…)`.
 * @param windowShape - The classifier's input `[kh, kw, C]`.
 * @example const { model, stride } = convolutionalize(classifier, [14, 14, 1]); model.forward(image) // [1, rows, cols, n]
 */
export function convolutionalize(classifier: nn.Sequential, windowShape: readonly [number, number, number]): ConvolutionalClassifier {
  const layers = classifier.layers as Layer[];
  const at = layers.findIndex((l) => l instanceof nn.Flatten);
  if (at < 0 || !(layers[at + 1] instanceof nn.Linear)) {
    throw new ValueError('convolutionalize: classifier must be a Sequential of feature layers, then Flatten, then Linear layers (with activations between them)');
  }
  const features = layers.slice(0, at);
  const stride: [number, number] = [1, 1];
  features.forEach((layer, i) => {
    const { padding, stride: s } = layer as unknown as { padding?: unknown; stride?: readonly [number, number] };
    if (!zeroPadding(padding)) throw new ValueError(`convolutionalize: layer ${i} (${layer.constructor.name}) is padded (${JSON.stringify(padding)}); sliding windows need feature layers without padding`);
    if (s) { stride[0] *= s[0]; stride[1] *= s[1]; }
  });
  const dtype = (layers[at + 1] as nn.Linear).weight.dtype;
  const shape = noGrad(() => features.reduce((x, l) => l.forward(x), zeros([1, ...windowShape], { dtype })).shape);
  const [, h, w, c] = shape as [number, number, number, number];
  let first = true;
  const head = layers.slice(at + 1).map((layer, i) => {
    if (layer instanceof nn.Flatten) throw new ValueError(`convolutionalize: a second Flatten at layer ${at + 1 + i}`);
    if (!(layer instanceof nn.Linear)) return layer; // activations, Dropout: element-wise, kept as they are
    const conv = first ? linearAsConv(layer, h, w, c) : linearAsConv(layer, 1, 1, layer.inFeatures);
    first = false;
    return conv;
  });
  return { model: new nn.Sequential(...features, ...head), stride };
}
