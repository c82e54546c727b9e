import { DTypeError, ShapeError, ValueError, add, gather, isFloat, mul, tensor, toBackend, type Generator, type Tensor } from '@dlkit/core';
import type { PairTransform } from './transform.js';

/** Options of {@link mixup}. */
export interface MixupOptions {
  /** The Beta(α, α) parameter that λ is drawn from (default 0.2; small α keeps most pairs near one image). */
  alpha?: number;
}

/** A Gamma(shape, 1) draw (Marsaglia–Tsang; shape < 1 through Gamma(shape + 1)·U^(1/shape)). */
function gamma(random: Generator, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * random.nextFloat() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = random.nextNormal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = random.nextFloat();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(α, α) draw, the mixing weight λ of {@link mixup}. */
export function sampleBeta(random: Generator, alpha: number): number {
  const a = gamma(random, alpha);
  const b = gamma(random, alpha);
  return a + b === 0 ? 0.5 : a / (a + b);
}

/**
 * mixup (Zhang et al. 2018): each example becomes a convex combination with another example of
 * the batch, `x̃ = λ·xᵢ + (1 − λ)·xⱼ`, `ỹ = λ·yᵢ + (1 − λ)·yⱼ`, with one `λ ~ Beta(α, α)` per batch
 * and `j` a random permutation of the batch. Targets must be float (one-hot, soft or multi-label
 * rows: `oneHot(labels, k)`); train on them with a soft-target loss such as
 * `categoricalCrossEntropy(…, { fromLogits: true })`. Works on any backend (tensor ops).
 * Shapes: images `[m, …]`, targets `[m, …]` → the same.
 * @example const [x, y] = mixup({ alpha: 0.2 })([images, oneHot(labels, 10)], new Generator(0));
 */
export function mixup(options: MixupOptions = {}): PairTransform {
  const alpha = options.alpha ?? 0.2;
  if (!(Number.isFinite(alpha) && alpha > 0)) throw new ValueError(`mixup: alpha must be a finite number > 0, got ${String(alpha)}`);
  return ([images, targets], random) => {
    if (!isFloat(targets.dtype)) throw new DTypeError(`mixup: targets must be float (one-hot or soft rows, e.g. oneHot(labels, k)), got ${targets.dtype}`);
    if (images.rank === 0 || targets.rank === 0 || images.shape[0] !== targets.shape[0]) {
      throw new ShapeError(`mixup: images [${images.shape.join(', ')}] and targets [${targets.shape.join(', ')}] need the same number of examples first`);
    }
    const m = images.shape[0]!;
    const lambda = sampleBeta(random, alpha);
    const order = Int32Array.from({ length: m }, (_, i) => i);
    for (let i = m - 1; i > 0; i--) {
      const j = random.nextInt(0, i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const partner = toBackend(tensor(order), images.backend.name);
    const mix = (t: Tensor): Tensor => add(mul(t, lambda), mul(gather(t, toBackend(partner, t.backend.name), 0), 1 - lambda));
    return [mix(images), mix(targets)] as const;
  };
}
