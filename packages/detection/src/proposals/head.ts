import { nn, relu, type FloatDType, type Tensor } from '@dlkit/core';
import { Conv2d } from '@dlkit/cnn';

/** Options of {@link RegionProposalHead}. */
export interface RegionProposalHeadOptions {
  /** Channels of the shared 3 × 3 convolution (default 32). */
  hidden?: number;
  /** Parameter dtype (default `'float32'`). */
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
  /** The shared 3 × 3 conv `cIn → hidden`, weight `[3, 3, cIn, hidden]`. */
  readonly conv: Conv2d;
  /** The 1 × 1 conv `hidden → 5·A`, weight `[1, 1, hidden, 5·A]`. */
  readonly out: Conv2d;

  /**
   * Builds the two convolutions.
   * @param inChannels Channels `cIn` of the backbone's feature map.
   * @param numAnchors Anchors `A` per cell.
   * @param options Hidden channels and dtype.
   */
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
