import { adaptiveAvgPool2d, nn, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from '../layers/conv.js';
import { MaxPool2d } from '../layers/pool.js';
import { kaimingFanOut } from './init.js';

/** A 3×3 or 1×1 conv without bias, torchvision's `conv3x3` / `conv1x1`. */
function conv(cIn: number, cOut: number, k: 1 | 3, stride: number, dtype: FloatDType): Conv2d {
  return new Conv2d(cIn, cOut, k, { stride, padding: k === 3 ? 1 : 0, bias: false, weightInit: kaimingFanOut, dtype });
}

/** Options of {@link BasicBlock} and {@link Bottleneck}. */
export interface BlockOptions {
  /** Parameter dtype (default float32). */
  dtype?: FloatDType;
}

/** The projection shortcut (the course's "convolutional block"): 1×1 conv with the block's stride, then batch norm. */
function projection(cIn: number, cOut: number, stride: number, dtype: FloatDType): nn.Sequential | null {
  return stride !== 1 || cIn !== cOut ? new nn.Sequential(conv(cIn, cOut, 1, stride, dtype), new nn.BatchNorm2d(cOut, { dtype })) : null;
}

/**
 * ResNet's basic block (ResNet-18/34): `relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))` with
 * two 3×3 convs; the shortcut is the identity (the course's identity block) or, when the stride
 * or width changes, `downsample` = 1×1 conv + batch norm (the convolutional block).
 * Children `conv1`, `bn1`, `conv2`, `bn2`, `downsample` as torchvision's.
 * @example new BasicBlock(64, 128, 2).forward(randn([1, 56, 56, 64])) // [1, 28, 28, 128]
 */
export class BasicBlock extends nn.Module {
  /** Output channels per `planes`. */
  static readonly expansion = 1;
  /** 3×3 conv `inPlanes → planes` with the block's stride, no bias. */
  readonly conv1: Conv2d;
  /** Batch norm over `planes` channels after `conv1`. */
  readonly bn1: nn.BatchNorm2d;
  /** 3×3 conv `planes → planes`, stride 1, no bias. */
  readonly conv2: Conv2d;
  /** Batch norm after `conv2`. */
  readonly bn2: nn.BatchNorm2d;
  /** Projection shortcut (1×1 conv + batch norm), or `null` for the identity. */
  readonly downsample: nn.Sequential | null;

  /**
   * Builds the block with Kaiming (fan-out) conv weights.
   * @param inPlanes Channels of the input.
   * @param planes Channels of the output.
   * @param stride Stride of `conv1` and the shortcut (default 1; 2 halves the size).
   * @param options Parameter dtype.
   */
  constructor(inPlanes: number, planes: number, stride = 1, options: BlockOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.conv1 = conv(inPlanes, planes, 3, stride, dtype);
    this.bn1 = new nn.BatchNorm2d(planes, { dtype });
    this.conv2 = conv(planes, planes, 3, 1, dtype);
    this.bn2 = new nn.BatchNorm2d(planes, { dtype });
    this.downsample = projection(inPlanes, planes, stride, dtype);
  }

  forward(x: Tensor): Tensor {
    const h = this.bn2.forward(this.conv2.forward(this.bn1.forward(this.conv1.forward(x)).relu()));
    return h.add(this.downsample ? this.downsample.forward(x) : x).relu();
  }
}

/**
 * ResNet's bottleneck block (ResNet-50/101/152): 1×1 conv to `planes`, 3×3 conv with the stride,
 * 1×1 conv to `4·planes`, each followed by batch norm, plus the shortcut (identity or
 * `downsample`), then ReLU. Children `conv1`–`conv3`, `bn1`–`bn3`, `downsample` as torchvision's.
 * @example new Bottleneck(256, 64).forward(randn([1, 56, 56, 256])) // [1, 56, 56, 256]
 */
export class Bottleneck extends nn.Module {
  /** Output channels per `planes`. */
  static readonly expansion = 4;
  /** 1×1 conv `inPlanes → planes`, no bias. */
  readonly conv1: Conv2d;
  /** Batch norm after `conv1`. */
  readonly bn1: nn.BatchNorm2d;
  /** 3×3 conv `planes → planes` with the block's stride, no bias. */
  readonly conv2: Conv2d;
  /** Batch norm after `conv2`. */
  readonly bn2: nn.BatchNorm2d;
  /** 1×1 conv `planes → 4·planes`, no bias. */
  readonly conv3: Conv2d;
  /** Batch norm over `4·planes` channels after `conv3`. */
  readonly bn3: nn.BatchNorm2d;
  /** Projection shortcut (1×1 conv + batch norm), or `null` for the identity. */
  readonly downsample: nn.Sequential | null;

  /**
   * Builds the block with Kaiming (fan-out) conv weights.
   * @param inPlanes Channels of the input.
   * @param planes Bottleneck width; the output has `4·planes` channels.
   * @param stride Stride of `conv2` and the shortcut (default 1; 2 halves the size).
   * @param options Parameter dtype.
   */
  constructor(inPlanes: number, planes: number, stride = 1, options: BlockOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.conv1 = conv(inPlanes, planes, 1, 1, dtype);
    this.bn1 = new nn.BatchNorm2d(planes, { dtype });
    this.conv2 = conv(planes, planes, 3, stride, dtype);
    this.bn2 = new nn.BatchNorm2d(planes, { dtype });
    this.conv3 = conv(planes, planes * 4, 1, 1, dtype);
    this.bn3 = new nn.BatchNorm2d(planes * 4, { dtype });
    this.downsample = projection(inPlanes, planes * 4, stride, dtype);
  }

  forward(x: Tensor): Tensor {
    let h = this.bn1.forward(this.conv1.forward(x)).relu();
    h = this.bn2.forward(this.conv2.forward(h)).relu();
    h = this.bn3.forward(this.conv3.forward(h));
    return h.add(this.downsample ? this.downsample.forward(x) : x).relu();
  }
}

/** Options of the ResNet builders. */
export interface ResNetOptions {
  /** Output classes (default 1000). */
  numClasses?: number;
  /** Image channels (default 3). */
  inChannels?: number;
}

/**
 * ResNet (He et al. 2015) as torchvision builds it, on NHWC images: 7×7/2 conv, 3×3/2 max pool,
 * four stages of residual blocks (64, 128, 256, 512 planes; stages 2–4 halve the size), global
 * average pool, `fc`. State-dict keys equal torchvision's (`layer2.0.downsample.0.weight`, …).
 * Build it with {@link resnet18} … {@link resnet152}.
 * @example new ResNet('basic', [2, 2, 2, 2]).forward(randn([1, 64, 64, 3])) // [1, 1000]
 */
export class ResNet extends nn.Module {
  /** The stem: 7×7/2 conv `inChannels → 64`, padding 3, no bias. */
  readonly conv1: Conv2d;
  /** Batch norm after the stem. */
  readonly bn1: nn.BatchNorm2d;
  /** 3×3/2 max pool, padding 1. */
  readonly maxpool: MaxPool2d;
  /** Stage 1: 64 planes, stride 1. */
  readonly layer1: nn.Sequential;
  /** Stage 2: 128 planes, its first block stride 2. */
  readonly layer2: nn.Sequential;
  /** Stage 3: 256 planes, its first block stride 2. */
  readonly layer3: nn.Sequential;
  /** Stage 4: 512 planes, its first block stride 2. */
  readonly layer4: nn.Sequential;
  /** Classifier `512·expansion → numClasses`. */
  readonly fc: nn.Linear;

  /**
   * Builds the network with torchvision's initialization.
   * @param block `'basic'` ({@link BasicBlock}) or `'bottleneck'` ({@link Bottleneck}).
   * @param layers Blocks in each of the four stages, e.g. `[3, 4, 6, 3]`.
   * @param options Classes and image channels.
   */
  constructor(block: 'basic' | 'bottleneck', layers: readonly [number, number, number, number], options: ResNetOptions = {}) {
    super();
    const { numClasses = 1000, inChannels = 3 } = options;
    if (block !== 'basic' && block !== 'bottleneck') throw new ValueError(`ResNet: block must be 'basic' or 'bottleneck', got ${String(block)}`);
    const Block = block === 'basic' ? BasicBlock : Bottleneck;
    this.conv1 = new Conv2d(inChannels, 64, 7, { stride: 2, padding: 3, bias: false, weightInit: kaimingFanOut });
    this.bn1 = new nn.BatchNorm2d(64);
    this.maxpool = new MaxPool2d(3, { stride: 2, padding: 1 });
    let inPlanes = 64;
    const stage = (planes: number, blocks: number, stride: number): nn.Sequential => {
      const list = Array.from({ length: blocks }, (_, i) => new Block(i === 0 ? inPlanes : planes * Block.expansion, planes, i === 0 ? stride : 1));
      inPlanes = planes * Block.expansion;
      return new nn.Sequential(...list);
    };
    this.layer1 = stage(64, layers[0], 1);
    this.layer2 = stage(128, layers[1], 2);
    this.layer3 = stage(256, layers[2], 2);
    this.layer4 = stage(512, layers[3], 2);
    this.fc = new nn.Linear(512 * Block.expansion, numClasses);
  }

  /** `[m, h, w, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    let h = this.maxpool.forward(this.bn1.forward(this.conv1.forward(x)).relu());
    h = this.layer4.forward(this.layer3.forward(this.layer2.forward(this.layer1.forward(h))));
    const pooled = adaptiveAvgPool2d(h, 1);
    return this.fc.forward(pooled.reshape([pooled.shape[0]!, -1]));
  }
}

/** ResNet-18 (basic blocks `[2, 2, 2, 2]`; 11,689,512 parameters for 1000 classes). @example resnet18({ numClasses: 10 }) */
export const resnet18 = (options: ResNetOptions = {}): ResNet => new ResNet('basic', [2, 2, 2, 2], options);
/** ResNet-34 (basic blocks `[3, 4, 6, 3]`). @example resnet34() */
export const resnet34 = (options: ResNetOptions = {}): ResNet => new ResNet('basic', [3, 4, 6, 3], options);
/** ResNet-50 (bottleneck blocks `[3, 4, 6, 3]`; 25,557,032 parameters for 1000 classes). @example resnet50() */
export const resnet50 = (options: ResNetOptions = {}): ResNet => new ResNet('bottleneck', [3, 4, 6, 3], options);
/** ResNet-101 (bottleneck blocks `[3, 4, 23, 3]`). @example resnet101() */
export const resnet101 = (options: ResNetOptions = {}): ResNet => new ResNet('bottleneck', [3, 4, 23, 3], options);
/** ResNet-152 (bottleneck blocks `[3, 8, 36, 3]`). @example resnet152() */
export const resnet152 = (options: ResNetOptions = {}): ResNet => new ResNet('bottleneck', [3, 8, 36, 3], options);
