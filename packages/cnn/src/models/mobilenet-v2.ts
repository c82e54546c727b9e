import { adaptiveAvgPool2d, nn, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from '../layers/conv.js';
import { kaimingFanOut } from './init.js';

/** torchvision's `_make_divisible`: `v` rounded to a multiple of `divisor`, never below 90% of `v`. @example makeDivisible(32 * 0.35) // 16 */
export function makeDivisible(v: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * v ? rounded + divisor : rounded;
}

/** Conv (no bias) → BatchNorm → ReLU6, torchvision's `Conv2dNormActivation` (children `0`, `1`, `2`). */
function convBnReLU6(cIn: number, cOut: number, k: 1 | 3, stride = 1, groups = 1, dtype: FloatDType = 'float32'): nn.Sequential {
  return new nn.Sequential(
    new Conv2d(cIn, cOut, k, { stride, padding: (k - 1) / 2, groups, bias: false, weightInit: kaimingFanOut, dtype }),
    new nn.BatchNorm2d(cOut, { dtype }),
    new nn.ReLU6(),
  );
}

/**
 * MobileNet v2's inverted residual with linear bottleneck: 1×1 expansion by `t` (ReLU6, skipped
 * when t = 1), 3×3 depthwise conv with the stride (ReLU6), 1×1 linear projection (batch norm, no
 * activation), plus the input when the stride is 1 and the widths agree. Child `conv` as torchvision's.
 * @example new InvertedResidual(24, 24, 1, 6).forward(randn([1, 56, 56, 24])) // [1, 56, 56, 24]
 */
export class InvertedResidual extends nn.Module {
  /** Expansion (1×1, omitted when t = 1), depthwise 3×3, then the 1×1 projection conv and its batch norm. */
  readonly conv: nn.Sequential;
  /** Whether the input is added to the output. */
  readonly useResidual: boolean;

  /**
   * Builds the block with Kaiming (fan-out) conv weights.
   * @param cIn Channels of the input.
   * @param cOut Channels of the output.
   * @param stride Stride of the depthwise conv.
   * @param expandRatio Expansion factor `t`: the hidden width is `round(cIn·t)`.
   * @param options Parameter dtype (default `'float32'`).
   */
  constructor(cIn: number, cOut: number, stride: 1 | 2, expandRatio: number, options: { dtype?: FloatDType } = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    const hidden = Math.round(cIn * expandRatio);
    this.useResidual = stride === 1 && cIn === cOut;
    this.conv = new nn.Sequential(
      ...(expandRatio !== 1 ? [convBnReLU6(cIn, hidden, 1, 1, 1, dtype)] : []),
      convBnReLU6(hidden, hidden, 3, stride, hidden, dtype),
      new Conv2d(hidden, cOut, 1, { bias: false, weightInit: kaimingFanOut, dtype }),
      new nn.BatchNorm2d(cOut, { dtype }),
    );
  }

  forward(x: Tensor): Tensor {
    const h = this.conv.forward(x);
    return this.useResidual ? h.add(x) : h;
  }
}

/** Options of {@link mobilenetV2}. */
export interface MobileNetV2Options {
  /** Width multiplier α (default 1): every width scaled and rounded to a multiple of 8. */
  widthMult?: number;
  /** Output classes (default 1000). */
  numClasses?: number;
  /** Image channels (default 3). */
  inChannels?: number;
  /** Dropout rate before the classifier (default 0.2). */
  dropout?: number;
}

/** `[t, c, n, s]` rows of the MobileNetV2 paper's Table 2. */
const SETTINGS: readonly (readonly [number, number, number, 1 | 2])[] = [
  [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
];

/**
 * MobileNet v2 (Sandler et al. 2018) as torchvision builds it: a 3×3/2 conv to 32, seventeen
 * inverted residuals, a 1×1 conv to 1280 (`features.0` … `features.18`), global average pool,
 * dropout and `classifier.1`. 3,504,872 parameters for 1000 classes at α = 1.
 * @example mobilenetV2({ widthMult: 0.5, numClasses: 10 }).forward(randn([1, 96, 96, 3])) // [1, 10]
 */
export class MobileNetV2 extends nn.Module {
  /** Stem conv, the seventeen {@link InvertedResidual}s and the 1×1 conv: `[m, h, w, c]` → `[m, h/32, w/32, 1280·max(1, α)]`. */
  readonly features: nn.Sequential;
  /** Dropout then the Linear to `numClasses`. */
  readonly classifier: nn.Sequential;

  /**
   * Builds the network with torchvision's initialization.
   * @param options Width multiplier, classes, image channels and dropout rate.
   */
  constructor(options: MobileNetV2Options = {}) {
    super();
    const { widthMult = 1, numClasses = 1000, inChannels = 3, dropout = 0.2 } = options;
    if (!(widthMult > 0 && Number.isFinite(widthMult))) throw new ValueError(`mobilenetV2: widthMult must be positive, got ${String(widthMult)}`);
    let channels = makeDivisible(32 * widthMult);
    const lastChannels = makeDivisible(1280 * Math.max(1, widthMult));
    const layers: nn.Layer[] = [convBnReLU6(inChannels, channels, 3, 2)];
    for (const [t, c, n, s] of SETTINGS) {
      const out = makeDivisible(c * widthMult);
      for (let i = 0; i < n; i++) {
        layers.push(new InvertedResidual(channels, out, i === 0 ? s : 1, t));
        channels = out;
      }
    }
    layers.push(convBnReLU6(channels, lastChannels, 1));
    this.features = new nn.Sequential(...layers);
    this.classifier = new nn.Sequential(new nn.Dropout(dropout), new nn.Linear(lastChannels, numClasses, { weightInit: nn.init.normal(0.01), biasInit: nn.init.zeros() }));
  }

  /** `[m, h, w, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const h = adaptiveAvgPool2d(this.features.forward(x), 1);
    return this.classifier.forward(h.reshape([h.shape[0]!, -1]));
  }
}

/** MobileNet v2 (see {@link MobileNetV2}). @example mobilenetV2({ widthMult: 0.75 }) */
export const mobilenetV2 = (options: MobileNetV2Options = {}): MobileNetV2 => new MobileNetV2(options);
