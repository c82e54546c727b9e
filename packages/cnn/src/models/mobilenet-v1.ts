import { adaptiveAvgPool2d, nn, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from '../layers/conv.js';
import { kaimingFanOut } from './init.js';

/** Conv (no bias, TensorFlow 'same' padding) → BatchNorm (eps 1e-3, as Keras) → ReLU6; children `0`, `1`, `2`. */
function convBnReLU6(cIn: number, cOut: number, k: 1 | 3, stride: 1 | 2, groups: number, dtype: FloatDType): nn.Sequential {
  return new nn.Sequential(
    new Conv2d(cIn, cOut, k, { stride, padding: 'same', groups, bias: false, weightInit: kaimingFanOut, dtype }),
    new nn.BatchNorm2d(cOut, { eps: 1e-3, dtype }),
    new nn.ReLU6(),
  );
}

/**
 * MobileNet v1's depthwise-separable block (Howard et al. 2017): a 3×3 depthwise conv with the
 * stride (one filter per channel) → BN → ReLU6, then a 1×1 pointwise conv mixing the channels
 * → BN → ReLU6. It costs `1/cOut + 1/k²` of a normal 3×3 conv (see `countMacs`). Children
 * `depthwise` and `pointwise` (each conv `0`, bn `1`, ReLU6 `2`); Keras names them
 * `conv_dw_N` / `conv_pw_N`.
 * @example new DepthwiseSeparable(32, 64, 1).forward(randn([1, 112, 112, 32])) // [1, 112, 112, 64]
 */
export class DepthwiseSeparable extends nn.Module {
  /** 3×3 depthwise conv `cIn → cIn` with the stride, BN, ReLU6. */
  readonly depthwise: nn.Sequential;
  /** 1×1 conv `cIn → cOut`, BN, ReLU6. */
  readonly pointwise: nn.Sequential;

  /**
   * Builds the block with Kaiming (fan-out) conv weights.
   * @param cIn Channels of the input.
   * @param cOut Channels of the output.
   * @param stride Stride of the depthwise conv.
   * @param options Parameter dtype (default `'float32'`).
   */
  constructor(cIn: number, cOut: number, stride: 1 | 2, options: { dtype?: FloatDType } = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.depthwise = convBnReLU6(cIn, cIn, 3, stride, cIn, dtype);
    this.pointwise = convBnReLU6(cIn, cOut, 1, 1, 1, dtype);
  }

  forward(x: Tensor): Tensor {
    return this.pointwise.forward(this.depthwise.forward(x));
  }
}

/** Options of {@link mobilenetV1}. */
export interface MobileNetV1Options {
  /** Width multiplier α (default 1): every width is `⌊α·width⌋`, as Keras' `alpha`. */
  alpha?: number;
  /** Output classes (default 1000). */
  numClasses?: number;
  /** Image channels (default 3). */
  inChannels?: number;
  /** Dropout before the classifier (default 0.001, Keras'). */
  dropout?: number;
}

/** `[pointwise width, stride]` of the thirteen depthwise-separable blocks (the paper's Table 1). */
const BLOCKS: readonly (readonly [number, 1 | 2])[] = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

/**
 * MobileNet v1 (Howard et al. 2017) as Keras' `keras.applications.MobileNet` builds it: a 3×3/2
 * conv to 32 (`features.0`), thirteen depthwise-separable blocks (`features.1` … `features.13`),
 * global average pool, dropout, `classifier.1` (Keras' 1×1 `conv_preds` conv is this Linear).
 * Strided convs pad TensorFlow's 'same' way. 4,231,976 parameters at α = 1 for 1000 classes:
 * Keras' trainable count (its 21,888 non-trainable BN moving statistics are buffers here).
 * @example mobilenetV1({ alpha: 0.25, numClasses: 10 }).forward(randn([1, 96, 96, 3])) // [1, 10]
 */
export class MobileNetV1 extends nn.Module {
  /** Stem conv and the thirteen {@link DepthwiseSeparable} blocks: `[m, h, w, c]` → `[m, h/32, w/32, ⌊1024·α⌋]`. */
  readonly features: nn.Sequential;
  /** Dropout then the Linear to `numClasses`. */
  readonly classifier: nn.Sequential;

  /**
   * Builds the network.
   * @param options Width multiplier α, classes, image channels and dropout rate.
   */
  constructor(options: MobileNetV1Options = {}) {
    super();
    const { alpha = 1, numClasses = 1000, inChannels = 3, dropout = 1e-3 } = options;
    if (!(alpha > 0 && Number.isFinite(alpha) && Math.floor(32 * alpha) >= 1)) throw new ValueError(`mobilenetV1: alpha must be at least 1/32, got ${String(alpha)}`);
    let channels = Math.floor(32 * alpha);
    const layers: nn.Layer[] = [convBnReLU6(inChannels, channels, 3, 2, 1, 'float32')];
    for (const [width, stride] of BLOCKS) {
      const out = Math.floor(width * alpha);
      layers.push(new DepthwiseSeparable(channels, out, stride));
      channels = out;
    }
    this.features = new nn.Sequential(...layers);
    this.classifier = new nn.Sequential(new nn.Dropout(dropout), new nn.Linear(channels, numClasses));
  }

  /** `[m, h, w, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const h = adaptiveAvgPool2d(this.features.forward(x), 1);
    return this.classifier.forward(h.reshape([h.shape[0]!, -1]));
  }
}

/** MobileNet v1 (see {@link MobileNetV1}). @example mobilenetV1({ alpha: 0.5 }) */
export const mobilenetV1 = (options: MobileNetV1Options = {}): MobileNetV1 => new MobileNetV1(options);
