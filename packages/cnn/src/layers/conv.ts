import type { Initializer } from './arguments.js';
import { conv1d, conv2d, nn, ShapeError, ValueError, type FloatDType, type Pair, type PaddingSpec, type Tensor } from '@dlkit/core';
import { assertPositiveInt, convParameters, formatShape, pair } from './arguments.js';

/** Options of {@link Conv2d} (PyTorch's keyword arguments, camelCase). */
export interface Conv2dOptions {
  /** Step of the window (default 1). */
  stride?: Pair;
  /** `'valid'` (default), `'same'` (TensorFlow's rule, any stride), a number for every side, or `[[top, bottom], [left, right]]`. */
  padding?: PaddingSpec;
  /** Spacing between filter taps (default 1). */
  dilation?: Pair;
  /** Independent channel groups (default 1); `cIn` groups is a depthwise convolution. */
  groups?: number;
  /** Add a bias per output channel (default true). */
  bias?: boolean;
  /** Float dtype of the weight and bias (default `'float32'`). */
  dtype?: FloatDType;
  /** Weight initializer; default PyTorch's `U(±1/√fanIn)`. */
  weightInit?: Initializer;
  /** Bias initializer; default PyTorch's `U(±1/√fanIn)`. */
  biasInit?: Initializer;
}

/**
 * 2-D convolution on NHWC images, built like PyTorch's `nn.Conv2d(cIn, cOut, kernelSize, …)`.
 *
 * Shapes: `weight [kh, kw, cIn/groups, cOut]`, `bias [cOut]`; input `[m, nH, nW, cIn]` →
 * `[m, ⌊(nH + 2p - d(k-1) - 1)/s⌋ + 1, …, cOut]`. `loadTorchStateDict` maps PyTorch's
 * `[cOut, cIn/groups, kh, kw]` weights onto this layout.
 * @example new Conv2d(3, 16, 3, { padding: 'same' }).forward(randn([8, 32, 32, 3])) // [8, 32, 32, 16]
 */
export class Conv2d extends nn.Module {
  /** Filters, `[kh, kw, cIn/groups, cOut]` (HWIO). */
  readonly weight: Tensor;
  /** Per-channel offset `[cOut]`, or `null` with `bias: false`. */
  readonly bias: Tensor | null;
  /** `[kh, kw]`. */
  readonly kernelSize: [number, number];
  /** `[sh, sw]`, the window's step. */
  readonly stride: [number, number];
  /** `[dh, dw]`, the spacing between taps. */
  readonly dilation: [number, number];
  /** The padding rule as given (default `'valid'`). */
  readonly padding: PaddingSpec;
  /** Channel groups; `cIn` and `cOut` are both multiples of it. */
  readonly groups: number;

  /**
   * Creates the weight and bias with PyTorch's default initialization unless `options` says otherwise.
   * @param inChannels Channels of the input, `cIn`.
   * @param outChannels Filters, `cOut`.
   * @param kernelSize Window size, `k` or `[kh, kw]`.
   * @param options Stride, padding, dilation, groups, bias, dtype and initializers.
   */
  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, options: Conv2dOptions = {}) {
    super();
    const where = new.target.name;
    assertPositiveInt(inChannels, 'inChannels', where);
    assertPositiveInt(outChannels, 'outChannels', where);
    this.kernelSize = pair(kernelSize, 'kernelSize', where);
    this.stride = pair(options.stride ?? 1, 'stride', where);
    this.dilation = pair(options.dilation ?? 1, 'dilation', where);
    this.padding = options.padding ?? 'valid';
    this.groups = options.groups ?? 1;
    assertPositiveInt(this.groups, 'groups', where);
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw new ValueError(`${where}: inChannels (${inChannels}) and outChannels (${outChannels}) must both be divisible by groups (${this.groups})`);
    }
    const [kh, kw] = this.kernelSize;
    const perGroup = inChannels / this.groups;
    ({ weight: this.weight, bias: this.bias } = convParameters([kh, kw, perGroup, outChannels], perGroup * kh * kw, outChannels, options));
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 || x.shape[3] !== this.inChannels) {
      throw new ShapeError(`${this.constructor.name}.forward: expected NHWC input [m, h, w, ${this.inChannels}], got ${formatShape(x.shape)}`);
    }
    const z = conv2d(x, this.weight, { strides: this.stride, padding: this.padding, dilations: this.dilation, groups: this.groups });
    return this.bias ? z.add(this.bias) : z;
  }

  /** `output.size · kh·kw·cIn/groups`: each output value sums a `kh×kw` window of its group's channels. */
  override macs(_inputs: [Tensor], output: Tensor): number {
    return output.size * this.kernelSize[0] * this.kernelSize[1] * (this.inChannels / this.groups);
  }
}

