import { nn, relu, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from '@dlkit/cnn';

/** Options of {@link RegionProposalHead}. */
export interface RegionProposalHeadOptions {
  /** Channels of the shared 3 × 3 convolution (default 32). */
  hidden?: number;
  dtype?: FloatDType;
}

/**
 * The small region-proposal head of Faster R-CNN: a 3 × 3 convolution (`same` padding) with ReLU
 * over a backbone's feature map, then a 1 × 1 convolution giving, for each of the `A` anchors of
 * every cell, an objectness logit and the 4 box deltas `[tx, ty, tw, th]` (see `encodeBoxDelta`).
 * Shapes: features `[m, fh, fw, cIn]` → `[m, fh, fw, A·5]`, each anchor's slot `[to, tx, ty, tw, th]`.
 * @example new RegionProposalHead(32, 3).forward(backbone.forward(images)) // [m, fh, fw, 15]
 */
export class RegionProposalHead extends nn.Module {
  readonly conv: Conv2d;
  readonly out: Conv2d;

  constructor(readonly inChannels: number, readonly numAnchors: number, options: RegionProposalHeadOptions = {}) {
    super();
    const hidden = options.hidden ?? 32;
    const dtype = options.dtype ?? 'float32';
    this.conv = new Conv2d(inChannels, hidden, 3, { padding: 'same', dtype });
    this.out = new Conv2d(hidden, numAnchors * 5, 1, { dtype });
  }

  forward(features: Tensor): Tensor {
    return this.out.forward(relu(this.conv.forward(features)));
  }
}
