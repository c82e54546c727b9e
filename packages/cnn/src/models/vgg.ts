import type { Initializer } from '../layers/arguments.js';
import { nn, type Tensor } from '@dlkit/core';
import { Conv2d } from '../layers/conv.js';
import { AdaptiveAvgPool2d, MaxPool2d } from '../layers/pool.js';
import type { FlattenShapes } from '../torch/state-dict.js';
import { kaimingFanOut } from './init.js';

/** Options of {@link vgg16} and {@link alexnet}. */
export interface ClassicNetOptions {
  /** Output classes (default 1000). */
  numClasses?: number;
  /** Image channels (default 3). */
  inChannels?: number;
  /** Dropout rate in the classifier (default 0.5). */
  dropout?: number;
  /**
   * Draw the initial weights (default true). False fills every parameter with zeros instead, for a
   * model whose weights are loaded right after (`loadTorchStateDict`): drawing VGG-16's 138M
   * random values takes seconds (PyTorch's `skip_init` idea).
   */
  initialize?: boolean;
}

/** The weight and bias initializers of a layer: the given ones, or zeros when `initialize` is false. */
function inits(initialize: boolean, weightInit?: Initializer, biasInit?: Initializer): { weightInit?: Initializer; biasInit?: Initializer } {
  if (!initialize) return { weightInit: nn.init.zeros(), biasInit: nn.init.zeros() };
  return { ...(weightInit ? { weightInit } : {}), ...(biasInit ? { biasInit } : {}) };
}

const VGG16: readonly (number | 'M')[] = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'];

/**
 * VGG-16 (Simonyan & Zisserman 2014, configuration D) as torchvision builds it: 13 3×3 same convs
 * with ReLU in five stages ending in 2×2 max pools (`features`), a 7×7 adaptive average pool, and
 * the 4096-4096-classes classifier with dropout (`classifier.0/3/6`). 138,357,544 parameters.
 * @example vgg16({ numClasses: 10 }).forward(randn([1, 64, 64, 3])) // [1, 10]
 */
export class VGG extends nn.Module {
  /** The 13 convs (3×3, padding 1) with ReLUs and five 2×2 max pools: `[m, h, w, c]` → `[m, h/32, w/32, 512]`. */
  readonly features: nn.Sequential;
  /** Adaptive average pool to `[m, 7, 7, 512]`. */
  readonly avgpool = new AdaptiveAvgPool2d(7);
  /** Linear 25088 → 4096, ReLU, dropout, 4096 → 4096, ReLU, dropout, 4096 → classes. */
  readonly classifier: nn.Sequential;
  /** For `loadTorchStateDict`: the `[h, w, c]` map ``classifier.0`` flattens, so PyTorch's `(c, h, w)` weight columns are reordered. */
  readonly torchFlattenShapes: FlattenShapes = { 'classifier.0': [7, 7, 512] };

  /**
   * Builds VGG-16 with torchvision's initialization (or zeros, with `initialize: false`).
   * @param options Classes, image channels, dropout rate and whether to draw the weights.
   */
  constructor(options: ClassicNetOptions = {}) {
    super();
    const { numClasses = 1000, inChannels = 3, dropout = 0.5, initialize = true } = options;
    const layers: nn.Layer[] = [];
    let channels = inChannels;
    for (const v of VGG16) {
      if (v === 'M') layers.push(new MaxPool2d(2));
      else {
        layers.push(new Conv2d(channels, v, 3, { padding: 1, ...inits(initialize, kaimingFanOut, nn.init.zeros()) }), new nn.ReLU());
        channels = v;
      }
    }
    this.features = new nn.Sequential(...layers);
    const linear = (i: number, o: number): nn.Linear => new nn.Linear(i, o, inits(initialize, nn.init.normal(0.01), nn.init.zeros()));
    this.classifier = new nn.Sequential(
      linear(512 * 7 * 7, 4096), new nn.ReLU(), new nn.Dropout(dropout),
      linear(4096, 4096), new nn.ReLU(), new nn.Dropout(dropout),
      linear(4096, numClasses),
    );
  }

  /** `[m, h, w, inChannels]` (h, w ≥ 32) → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const h = this.avgpool.forward(this.features.forward(x));
    return this.classifier.forward(h.reshape([h.shape[0]!, -1]));
  }
}

/** VGG-16 (see {@link VGG}). @example vgg16() */
export const vgg16 = (options: ClassicNetOptions = {}): VGG => new VGG(options);

/**
 * AlexNet (Krizhevsky et al. 2012) in torchvision's single-GPU form: five convs (11×11/4, 5×5,
 * three 3×3) with three 3×3/2 max pools (`features`), a 6×6 adaptive average pool, and the
 * dropout-4096-4096-classes classifier (`classifier.1/4/6`). 61,100,840 parameters.
 * @example alexnet({ numClasses: 10 }).forward(randn([1, 224, 224, 3])) // [1, 10]
 */
export class AlexNet extends nn.Module {
  /** The five convs with ReLUs and three 3×3/2 max pools: `[m, 224, 224, c]` → `[m, 6, 6, 256]`. */
  readonly features: nn.Sequential;
  /** Adaptive average pool to `[m, 6, 6, 256]`. */
  readonly avgpool = new AdaptiveAvgPool2d(6);
  /** Dropout, linear 9216 → 4096, ReLU, dropout, 4096 → 4096, ReLU, 4096 → classes. */
  readonly classifier: nn.Sequential;
  /** For `loadTorchStateDict`: the `[h, w, c]` map ``classifier.1`` flattens, so PyTorch's `(c, h, w)` weight columns are reordered. */
  readonly torchFlattenShapes: FlattenShapes = { 'classifier.1': [6, 6, 256] };

  /**
   * Builds AlexNet with PyTorch's default initialization (or zeros, with `initialize: false`).
   * @param options Classes, image channels, dropout rate and whether to draw the weights.
   */
  constructor(options: ClassicNetOptions = {}) {
    super();
    const { numClasses = 1000, inChannels = 3, dropout = 0.5, initialize = true } = options;
    const init = inits(initialize);
    this.features = new nn.Sequential(
      new Conv2d(inChannels, 64, 11, { ...init, stride: 4, padding: 2 }), new nn.ReLU(), new MaxPool2d(3, { stride: 2 }),
      new Conv2d(64, 192, 5, { ...init, padding: 2 }), new nn.ReLU(), new MaxPool2d(3, { stride: 2 }),
      new Conv2d(192, 384, 3, { ...init, padding: 1 }), new nn.ReLU(),
      new Conv2d(384, 256, 3, { ...init, padding: 1 }), new nn.ReLU(),
      new Conv2d(256, 256, 3, { ...init, padding: 1 }), new nn.ReLU(), new MaxPool2d(3, { stride: 2 }),
    );
    this.classifier = new nn.Sequential(
      new nn.Dropout(dropout), new nn.Linear(256 * 6 * 6, 4096, init), new nn.ReLU(),
      new nn.Dropout(dropout), new nn.Linear(4096, 4096, init), new nn.ReLU(),
      new nn.Linear(4096, numClasses, init),
    );
  }

  /** `[m, h, w, inChannels]` (h, w ≥ 63) → logits `[m, numClasses]`. */
  forward(x: Tensor): Tensor {
    const h = this.avgpool.forward(this.features.forward(x));
    return this.classifier.forward(h.reshape([h.shape[0]!, -1]));
  }
}

/** AlexNet (see {@link AlexNet}). @example alexnet() */
export const alexnet = (options: ClassicNetOptions = {}): AlexNet => new AlexNet(options);
