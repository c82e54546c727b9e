import { adaptiveAvgPool2d, concat, nn, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from '../layers/conv.js';
import { AdaptiveAvgPool2d, MaxPool2d } from '../layers/pool.js';
import type { FlattenShapes } from '../torch/state-dict.js';

/** Options of GoogLeNet's blocks. */
export interface InceptionBlockOptions {
  /** Parameter dtype (default float32). */
  dtype?: FloatDType;
}

/** torchvision's GoogLeNet initialization: `N(0, 0.01²)` (its truncation at ±2 is 200σ away). */
const smallNormal = nn.init.normal(0.01);

/**
 * torchvision's `BasicConv2d`: conv without bias → batch norm (eps 1e-3) → ReLU. Children `conv`, `bn`.
 * @example new BasicConv2d(3, 64, 7, { stride: 2, padding: 3 }).forward(randn([1, 224, 224, 3])) // [1, 112, 112, 64]
 */
export class BasicConv2d extends nn.Module {
  /** The conv `cIn → cOut`, no bias, weights `N(0, 0.01²)`. */
  readonly conv: Conv2d;
  /** Batch norm over `cOut` channels (eps 1e-3). */
  readonly bn: nn.BatchNorm2d;

  /**
   * Builds the conv and its batch norm.
   * @param cIn Channels of the input.
   * @param cOut Channels of the output.
   * @param kernelSize Square window size.
   * @param options Stride (default 1), numeric padding (default 0) and dtype.
   */
  constructor(cIn: number, cOut: number, kernelSize: number, options: { stride?: number; padding?: number; dtype?: FloatDType } = {}) {
    super();
    const { stride = 1, padding = 0, dtype = 'float32' } = options;
    this.conv = new Conv2d(cIn, cOut, kernelSize, { stride, padding, bias: false, weightInit: smallNormal, dtype });
    this.bn = new nn.BatchNorm2d(cOut, { eps: 1e-3, dtype });
  }

  forward(x: Tensor): Tensor {
    return this.bn.forward(this.conv.forward(x)).relu();
  }
}

/** Branch widths of an {@link Inception} module, in torchvision's argument order. */
export interface InceptionWidths {
  /** The 1×1 branch. */
  readonly ch1x1: number;
  /** 1×1 reduction before the 3×3 conv. */
  readonly ch3x3red: number;
  /** The 3×3 conv. */
  readonly ch3x3: number;
  /** 1×1 reduction before the "5×5" conv. */
  readonly ch5x5red: number;
  /** The "5×5" conv (a 3×3 kernel, as torchvision's). */
  readonly ch5x5: number;
  /** The 1×1 projection after the 3×3 max pool. */
  readonly poolProj: number;
}

/**
 * The inception module (Szegedy et al. 2014) as the course draws it: four branches on the same
 * input, concatenated along channels: a 1×1 conv; a 1×1 reduction then a 3×3 conv; a 1×1
 * reduction then the "5×5" conv; a 3×3/1 max pool then a 1×1 pool projection. The 1×1
 * reductions are what keep it cheap (see `countMacs`). As in torchvision (whose pretrained
 * weights have it), the "5×5" branch uses a 3×3 kernel. Children `branch1` … `branch4`.
 *
 * Shapes: `[m, h, w, cIn]` → `[m, h, w, ch1x1 + ch3x3 + ch5x5 + poolProj]`.
 * @example new Inception(192, { ch1x1: 64, ch3x3red: 96, ch3x3: 128, ch5x5red: 16, ch5x5: 32, poolProj: 32 }).forward(randn([1, 28, 28, 192])) // [1, 28, 28, 256]
 */
export class Inception extends nn.Module {
  /** 1×1 conv `cIn → ch1x1`. */
  readonly branch1: BasicConv2d;
  /** 1×1 conv `cIn → ch3x3red`, then 3×3 conv `→ ch3x3`. */
  readonly branch2: nn.Sequential;
  /** 1×1 conv `cIn → ch5x5red`, then 3×3 conv `→ ch5x5`. */
  readonly branch3: nn.Sequential;
  /** 3×3/1 max pool, then 1×1 conv `cIn → poolProj`. */
  readonly branch4: nn.Sequential;
  /** Output channels. */
  readonly outChannels: number;

  /**
   * Builds the four branches.
   * @param cIn Channels of the input.
   * @param widths The branches' widths.
   * @param options Parameter dtype.
   */
  constructor(cIn: number, widths: InceptionWidths, options: InceptionBlockOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    const { ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, poolProj } = widths;
    this.branch1 = new BasicConv2d(cIn, ch1x1, 1, { dtype });
    this.branch2 = new nn.Sequential(new BasicConv2d(cIn, ch3x3red, 1, { dtype }), new BasicConv2d(ch3x3red, ch3x3, 3, { padding: 1, dtype }));
    this.branch3 = new nn.Sequential(new BasicConv2d(cIn, ch5x5red, 1, { dtype }), new BasicConv2d(ch5x5red, ch5x5, 3, { padding: 1, dtype }));
    this.branch4 = new nn.Sequential(new MaxPool2d(3, { stride: 1, padding: 1, ceilMode: true }), new BasicConv2d(cIn, poolProj, 1, { dtype }));
    this.outChannels = ch1x1 + ch3x3 + ch5x5 + poolProj;
  }

  forward(x: Tensor): Tensor {
    return concat([this.branch1.forward(x), this.branch2.forward(x), this.branch3.forward(x), this.branch4.forward(x)], 3);
  }
}

/**
 * GoogLeNet's auxiliary classifier (the lecture's side branch that makes a middle layer
 * predict too): 4×4 adaptive average pool → `BasicConv2d` 1×1 to 128 → flatten → `fc1` 2048→1024
 * → ReLU → dropout → `fc2`. Children `conv`, `fc1`, `fc2` as torchvision's.
 * @example new InceptionAux(512, 10).forward(randn([2, 14, 14, 512])) // [2, 10]
 */
export class InceptionAux extends nn.Module {
  /** Adaptive average pool to `[m, 4, 4, cIn]`. */
  readonly pool = new AdaptiveAvgPool2d(4);
  /** 1×1 {@link BasicConv2d} `cIn → 128`. */
  readonly conv: BasicConv2d;
  /** Linear 2048 → 1024 on the flattened `[4, 4, 128]` map. */
  readonly fc1: nn.Linear;
  /** Linear 1024 → classes. */
  readonly fc2: nn.Linear;
  /** Dropout after `fc1` (default rate 0.7). */
  readonly dropout: nn.Dropout;

  /**
   * Builds the side classifier.
   * @param cIn Channels of the inception output it reads (512 after 4a, 528 after 4d).
   * @param numClasses Output classes.
   * @param options Parameter dtype and dropout rate.
   */
  constructor(cIn: number, numClasses: number, options: InceptionBlockOptions & { dropout?: number } = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.conv = new BasicConv2d(cIn, 128, 1, { dtype });
    this.fc1 = new nn.Linear(2048, 1024, { weightInit: smallNormal, dtype });
    this.fc2 = new nn.Linear(1024, numClasses, { weightInit: smallNormal, dtype });
    this.dropout = new nn.Dropout(options.dropout ?? 0.7);
  }

  forward(x: Tensor): Tensor {
    const h = this.conv.forward(this.pool.forward(x));
    return this.fc2.forward(this.dropout.forward(this.fc1.forward(h.reshape([h.shape[0]!, -1])).relu()));
  }
}

/** Options of {@link googlenet}. */
export interface GoogLeNetOptions {
  /** Build the two auxiliary classifiers `aux1` (after 4a) and `aux2` (after 4d) (default false; torchvision's class defaults to true). */
  auxLogits?: boolean;
  /** Output classes (default 1000). */
  numClasses?: number;
  /** Image channels (default 3). */
  inChannels?: number;
  /** Dropout before `fc` (default 0.2). */
  dropout?: number;
  /** Dropout inside the auxiliary classifiers (default 0.7). */
  dropoutAux?: number;
}

/** The main logits and, while training with `auxLogits`, the two side branches' logits. */
export interface GoogLeNetOutputs {
  /** Main classifier logits `[m, numClasses]`. */
  readonly logits: Tensor;
  /** From `aux1` (after inception 4a); null in eval mode or without `auxLogits`. */
  readonly aux1: Tensor | null;
  /** From `aux2` (after inception 4d); null in eval mode or without `auxLogits`. */
  readonly aux2: Tensor | null;
}

const w = (ch1x1: number, ch3x3red: number, ch3x3: number, ch5x5red: number, ch5x5: number, poolProj: number): InceptionWidths => ({ ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, poolProj });

/**
 * GoogLeNet / Inception v1 (Szegedy et al. 2014) as torchvision builds it, on NHWC images:
 * `conv1` 7×7/2, max pool, `conv2` 1×1, `conv3` 3×3, max pool, inception 3a–3b, max pool, 4a–4e,
 * max pool, 5a–5b, global average pool, dropout, `fc` (max pools round up, PyTorch's
 * `ceil_mode`). 6,624,904 parameters for 1000 classes without the auxiliary classifiers,
 * 13,004,888 with them. `forward` gives the main logits; {@link GoogLeNet.forwardWithAux} also
 * gives the side branches' while training (the paper adds them to the loss with weight 0.3).
 * @example googlenet({ numClasses: 10 }).forward(randn([1, 64, 64, 3])) // [1, 10]
 */
export class GoogLeNet extends nn.Module {
  /** 7×7/2 conv `inChannels → 64`, padding 3. */
  readonly conv1: BasicConv2d;
  /** 3×3/2 max pool (ceil mode). */
  readonly maxpool1 = new MaxPool2d(3, { stride: 2, ceilMode: true });
  /** 1×1 conv `64 → 64`. */
  readonly conv2: BasicConv2d;
  /** 3×3 conv `64 → 192`, padding 1. */
  readonly conv3: BasicConv2d;
  /** 3×3/2 max pool (ceil mode). */
  readonly maxpool2 = new MaxPool2d(3, { stride: 2, ceilMode: true });
  /** Inception 3a: `192` → `256` channels. */
  readonly inception3a: Inception;
  /** Inception 3b: `256` → `480` channels. */
  readonly inception3b: Inception;
  /** 3×3/2 max pool (ceil mode). */
  readonly maxpool3 = new MaxPool2d(3, { stride: 2, ceilMode: true });
  /** Inception 4a: `480` → `512` channels. */
  readonly inception4a: Inception;
  /** Inception 4b: `512` → `512` channels. */
  readonly inception4b: Inception;
  /** Inception 4c: `512` → `512` channels. */
  readonly inception4c: Inception;
  /** Inception 4d: `512` → `528` channels. */
  readonly inception4d: Inception;
  /** Inception 4e: `528` → `832` channels. */
  readonly inception4e: Inception;
  /** 2×2/2 max pool (ceil mode). */
  readonly maxpool4 = new MaxPool2d(2, { stride: 2, ceilMode: true });
  /** Inception 5a: `832` → `832` channels. */
  readonly inception5a: Inception;
  /** Inception 5b: `832` → `1024` channels. */
  readonly inception5b: Inception;
  /** Auxiliary classifier on inception 4a's output, or `null` without `auxLogits`. */
  readonly aux1: InceptionAux | null;
  /** Auxiliary classifier on inception 4d's output, or `null` without `auxLogits`. */
  readonly aux2: InceptionAux | null;
  /** Dropout before `fc` (default rate 0.2). */
  readonly dropout: nn.Dropout;
  /** Linear 1024 → classes on the pooled features. */
  readonly fc: nn.Linear;
  /** For `loadTorchStateDict`: the `[4, 4, 128]` maps the auxiliary classifiers' `fc1` flatten (empty without them). */
  readonly torchFlattenShapes: FlattenShapes;

  /**
   * Builds the network with torchvision's initialization.
   * @param options Auxiliary classifiers, classes, image channels and dropout rates.
   */
  constructor(options: GoogLeNetOptions = {}) {
    super();
    const { auxLogits = false, numClasses = 1000, inChannels = 3, dropout = 0.2, dropoutAux = 0.7 } = options;
    if (!Number.isInteger(numClasses) || numClasses < 1) throw new ValueError(`googlenet: numClasses must be a positive integer, got ${String(numClasses)}`);
    this.conv1 = new BasicConv2d(inChannels, 64, 7, { stride: 2, padding: 3 });
    this.conv2 = new BasicConv2d(64, 64, 1);
    this.conv3 = new BasicConv2d(64, 192, 3, { padding: 1 });
    this.inception3a = new Inception(192, w(64, 96, 128, 16, 32, 32));
    this.inception3b = new Inception(256, w(128, 128, 192, 32, 96, 64));
    this.inception4a = new Inception(480, w(192, 96, 208, 16, 48, 64));
    this.inception4b = new Inception(512, w(160, 112, 224, 24, 64, 64));
    this.inception4c = new Inception(512, w(128, 128, 256, 24, 64, 64));
    this.inception4d = new Inception(512, w(112, 144, 288, 32, 64, 64));
    this.inception4e = new Inception(528, w(256, 160, 320, 32, 128, 128));
    this.inception5a = new Inception(832, w(256, 160, 320, 32, 128, 128));
    this.inception5b = new Inception(832, w(384, 192, 384, 48, 128, 128));
    this.aux1 = auxLogits ? new InceptionAux(512, numClasses, { dropout: dropoutAux }) : null;
    this.aux2 = auxLogits ? new InceptionAux(528, numClasses, { dropout: dropoutAux }) : null;
    this.dropout = new nn.Dropout(dropout);
    this.fc = new nn.Linear(1024, numClasses, { weightInit: smallNormal });
    this.torchFlattenShapes = auxLogits ? { 'aux1.fc1': [4, 4, 128], 'aux2.fc1': [4, 4, 128] } : {};
  }

  /** `[m, h, w, inChannels]` → main logits and, while training with `auxLogits`, the side branches' logits. */
  forwardWithAux(x: Tensor): GoogLeNetOutputs {
    let h = this.maxpool1.forward(this.conv1.forward(x));
    h = this.maxpool2.forward(this.conv3.forward(this.conv2.forward(h)));
    h = this.maxpool3.forward(this.inception3b.forward(this.inception3a.forward(h)));
    h = this.inception4a.forward(h);
    const aux1 = this.training && this.aux1 ? this.aux1.forward(h) : null;
    h = this.inception4d.forward(this.inception4c.forward(this.inception4b.forward(h)));
    const aux2 = this.training && this.aux2 ? this.aux2.forward(h) : null;
    h = this.maxpool4.forward(this.inception4e.forward(h));
    h = this.inception5b.forward(this.inception5a.forward(h));
    const pooled = adaptiveAvgPool2d(h, 1);
    const logits = this.fc.forward(this.dropout.forward(pooled.reshape([pooled.shape[0]!, -1])));
    return { logits, aux1, aux2 };
  }

  /** `[m, h, w, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    return this.forwardWithAux(x).logits;
  }
}

/** GoogLeNet / Inception v1 (see {@link GoogLeNet}). @example googlenet({ auxLogits: true }) */
export const googlenet = (options: GoogLeNetOptions = {}): GoogLeNet => new GoogLeNet(options);
