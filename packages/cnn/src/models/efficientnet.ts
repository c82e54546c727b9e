import { adaptiveAvgPool2d, nn, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { SiLU } from '../layers/activations.js';
import { Conv2d } from '../layers/conv.js';
import { SqueezeExcitation } from '../layers/squeeze-excitation.js';
import { StochasticDepth } from '../layers/stochastic-depth.js';
import { kaimingFanOut } from './init.js';
import { makeDivisible } from './mobilenet-v2.js';

/** Batch-norm settings of an EfficientNet (torchvision: eps 1e-5 and momentum 0.1 for B0–B4, 1e-3 and 0.01 for B5–B7). */
export interface EfficientNetNorm {
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** Weight of the current batch in the running statistics (PyTorch's convention). */
  readonly momentum: number;
}

/** Options of {@link MBConv}. */
export interface MBConvOptions {
  /** Drop probability of the residual branch while training (default 0). */
  stochasticDepthProb?: number;
  /** Batch-norm settings (default eps 1e-5, momentum 0.1). */
  norm?: EfficientNetNorm;
  /** Parameter dtype (default float32). */
  dtype?: FloatDType;
}

/** torchvision's `Conv2dNormActivation`: conv (no bias, padding ⌊k/2⌋) → BN → SiLU unless `act` is false; children `0`, `1`(, `2`). */
function convBnSiLU(cIn: number, cOut: number, k: number, stride: number, groups: number, norm: EfficientNetNorm, dtype: FloatDType, act = true): nn.Sequential {
  return new nn.Sequential(
    new Conv2d(cIn, cOut, k, { stride, padding: (k - 1) / 2, groups, bias: false, weightInit: kaimingFanOut, dtype }),
    new nn.BatchNorm2d(cOut, { eps: norm.eps, momentum: norm.momentum, dtype }),
    ...(act ? [new SiLU()] : []),
  );
}

/**
 * EfficientNet's MBConv block (MobileNet v2's inverted residual plus squeeze-excitation, SiLU
 * activations): 1×1 expansion by `expandRatio` (skipped when it is 1), k×k depthwise conv with
 * the stride, squeeze-excitation to `max(1, ⌊cIn/4⌋)` channels, 1×1 linear projection; when the
 * stride is 1 and the widths agree, the input is added back, the branch going through
 * stochastic depth. Children `block` (`block.0` …) and `stochastic_depth` as torchvision's.
 * @example new MBConv(16, 24, 3, 2, 6).forward(randn([1, 112, 112, 16])) // [1, 56, 56, 24]
 */
export class MBConv extends nn.Module {
  /** Expansion (1×1, omitted when `expandRatio` is 1), depthwise k×k, squeeze-excitation, then the linear 1×1 projection. */
  readonly block: nn.Sequential;
  /** Drops the residual branch per example while training (used only with the residual). */
  readonly stochasticDepth: StochasticDepth;
  /** Whether the input is added to the output. */
  readonly useResidual: boolean;

  /**
   * Builds the block with Kaiming (fan-out) conv weights.
   * @param cIn Channels of the input.
   * @param cOut Channels of the output.
   * @param kernelSize Depthwise window, 3 or 5.
   * @param stride Stride of the depthwise conv.
   * @param expandRatio Expansion factor: the hidden width is `makeDivisible(cIn·expandRatio)`.
   * @param options Stochastic-depth probability, batch-norm settings and dtype.
   */
  constructor(cIn: number, cOut: number, kernelSize: 3 | 5, stride: 1 | 2, expandRatio: number, options: MBConvOptions = {}) {
    super();
    const { stochasticDepthProb = 0, norm = { eps: 1e-5, momentum: 0.1 }, dtype = 'float32' } = options;
    this.useResidual = stride === 1 && cIn === cOut;
    const expanded = makeDivisible(cIn * expandRatio);
    this.block = new nn.Sequential(
      ...(expanded !== cIn ? [convBnSiLU(cIn, expanded, 1, 1, 1, norm, dtype)] : []),
      convBnSiLU(expanded, expanded, kernelSize, stride, expanded, norm, dtype),
      new SqueezeExcitation(expanded, Math.max(1, Math.floor(cIn / 4)), { activation: new SiLU(), dtype }),
      convBnSiLU(expanded, cOut, 1, 1, 1, norm, dtype, false),
    );
    this.stochasticDepth = new StochasticDepth(stochasticDepthProb);
  }

  forward(x: Tensor): Tensor {
    const h = this.block.forward(x);
    return this.useResidual ? this.stochasticDepth.forward(h).add(x) : h;
  }
}

/**
 * EfficientNet's compound scaling (Tan & Le 2019): for a budget φ, depth × α^φ, width × β^φ and
 * resolution × γ^φ with α = 1.2, β = 1.1, γ = 1.15 (α·β²·γ² ≈ 2, so each step of φ about
 * doubles the FLOPs). The published B1–B7 round these (see {@link EFFICIENTNET_VARIANTS}).
 * @example compoundScaling(1) // { depth: 1.2, width: 1.1, resolution: 1.15 }
 */
export function compoundScaling(phi: number): {
  /** Layer-count multiplier α^φ. */
  depth: number;
  /** Channel multiplier β^φ. */
  width: number;
  /** Input-size multiplier γ^φ. */
  resolution: number;
} {
  if (!Number.isFinite(phi)) throw new ValueError(`compoundScaling: phi must be a finite number, got ${String(phi)}`);
  return { depth: 1.2 ** phi, width: 1.1 ** phi, resolution: 1.15 ** phi };
}

/** One EfficientNet variant's scaling: torchvision's width and depth multipliers, the paper's resolution, the classifier dropout. */
export interface EfficientNetVariant {
  /** Channel multiplier of every stage (widths rounded to multiples of 8). */
  readonly widthMult: number;
  /** Block-count multiplier of every stage (rounded up). */
  readonly depthMult: number;
  /** Input size the variant was designed for. */
  readonly resolution: number;
  /** Dropout rate before the classifier. */
  readonly dropout: number;
}

/** B0–B7 as torchvision 0.14 defines them (`_efficientnet_conf` and the builders' dropout). */
export const EFFICIENTNET_VARIANTS: readonly EfficientNetVariant[] = [
  { widthMult: 1.0, depthMult: 1.0, resolution: 224, dropout: 0.2 },
  { widthMult: 1.0, depthMult: 1.1, resolution: 240, dropout: 0.2 },
  { widthMult: 1.1, depthMult: 1.2, resolution: 260, dropout: 0.3 },
  { widthMult: 1.2, depthMult: 1.4, resolution: 300, dropout: 0.3 },
  { widthMult: 1.4, depthMult: 1.8, resolution: 380, dropout: 0.4 },
  { widthMult: 1.6, depthMult: 2.2, resolution: 456, dropout: 0.4 },
  { widthMult: 1.8, depthMult: 2.6, resolution: 528, dropout: 0.5 },
  { widthMult: 2.0, depthMult: 3.1, resolution: 600, dropout: 0.5 },
];

/** Options of {@link EfficientNet} and the `efficientnetB*` builders. */
export interface EfficientNetOptions {
  /** Output classes (default 1000). */
  numClasses?: number;
  /** Image channels (default 3). */
  inChannels?: number;
  /** Dropout before the classifier (default: the variant's). */
  dropout?: number;
  /** Largest stochastic-depth drop probability, reached by the last block (default 0.2). */
  stochasticDepthProb?: number;
}

/** `[expand ratio, kernel, stride, cIn, cOut, layers]` of B0's seven stages. */
const STAGES: readonly (readonly [number, 3 | 5, 1 | 2, number, number, number])[] = [
  [1, 3, 1, 32, 16, 1], [6, 3, 2, 16, 24, 2], [6, 5, 2, 24, 40, 2], [6, 3, 2, 40, 80, 3],
  [6, 5, 1, 80, 112, 3], [6, 5, 2, 112, 192, 4], [6, 3, 1, 192, 320, 1],
];

/**
 * EfficientNet (Tan & Le 2019) as torchvision builds it, on NHWC images: a 3×3/2 conv
 * (`features.0`), seven stages of {@link MBConv} blocks (`features.1` … `features.7`, widths ×
 * `widthMult` rounded to multiples of 8, block counts × `depthMult` rounded up; the
 * stochastic-depth probability grows linearly over the blocks), a 1×1 conv to 4× the last width
 * (`features.8`), global average pool, dropout, `classifier.1`. B0: 5,288,548 parameters for 1000 classes.
 * @example new EfficientNet({ widthMult: 0.5, depthMult: 0.5, resolution: 64, dropout: 0.2 }, { numClasses: 10 }).forward(randn([1, 64, 64, 3])) // [1, 10]
 */
export class EfficientNet extends nn.Module {
  /** Stem conv, the seven MBConv stages and the final 1×1 conv: `[m, h, w, c]` → `[m, h/32, w/32, 4·lastWidth]`. */
  readonly features: nn.Sequential;
  /** Dropout then the Linear to `numClasses`. */
  readonly classifier: nn.Sequential;

  /**
   * Builds the network with torchvision's initialization.
   * @param variant Width and depth multipliers and the default dropout, e.g. an entry of {@link EFFICIENTNET_VARIANTS}.
   * @param options Classes, image channels, dropout and the largest stochastic-depth probability.
   * @param norm Batch-norm settings (default eps 1e-5, momentum 0.1).
   */
  constructor(variant: EfficientNetVariant, options: EfficientNetOptions = {}, norm: EfficientNetNorm = { eps: 1e-5, momentum: 0.1 }) {
    super();
    const { numClasses = 1000, inChannels = 3, dropout = variant.dropout, stochasticDepthProb = 0.2 } = options;
    const { widthMult, depthMult } = variant;
    if (!(widthMult > 0 && depthMult > 0)) throw new ValueError(`EfficientNet: widthMult and depthMult must be positive, got ${widthMult} and ${depthMult}`);
    const stages = STAGES.map(([t, k, s, cIn, cOut, n]) => [t, k, s, makeDivisible(cIn * widthMult), makeDivisible(cOut * widthMult), Math.ceil(n * depthMult)] as const);
    const totalBlocks = stages.reduce((sum, stage) => sum + stage[5], 0);
    const layers: nn.Layer[] = [convBnSiLU(inChannels, stages[0]![3], 3, 2, 1, norm, 'float32')];
    let blockId = 0;
    for (const [t, k, s, cIn, cOut, n] of stages) {
      const blocks = Array.from({ length: n }, (_, i) =>
        new MBConv(i === 0 ? cIn : cOut, cOut, k, i === 0 ? s : 1, t, { stochasticDepthProb: (stochasticDepthProb * blockId++) / totalBlocks, norm }));
      layers.push(new nn.Sequential(...blocks));
    }
    const last = stages[stages.length - 1]![4];
    layers.push(convBnSiLU(last, 4 * last, 1, 1, 1, norm, 'float32'));
    this.features = new nn.Sequential(...layers);
    const range = 1 / Math.sqrt(numClasses);
    this.classifier = new nn.Sequential(new nn.Dropout(dropout), new nn.Linear(4 * last, numClasses, { weightInit: nn.init.uniform(-range, range), biasInit: nn.init.zeros() }));
  }

  /** `[m, h, w, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const h = adaptiveAvgPool2d(this.features.forward(x), 1);
    return this.classifier.forward(h.reshape([h.shape[0]!, -1]));
  }
}

const variant = (b: number) => (options: EfficientNetOptions = {}): EfficientNet =>
  new EfficientNet(EFFICIENTNET_VARIANTS[b]!, options, b >= 5 ? { eps: 1e-3, momentum: 0.01 } : undefined);

/** EfficientNet-B0 (5,288,548 parameters for 1000 classes; 224×224). @example efficientnetB0({ numClasses: 10 }) */
export const efficientnetB0 = variant(0);
/** EfficientNet-B1 (depth × 1.1; 240×240). @example efficientnetB1() */
export const efficientnetB1 = variant(1);
/** EfficientNet-B2 (width × 1.1, depth × 1.2; 260×260). @example efficientnetB2() */
export const efficientnetB2 = variant(2);
/** EfficientNet-B3 (width × 1.2, depth × 1.4; 300×300). @example efficientnetB3() */
export const efficientnetB3 = variant(3);
/** EfficientNet-B4 (width × 1.4, depth × 1.8; 380×380). @example efficientnetB4() */
export const efficientnetB4 = variant(4);
/** EfficientNet-B5 (width × 1.6, depth × 2.2; 456×456; BN eps 1e-3, momentum 0.01). @example efficientnetB5() */
export const efficientnetB5 = variant(5);
/** EfficientNet-B6 (width × 1.8, depth × 2.6; 528×528; BN eps 1e-3, momentum 0.01). @example efficientnetB6() */
export const efficientnetB6 = variant(6);
/** EfficientNet-B7 (width × 2.0, depth × 3.1; 600×600; BN eps 1e-3, momentum 0.01). @example efficientnetB7() */
export const efficientnetB7 = variant(7);
