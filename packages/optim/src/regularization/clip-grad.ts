import { noGrad, ValueError, type Tensor } from '@dlkit/core';

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /** Which p-norm (default 2; `Infinity` for the largest absolute value). */
  normType?: number;
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default true). */
  errorIfNonfinite?: boolean;
}

function withGrad(params: Iterable<Tensor>): Tensor[] {
  return [...params].filter((p) => p.grad !== null);
}

/** The p-norm of every gradient together, as if they were one long vector. */
function totalNorm(grads: readonly Tensor[], normType: number): number {
  if (normType === Infinity) return Math.max(0, ...grads.map((g) => g.abs().max().item()));
  if (normType === 2) return Math.sqrt(grads.reduce((s, g) => s + g.square().sum().item(), 0));
  if (normType === 1) return grads.reduce((s, g) => s + g.abs().sum().item(), 0);
  return grads.reduce((s, g) => s + g.abs().pow(normType).sum().item(), 0) ** (1 / normType);
}

/**
 * Rescales the gradients so that their combined norm is at most `maxNorm`, and returns the norm
 * they had before, like PyTorch's `clip_grad_norm_`: every gradient is multiplied by
 * `min(1, maxNorm / (norm + 1e-6))`. Call it between `backward()` and `step()`; the fix for
 * exploding gradients. Parameters without a gradient are skipped.
 * @example const norm = clipGradNorm(model.parameters(), 1.0);
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, options: ClipGradNormOptions = {}): number {
  const { normType = 2, errorIfNonfinite = true } = options;
  if (!(Number.isFinite(maxNorm) && maxNorm >= 0)) throw new ValueError(`clipGradNorm: maxNorm must be a finite number >= 0, got ${String(maxNorm)}`);
  if (!(normType > 0)) throw new ValueError(`clipGradNorm: normType must be positive (or Infinity), got ${String(normType)}`);
  const targets = withGrad(params);
  if (targets.length === 0) return 0;
  const norm = totalNorm(targets.map((p) => p.grad!), normType);
  if (errorIfNonfinite && !Number.isFinite(norm)) {
    throw new ValueError(`clipGradNorm: the total ${normType}-norm of the gradients is ${norm}; look for a NaN or infinite loss (pass errorIfNonfinite: false to scale anyway)`);
  }
  const coefficient = maxNorm / (norm + 1e-6);
  if (coefficient < 1) {
    noGrad(() => {
      for (const p of targets) p.grad = p.grad!.mul(coefficient);
    });
  }
  return norm;
}

/**
 * Clamps every gradient element into `[-clipValue, clipValue]` (PyTorch's `clip_grad_value_`).
 * @example clipGradValue(model.parameters(), 5);
 */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(Number.isFinite(clipValue) && clipValue >= 0)) throw new ValueError(`clipGradValue: clipValue must be a finite number >= 0, got ${String(clipValue)}`);
  noGrad(() => {
    for (const p of withGrad(params)) p.grad = p.grad!.clip(-clipValue, clipValue);
  });
}
