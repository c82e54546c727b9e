import { nn, type Pair, type Tensor } from '@dlkit/core';
import { assertPositiveInt } from './arguments.js';
import { Conv2d, type Conv2dOptions } from './conv.js';

/** Options of {@link DepthwiseConv2d}. */
export interface DepthwiseConv2dOptions extends Omit<Conv2dOptions, 'groups'> {
  /** Filters per input channel (Keras' `depth_multiplier`, default 1): `channels·depthMultiplier` outputs. */
  depthMultiplier?: number;
}

/**
 * Depthwise convolution (MobileNet): each input channel convolved with its own
 * `depthMultiplier` filters, PyTorch's `Conv2d(c, c·mult, k, groups=c)`.
 *
 * Shapes: `weight [kh, kw, 1, channels·depthMultiplier]` (output channel `c·mult + k` reads input
 * channel `c`), input `[m, h, w, channels]` → `[m, h', w', channels·depthMultiplier]`.
 * @example new DepthwiseConv2d(32, 3, { padding: 'same' }).forward(randn([1, 16, 16, 32])) // [1, 16, 16, 32]
 */
export class DepthwiseConv2d extends Conv2d {
  /**
   * A {@link Conv2d} with `groups = channels`.
   * @param channels Channels of the input.
   * @param kernelSize Window size, `k` or `[kh, kw]`.
   * @param options As {@link Conv2d}'s, with `depthMultiplier` in place of `groups`.
   */
  constructor(channels: number, kernelSize: Pair, options: DepthwiseConv2dOptions = {}) {
    const { depthMultiplier = 1, ...rest } = options;
    assertPositiveInt(depthMultiplier, 'depthMultiplier', 'DepthwiseConv2d');
    super(channels, channels * depthMultiplier, kernelSize, { ...rest, groups: channels });
  }
}

/** Options of {@link SeparableConv2d}. */
export type SeparableConv2dOptions = DepthwiseConv2dOptions;

/**
 * Depthwise-separable convolution (MobileNet v1, Keras' `SeparableConv2D`): a depthwise
 * `k×k` conv (no bias) then a pointwise `1×1` conv to `outChannels`; it costs `1/cOut + 1/k²` of a
 * full `k×k` conv's multiplies.
 *
 * Children: `depthwise` ({@link DepthwiseConv2d}), `pointwise` ({@link Conv2d} 1×1, with the bias).
 * @example new SeparableConv2d(32, 64, 3, { padding: 'same' }).forward(randn([1, 16, 16, 32])) // [1, 16, 16, 64]
 */
export class SeparableConv2d extends nn.Module {
  /** The `k×k` per-channel conv, `cIn → cIn·depthMultiplier`, without bias. */
  readonly depthwise: DepthwiseConv2d;
  /** The `1×1` conv `cIn·depthMultiplier → cOut`, carrying the bias. */
  readonly pointwise: Conv2d;

  /**
   * Builds the two convolutions.
   * @param inChannels Channels of the input, `cIn`.
   * @param outChannels Channels of the output, `cOut`.
   * @param kernelSize Depthwise window, `k` or `[kh, kw]`.
   * @param options Stride, padding and dilation go to the depthwise conv; bias and its initializer to the pointwise one.
   */
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: SeparableConv2dOptions = {}) {
    super();
    const { bias, biasInit, depthMultiplier = 1, ...rest } = options;
    this.depthwise = new DepthwiseConv2d(inChannels, kernelSize, { ...rest, depthMultiplier, bias: false });
    const { weightInit, dtype } = rest;
    this.pointwise = new Conv2d(inChannels * depthMultiplier, outChannels, 1, { bias: bias ?? true, ...(weightInit ? { weightInit } : {}), ...(biasInit ? { biasInit } : {}), ...(dtype ? { dtype } : {}) });
  }

  forward(x: Tensor): Tensor {
    return this.pointwise.forward(this.depthwise.forward(x));
  }
}
