import { concat, nn, relu, ShapeError, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { assertPositiveInt, describeValue, formatShape } from '../layers/arguments.js';
import { Conv2d } from '../layers/conv.js';
import { ConvTranspose2d } from '../layers/conv-transpose.js';
import { MaxPool2d } from '../layers/pool.js';
import { Upsample2d } from '../layers/resample.js';

/** How {@link UNetUp} doubles the resolution: a learned 2×2 stride-2 transposed conv, or bilinear up-sampling then a 1×1 conv. */
export type UNetUpsampling = 'transpose' | 'bilinear';

/** Options of {@link DoubleConv}. */
export interface DoubleConvOptions {
  /** Batch normalization between each conv and its ReLU (default false, as the paper; the convs then have no bias). */
  batchNorm?: boolean;
  /** Parameter dtype (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * U-Net's unit: two 3×3 same convolutions, each followed by ReLU (and preceded by it by batch
 * norm when asked), with the paper's He-normal weights `N(0, 2/fanIn)` and zero biases.
 * `[m, h, w, cIn]` → `[m, h, w, cOut]`.
 * @example new DoubleConv(1, 16).forward(randn([2, 8, 8, 1])) // [2, 8, 8, 16]
 */
export class DoubleConv extends nn.Module {
  /** 3×3 same conv `inChannels → outChannels` (no bias with batch norm). */
  readonly conv1: Conv2d;
  /** Batch norm after `conv1`, or `null` without `batchNorm`. */
  readonly bn1: nn.BatchNorm2d | null;
  /** 3×3 same conv `outChannels → outChannels` (no bias with batch norm). */
  readonly conv2: Conv2d;
  /** Batch norm after `conv2`, or `null` without `batchNorm`. */
  readonly bn2: nn.BatchNorm2d | null;

  /**
   * Builds the two convs with He-normal weights and zero biases.
   * @param inChannels Channels of the input.
   * @param outChannels Channels of both convs' outputs.
   * @param options Batch norm and dtype.
   */
  constructor(inChannels: number, outChannels: number, options: DoubleConvOptions = {}) {
    super();
    const { batchNorm = false, dtype } = options;
    const init = { padding: 1, weightInit: nn.init.heNormal(), biasInit: nn.init.zeros(), bias: !batchNorm, dtype };
    this.conv1 = new Conv2d(inChannels, outChannels, 3, init);
    this.bn1 = batchNorm ? new nn.BatchNorm2d(outChannels, { dtype }) : null;
    this.conv2 = new Conv2d(outChannels, outChannels, 3, init);
    this.bn2 = batchNorm ? new nn.BatchNorm2d(outChannels, { dtype }) : null;
  }

  forward(x: Tensor): Tensor {
    const h = this.conv1.forward(x);
    const a = relu(this.bn1 ? this.bn1.forward(h) : h);
    const z = this.conv2.forward(a);
    return relu(this.bn2 ? this.bn2.forward(z) : z);
  }
}

/**
 * One step of U-Net's expanding path: up-sample `x` 2× to half its channels, concatenate the skip
 * connection from the contracting path (channels last: `[up, skip]`), then a {@link DoubleConv}.
 * `x [m, h, w, c]`, `skip [m, 2h, 2w, c/2]` → `[m, 2h, 2w, outChannels]`.
 * @example new UNetUp(32, 16).forward(randn([1, 4, 4, 32]), randn([1, 8, 8, 16])) // [1, 8, 8, 16]
 */
export class UNetUp extends nn.Module<[Tensor, Tensor], Tensor> {
  /** 2×2/2 transposed conv `c → ⌊c/2⌋`, or bilinear 2× up-sampling then a 1×1 conv `c → ⌊c/2⌋`. */
  readonly up: nn.Sequential;
  /** {@link DoubleConv} `2·⌊c/2⌋ → outChannels` on the concatenation `[up, skip]`. */
  readonly conv: DoubleConv;

  /**
   * Builds the up-sampling and the double conv.
   * @param inChannels Channels `c` of the coarser input `x`; the skip connection has `⌊c/2⌋`.
   * @param outChannels Channels of the output.
   * @param options Up-sampling kind (default `'transpose'`), batch norm and dtype.
   */
  constructor(readonly inChannels: number, outChannels: number, options: { upsampling?: UNetUpsampling } & DoubleConvOptions = {}) {
    super();
    const { upsampling = 'transpose', batchNorm = false, dtype } = options;
    if (upsampling !== 'transpose' && upsampling !== 'bilinear') {
      throw new ValueError(`UNetUp: upsampling must be 'transpose' or 'bilinear', got ${describeValue(upsampling)}`);
    }
    const half = Math.floor(inChannels / 2);
    this.up = upsampling === 'transpose'
      ? new nn.Sequential(new ConvTranspose2d(inChannels, half, 2, { stride: 2, dtype }))
      : new nn.Sequential(new Upsample2d({ scaleFactor: 2, mode: 'bilinear' }), new Conv2d(inChannels, half, 1, { dtype }));
    this.conv = new DoubleConv(2 * half, outChannels, { batchNorm, dtype });
  }

  forward(x: Tensor, skip: Tensor): Tensor {
    const up = this.up.forward(x);
    if (skip.rank !== 4 || skip.shape[1] !== up.shape[1] || skip.shape[2] !== up.shape[2] || skip.shape[0] !== up.shape[0]) {
      throw new ShapeError(`UNetUp.forward: skip ${formatShape(skip.shape)} must match the up-sampled ${formatShape(up.shape)} in batch, height and width`);
    }
    return this.conv.forward(concat([up, skip], 3));
  }
}

/** Options of {@link UNet} / {@link unet}. */
export interface UNetOptions {
  /** Image channels (default 1). */
  inChannels?: number;
  /** Classes per pixel, background included (required). */
  numClasses: number;
  /** Number of 2×2 poolings (default 4, the paper's); input sides must be multiples of 2^depth. */
  depth?: number;
  /** Filters of the first level, doubled at each pooling (default 64, the paper's). */
  baseFilters?: number;
  /** How the expanding path up-samples (default `'transpose'`). */
  upsampling?: UNetUpsampling;
  /** Batch norm after every 3×3 conv (default false: the paper has none; it trains faster with it). */
  batchNorm?: boolean;
  /** Parameter dtype (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * U-Net (Ronneberger et al. 2015) as the course draws it, with same padding so the output has
 * the input's size: a contracting path of {@link DoubleConv}s (`down.k`, filters `baseFilters·2^k`)
 * separated by 2×2 max pools, an expanding path of {@link UNetUp}s (up-sample, concatenate the
 * skip connection of the same level, two 3×3 convs), and a 1×1 conv to per-pixel class logits.
 *
 * Shapes: `[m, h, w, inChannels]` (h, w multiples of 2^depth) → logits `[m, h, w, numClasses]`.
 * @example unet({ numClasses: 3, depth: 2, baseFilters: 8 }).forward(randn([1, 16, 16, 1])) // [1, 16, 16, 3]
 */
export class UNet extends nn.Module {
  /** The contracting path: `depth + 1` {@link DoubleConv}s, level k with `baseFilters·2^k` filters. */
  readonly down: DoubleConv[];
  /** The 2×2 max pool between contracting levels. */
  readonly pool = new MaxPool2d(2);
  /** The expanding path: `depth` {@link UNetUp}s, from the coarsest level up. */
  readonly up: UNetUp[];
  /** 1×1 conv `baseFilters → numClasses` to per-pixel logits. */
  readonly head: Conv2d;
  /** Number of poolings; input sides must be multiples of `2^depth`. */
  readonly depth: number;

  /**
   * Builds the network.
   * @param options Classes (required), image channels, depth, base filters, up-sampling, batch norm and dtype.
   */
  constructor(options: UNetOptions) {
    super();
    const { inChannels = 1, numClasses, depth = 4, baseFilters = 64, upsampling = 'transpose', batchNorm = false, dtype } = options;
    assertPositiveInt(inChannels, 'inChannels', 'UNet');
    assertPositiveInt(numClasses, 'numClasses', 'UNet');
    assertPositiveInt(depth, 'depth', 'UNet');
    assertPositiveInt(baseFilters, 'baseFilters', 'UNet');
    if (baseFilters < 2) throw new ValueError(`UNet: baseFilters must be at least 2 (up-sampling halves channels), got ${baseFilters}`);
    this.depth = depth;
    const width = (k: number): number => baseFilters * 2 ** k;
    this.down = Array.from({ length: depth + 1 }, (_, k) => new DoubleConv(k === 0 ? inChannels : width(k - 1), width(k), { batchNorm, dtype }));
    this.up = Array.from({ length: depth }, (_, i) => new UNetUp(width(depth - i), width(depth - i - 1), { upsampling, batchNorm, dtype }));
    this.head = new Conv2d(baseFilters, numClasses, 1, { dtype });
  }

  forward(x: Tensor): Tensor {
    const factor = 2 ** this.depth;
    if (x.rank !== 4 || x.shape[1]! % factor !== 0 || x.shape[2]! % factor !== 0) {
      throw new ShapeError(`UNet.forward: expected NHWC input [m, h, w, c] with h and w multiples of 2^depth = ${factor}, got ${formatShape(x.shape)}`);
    }
    const skips: Tensor[] = [];
    let h = x;
    this.down.forEach((block, k) => {
      h = block.forward(k === 0 ? h : this.pool.forward(h));
      skips.push(h);
    });
    this.up.forEach((block, i) => {
      h = block.forward(h, skips[this.depth - 1 - i]!);
    });
    return this.head.forward(h);
  }
}

/** U-Net (see {@link UNet}). @example unet({ numClasses: 2, depth: 3, baseFilters: 16 }) */
export const unet = (options: UNetOptions): UNet => new UNet(options);
