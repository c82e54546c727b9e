import { abs, nn, squeeze, sub, type FloatDType, type Tensor } from '@dlkit/core';
import { assertPairShapes, l2Normalize } from './distance.js';

/** Options of {@link Siamese}. */
export interface SiameseOptions {
  /** L2-normalize the embeddings (default true, FaceNet's). */
  normalize?: boolean;
}

/**
 * A siamese network: one encoder `f` (its weights shared) applied to both inputs, as in DeepFace
 * and FaceNet. `embed(x)` gives `f(x)` (unit length by default); `forward(x1, x2)` both embeddings.
 * The encoder's parameters appear once in `parameters()` and in the state dict (`encoder.*`).
 *
 * Shapes: the encoder's input → `[m, d]` embeddings.
 * @example
 * ```ts
 * const net = new Siamese(new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 64)));
 * const [f1, f2] = net.forward(x1, x2);
 * ```
 */
export class Siamese<E extends nn.Module<[Tensor], Tensor> = nn.Module<[Tensor], Tensor>> extends nn.Module<[Tensor, Tensor], [Tensor, Tensor]> {
  /** Whether `embed` L2-normalizes the encoder's output. */
  readonly normalize: boolean;

  /**
   * Wraps the shared encoder.
   * @param encoder The network `f`: a batch of inputs `[m, …]` → embeddings `[m, d]`.
   * @param options Whether to L2-normalize the embeddings.
   */
  constructor(readonly encoder: E, options: SiameseOptions = {}) {
    super();
    this.normalize = options.normalize ?? true;
  }

  /** `f(x)`: `[m, …]` → `[m, d]`. */
  embed(x: Tensor): Tensor {
    const e = this.encoder.forward(x);
    return this.normalize ? l2Normalize(e) : e;
  }

  forward(x1: Tensor, x2: Tensor): [Tensor, Tensor] {
    return [this.embed(x1), this.embed(x2)];
  }
}

/**
 * The lecture's alternative to a distance threshold: face verification as binary classification,
 * `ŷ = σ(Σ_k w_k·|f(x1)_k − f(x2)_k| + b)`. Returns the logit; train with
 * `binaryCrossEntropyWithLogits` on same (1) / different (0) pairs.
 *
 * Shapes: two `[m, d]` embeddings → logits `[m]`.
 * @example new VerificationHead(64).forward(f1, f2) // [m]
 */
export class VerificationHead extends nn.Module<[Tensor, Tensor], Tensor> {
  /** The `d → 1` linear layer: weights `w_k` and bias `b`. */
  readonly linear: nn.Linear;

  /**
   * Creates the linear layer.
   * @param embeddingDim Size `d` of each embedding.
   * @param options Float dtype of the weights (default `'float32'`).
   */
  constructor(readonly embeddingDim: number, options: { dtype?: FloatDType } = {}) {
    super();
    this.linear = new nn.Linear(embeddingDim, 1, options);
  }

  forward(f1: Tensor, f2: Tensor): Tensor {
    assertPairShapes(f1, f2, 'VerificationHead.forward', ['f1', 'f2']);
    return squeeze(this.linear.forward(abs(sub(f1, f2))), -1);
  }
}