/** Options of {@link Conv1d}. */
export interface Conv1dOptions extends Omit<Conv2dOptions, 'stride' | 'padding' | 'dilation'> {
  /** Step of the window (default 1). */
  stride?: number;
  /** `'valid'` (default), `'same'`, a number for both ends, or `[before, after]` (`[k - 1, 0]` is causal). */
  padding?: 'valid' | 'same' | number | readonly [number, number];
  /** Spacing between filter taps (default 1). */
  dilation?: number;
}

/**
 * 1-D convolution over sequences `[m, length, cIn]` → `[m, length', cOut]`, PyTorch's
 * `nn.Conv1d(cIn, cOut, kernelSize, …)` batch-first and channels-last.
 *
 * Shapes: `weight [k, cIn/groups, cOut]` (PyTorch's `[cOut, cIn/groups, k]` transposed), `bias [cOut]`.
 * @example new Conv1d(8, 16, 5, { padding: 'same' }).forward(randn([2, 100, 8])) // [2, 100, 16]
 */
export class Conv1d extends nn.Module {
  /** Filters, `[k, cIn/groups, cOut]`. */
  readonly weight: Tensor;
  /** Per-channel offset `[cOut]`, or `null` with `bias: false`. */
  readonly bias: Tensor | null;
  /** Step of the window. */
  readonly stride: number;
  /** Spacing between taps. */
  readonly dilation: number;
  /** The padding rule as given (default `'valid'`). */
  readonly padding: 'valid' | 'same' | number | readonly [number, number];
  /** Channel groups; `cIn` and `cOut` are both multiples of it. */
  readonly groups: number;

  /**
   * Creates the weight and bias with PyTorch's default initialization unless `options` says otherwise.
   * @param inChannels Channels of the input, `cIn`.
   * @param outChannels Filters, `cOut`.
   * @param kernelSize Taps per filter, `k`.
   * @param options Stride, padding, dilation, groups, bias and initializers.
   */
  constructor(readonly inChannels: number, readonly outChannels: number, readonly kernelSize: number, options: Conv1dOptions = {}) {
    super();
    assertPositiveInt(inChannels, 'inChannels', 'Conv1d');
    assertPositiveInt(outChannels, 'outChannels', 'Conv1d');
    assertPositiveInt(kernelSize, 'kernelSize', 'Conv1d');
    this.stride = options.stride ?? 1;
    this.dilation = options.dilation ?? 1;
    assertPositiveInt(this.stride, 'stride', 'Conv1d');
    assertPositiveInt(this.dilation, 'dilation', 'Conv1d');
    this.padding = options.padding ?? 'valid';
    this.groups = options.groups ?? 1;
    assertPositiveInt(this.groups, 'groups', 'Conv1d');
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw new ValueError(`Conv1d: inChannels (${inChannels}) and outChannels (${outChannels}) must both be divisible by groups (${this.groups})`);
    }
    const perGroup = inChannels / this.groups;
    ({ weight: this.weight, bias: this.bias } = convParameters([kernelSize, perGroup, outChannels], perGroup * kernelSize, outChannels, options));
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 3 || x.shape[2] !== this.inChannels) {
      throw new ShapeError(`Conv1d.forward: expected input [m, length, ${this.inChannels}], got ${formatShape(x.shape)}`);
    }
    const z = conv1d(x, this.weight, { strides: this.stride, padding: this.padding, dilations: this.dilation, groups: this.groups });
    return this.bias ? z.add(this.bias) : z;
  }

  /** `output.size · k·cIn/groups`, as {@link Conv2d.macs} with one spatial dim. */
  override macs(_inputs: [Tensor], output: Tensor): number {
    return output.size * this.kernelSize * (this.inChannels / this.groups);
  }
}
