import { nn, ValueError, type Tensor } from '@dlkit/core';
import { Conv2d } from '../layers/conv.js';
import { AvgPool2d, MaxPool2d } from '../layers/pool.js';
import type { FlattenShapes } from '../torch/state-dict.js';

/** Options of {@link lenet5}. */
export interface LeNet5Options {
  /** `'classic'` (default): tanh and 2×2 average pooling, as LeCun et al. 1998 and the course draw it; `'modern'`: ReLU and 2×2 max pooling. */
  variant?: 'classic' | 'modern';
  /** Output classes (default 10). */
  numClasses?: number;
  /** Image channels (default 1). */
  inChannels?: number;
  /** Zero padding of the first conv (default 0, for 32×32 images; 2 feeds 28×28 MNIST digits through the same shapes). */
  padding?: number;
}

/**
 * LeNet-5: 32×32×c → 5×5 conv to 6 maps (28×28) → 2×2 pool (14×14) → 5×5 conv to 16 maps
 * (10×10) → 2×2 pool (5×5×16 = 400) → 120 → 84 → classes, the course's drawing of LeCun et al.
 * 1998 (tanh, average pooling; 61,706 parameters for 10 classes) or its ReLU/max-pool variant.
 * Children `conv1`, `pool1`, `conv2`, `pool2`, `fc1`, `fc2`, `fc3`.
 * @example lenet5({ padding: 2 }).forward(randn([8, 28, 28, 1])) // [8, 10]
 */
export class LeNet5 extends nn.Module {
  /** 5×5 conv `inChannels → 6`, weight `[5, 5, inChannels, 6]`. */
  readonly conv1: Conv2d;
  /** 2×2 pool (average for `'classic'`, max for `'modern'`; `AvgPool2d` extends `MaxPool2d`). */
  readonly pool1: MaxPool2d;
  /** 5×5 conv `6 → 16`. */
  readonly conv2: Conv2d;
  /** 2×2 pool to `[m, 5, 5, 16]`. */
  readonly pool2: MaxPool2d;
  /** Linear 400 → 120. */
  readonly fc1: nn.Linear;
  /** Linear 120 → 84. */
  readonly fc2: nn.Linear;
  /** Linear 84 → classes. */
  readonly fc3: nn.Linear;
  /** Tanh (`'classic'`) or ReLU (`'modern'`), after every layer but `fc3` and the pools. */
  readonly activation: nn.Layer;
  /** For `loadTorchStateDict`: the `[h, w, c]` map ``fc1`` flattens, so PyTorch's `(c, h, w)` weight columns are reordered. */
  readonly torchFlattenShapes: FlattenShapes = { fc1: [5, 5, 16] };

  /**
   * Builds LeNet-5 with PyTorch's default initialization.
   * @param options Variant, classes, image channels and the first conv's padding.
   */
  constructor(options: LeNet5Options = {}) {
    super();
    const { variant = 'classic', numClasses = 10, inChannels = 1, padding = 0 } = options;
    if (variant !== 'classic' && variant !== 'modern') throw new ValueError(`lenet5: variant must be 'classic' or 'modern', got ${String(variant)}`);
    const Pool = variant === 'classic' ? AvgPool2d : MaxPool2d;
    this.activation = variant === 'classic' ? new nn.Tanh() : new nn.ReLU();
    this.conv1 = new Conv2d(inChannels, 6, 5, { padding });
    this.pool1 = new Pool(2);
    this.conv2 = new Conv2d(6, 16, 5);
    this.pool2 = new Pool(2);
    this.fc1 = new nn.Linear(16 * 5 * 5, 120);
    this.fc2 = new nn.Linear(120, 84);
    this.fc3 = new nn.Linear(84, numClasses);
  }

  /** `[m, 32 - 2·padding, 32 - 2·padding, inChannels]` → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const act = (t: Tensor): Tensor => this.activation.forward(t);
    let h = this.pool1.forward(act(this.conv1.forward(x)));
    h = this.pool2.forward(act(this.conv2.forward(h)));
    h = act(this.fc1.forward(h.reshape([h.shape[0]!, -1])));
    return this.fc3.forward(act(this.fc2.forward(h)));
  }
}

/** LeNet-5 (see {@link LeNet5}). @example lenet5({ variant: 'modern', padding: 2 }) */
export const lenet5 = (options: LeNet5Options = {}): LeNet5 => new LeNet5(options);
