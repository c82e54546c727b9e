import { nn, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';

/** Options of {@link DeepNet}. */
export interface DeepNetOptions {
  /** Two-conv blocks after the stem: the net has `2·blocks + 2` weight layers. */
  blocks: number;
  /** Channels of every conv (default 8). */
  channels?: number;
  /** Add each block's input to its output (a ResNet), or not (a plain net). */
  residual: boolean;
  /** Side of the (square) input images, even. */
  side: number;
  /** Input channels (default 1). */
  inChannels?: number;
  /** Classes (default 10). */
  numClasses?: number;
}

/**
 * One block of the residual-network lecture, `a[l+2] = g(z[l+2] + a[l])` with the skip, or
 * `g(z[l+2])` without: two 3×3 same convolutions with a ReLU between, no batch norm, so the only
 * difference between the two nets is the shortcut.
 */
export class TwoConvBlock extends nn.Module {
  readonly conv1: Conv2d;
  readonly conv2: Conv2d;

  constructor(channels: number, readonly residual: boolean) {
    super();
    this.conv1 = new Conv2d(channels, channels, 3, { padding: 'same' });
    this.conv2 = new Conv2d(channels, channels, 3, { padding: 'same' });
  }

  forward(x: Tensor): Tensor {
    const z = this.conv2.forward(this.conv1.forward(x).relu());
    return (this.residual ? z.add(x) : z).relu();
  }
}

/**
 * A plain or residual convolutional net of a given depth: 3×3 conv stem → `blocks` two-conv blocks
 * (same width and resolution) → 2×2 max-pool → Linear. PyTorch's default initialisation.
 * @example new DeepNet({ blocks: 8, residual: true, side: 14 }).forward(randn([4, 14, 14, 1])) // [4, 10]
 */
export class DeepNet extends nn.Module {
  readonly stem: Conv2d;
  readonly blocks: nn.Sequential;
  readonly pool = new MaxPool2d(2);
  readonly fc: nn.Linear;

  constructor(options: DeepNetOptions) {
    super();
    const channels = options.channels ?? 8;
    this.stem = new Conv2d(options.inChannels ?? 1, channels, 3, { padding: 'same' });
    this.blocks = new nn.Sequential(...Array.from({ length: options.blocks }, () => new TwoConvBlock(channels, options.residual)));
    this.fc = new nn.Linear(channels * (options.side / 2) ** 2, options.numClasses ?? 10);
  }

  /** `[m, h, w, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const h = this.pool.forward(this.blocks.forward(this.stem.forward(x).relu()));
    return this.fc.forward(h.reshape([h.shape[0]!, -1]));
  }
}
