import { mean, nn, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from './conv.js';

/** Options of {@link SqueezeExcitation}. */
export interface SqueezeExcitationOptions {
  /** Between the two 1×1 convs (default ReLU). */
  activation?: nn.Layer;
  /** The gate (default Sigmoid). */
  scaleActivation?: nn.Layer;
  /** Float dtype of the two convs' weights (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * Squeeze-and-excitation (Hu et al. 2018; torchvision's `SqueezeExcitation`): global average
 * pool → 1×1 conv to `squeezeChannels` → activation → 1×1 conv back → gate, and the input
 * scaled channel by channel by the gate. Children `fc1`, `fc2` as torchvision's.
 *
 * Shapes: `[m, h, w, c]` → `[m, h, w, c]`.
 * @example new SqueezeExcitation(32, 8).forward(randn([2, 8, 8, 32])) // [2, 8, 8, 32]
 */
export class SqueezeExcitation extends nn.Module {
  /** 1×1 conv `c → squeezeChannels`, weight `[1, 1, c, squeezeChannels]`. */
  readonly fc1: Conv2d;
  /** 1×1 conv `squeezeChannels → c`, weight `[1, 1, squeezeChannels, c]`. */
  readonly fc2: Conv2d;
  /** Applied between `fc1` and `fc2`. */
  readonly activation: nn.Layer;
  /** The gate on `fc2`'s output, `[m, 1, 1, c]`. */
  readonly scaleActivation: nn.Layer;

  /**
   * Builds the two 1×1 convs.
   * @param inputChannels Channels `c` of the input (and output).
   * @param squeezeChannels Width of the bottleneck.
   * @param options Activations and dtype.
   */
  constructor(inputChannels: number, squeezeChannels: number, options: SqueezeExcitationOptions = {}) {
    super();
    const dtype = options.dtype ? { dtype: options.dtype } : {};
    this.fc1 = new Conv2d(inputChannels, squeezeChannels, 1, dtype);
    this.fc2 = new Conv2d(squeezeChannels, inputChannels, 1, dtype);
    this.activation = options.activation ?? new nn.ReLU();
    this.scaleActivation = options.scaleActivation ?? new nn.Sigmoid();
  }

  forward(x: Tensor): Tensor {
    const squeezed = mean(x, [1, 2], true);
    const scale = this.scaleActivation.forward(this.fc2.forward(this.activation.forward(this.fc1.forward(squeezed))));
    return x.mul(scale);
  }
}
