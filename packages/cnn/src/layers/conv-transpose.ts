import { conv2dTranspose, nn, ShapeError, ValueError, type Pair, type Tensor } from '@dlkit/core';
import { assertPositiveInt, convParameters, formatShape, pair } from './arguments.js';
import type { Conv2dOptions } from './conv.js';

/** Options of {@link ConvTranspose2d}. */
export interface ConvTranspose2dOptions extends Omit<Conv2dOptions, 'padding' | 'groups'> {
  /** PyTorch's `padding`: `dilation·(k-1) - padding` zeros are added to each side of the dilated input (default 0). */
  padding?: Pair;
  /** Extra rows/columns added to one side of the output, to pick among the sizes a strided conv maps onto the same input (default 0; less than the stride or the dilation). */
  outputPadding?: Pair;
}

/**
 * Transposed convolution (U-Net's up-sampling), PyTorch's `nn.ConvTranspose2d(cIn, cOut, k, …)`
 * on NHWC input: the gradient of a convolution with respect to its input.
 *
 * Shapes: `weight [kh, kw, cOut, cIn]` (TensorFlow's layout; PyTorch's is `[cIn, cOut, kh, kw]`),
 * `bias [cOut]`; input `[m, h, w, cIn]` → `[m, (h-1)·s - 2p + d·(kh-1) + outputPadding + 1, …, cOut]`.
 * @example new ConvTranspose2d(8, 3, 2, { stride: 2 }).forward(randn([1, 4, 4, 8])) // [1, 8, 8, 3]
 */
export class ConvTranspose2d extends nn.Module {
  /** Filters, `[kh, kw, cOut, cIn]`. */
  readonly weight: Tensor;
  /** Per-channel offset `[cOut]`, or `null` with `bias: false`. */
  readonly bias: Tensor | null;
  /** `[kh, kw]`. */
  readonly kernelSize: [number, number];
  /** `[sh, sw]`: the output grows by this factor. */
  readonly stride: [number, number];
  /** `[dh, dw]`, the spacing between taps. */
  readonly dilation: [number, number];
  /** `[ph, pw]`, PyTorch's padding: rows/columns cropped from each side of the full output. */
  readonly padding: [number, number];
  /** `[oh, ow]`, extra rows/columns on the bottom/right of the output. */
  readonly outputPadding: [number, number];

  /**
   * Creates the weight and bias with PyTorch's default initialization (fan-in `cOut·kh·kw`).
   * @param inChannels Channels of the input, `cIn`.
   * @param outChannels Channels of the output, `cOut`.
   * @param kernelSize Window size, `k` or `[kh, kw]`.
   * @param options Stride, padding, output padding, dilation, bias, dtype and initializers.
   */
  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, options: ConvTranspose2dOptions = {}) {
    super();
    const where = 'ConvTranspose2d';
    assertPositiveInt(inChannels, 'inChannels', where);
    assertPositiveInt(outChannels, 'outChannels', where);
    this.kernelSize = pair(kernelSize, 'kernelSize', where);
    this.stride = pair(options.stride ?? 1, 'stride', where);
    this.dilation = pair(options.dilation ?? 1, 'dilation', where);
    this.padding = nonNegativePair(options.padding ?? 0, 'padding');
    this.outputPadding = nonNegativePair(options.outputPadding ?? 0, 'outputPadding');
    for (const i of [0, 1]) {
      if (this.outputPadding[i]! >= Math.max(this.stride[i]!, this.dilation[i]!)) {
        throw new ValueError(`${where}: outputPadding ${formatShape(this.outputPadding)} must be smaller than the stride ${formatShape(this.stride)} or the dilation ${formatShape(this.dilation)}`);
      }
    }
    const [kh, kw] = this.kernelSize;
    // PyTorch's fan-in of a transposed conv weight [cIn, cOut, kh, kw] is cOut·kh·kw.
    ({ weight: this.weight, bias: this.bias } = convParameters([kh, kw, outChannels, inChannels], outChannels * kh * kw, outChannels, options));
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 || x.shape[3] !== this.inChannels) {
      throw new ShapeError(`ConvTranspose2d.forward: expected NHWC input [m, h, w, ${this.inChannels}], got ${formatShape(x.shape)}`);
    }
    const size = [0, 1].map((i) => {
      const window = this.dilation[i]! * (this.kernelSize[i]! - 1) + 1;
      return (x.shape[i + 1]! - 1) * this.stride[i]! - 2 * this.padding[i]! + window + this.outputPadding[i]!;
    }) as [number, number];
    if (size[0] < 1 || size[1] < 1) {
      throw new ShapeError(`ConvTranspose2d.forward: input ${formatShape(x.shape)} gives an empty output ${formatShape(size)} with padding ${formatShape(this.padding)}`);
    }
    const [ph, pw] = this.padding;
    // The forward conv with padding p on every side maps the output back onto x (output row
    // r = i·s + j·d - p, PyTorch's rule); the outputPadding rows only fix which size is meant.
    const z = conv2dTranspose(x, this.weight, { strides: this.stride, dilations: this.dilation, padding: [[ph, ph], [pw, pw]], outputSize: size });
    return this.bias ? z.add(this.bias) : z;
  }

  /** `input.size · kh·kw·cOut`: every input value is scattered through the whole filter (taps that land in the cropped padding included). */
  override macs([x]: [Tensor]): number {
    return x.size * this.kernelSize[0] * this.kernelSize[1] * this.outChannels;
  }
}

function nonNegativePair(value: Pair, name: string): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : value;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) {
    throw new ValueError(`ConvTranspose2d: ${name} must be a non-negative integer or a pair of them, got ${JSON.stringify(value)}`);
  }
  return [a, b];
}
