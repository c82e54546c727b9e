import { DTypeError, ShapeError, tidy, ValueError, type Tensor } from '@dlkit/core';

/** Options of {@link Standardizer.fit} and {@link standardize}. */
export interface StandardizeOptions {
  /** Axes the statistics average over (default 0, the examples: one μ and σ per feature). */
  axes?: number | number[];
  /** Added to σ so constant features do not divide by zero (default 1e-8). */
  eps?: number;
}

/**
 * Input normalization fitted on the training set (the course's "normalizing inputs"):
 * `μ = mean(x)`, `σ = std(x)` per feature, and `x̂ = (x − μ)/(σ + ε)`. Fit it on train and apply
 * the same μ and σ to dev and test, so all three see one transformation.
 *
 * Shapes: `x [m, …features]` → `mean`, `std` `[1, …features]` (with the default axes).
 * @example
 * ```ts
 * const scaler = Standardizer.fit(xTrain);
 * const [xTrainN, xDevN] = [scaler.transform(xTrain), scaler.transform(xDev)];
 * ```
 */
export class Standardizer {
  private constructor(
    /** Per-feature mean μ (kept dims, broadcastable against inputs). */
    readonly mean: Tensor,
    /** Per-feature standard deviation σ (population, divided by m). */
    readonly std: Tensor,
    /** The ε added to σ. */
    readonly eps: number,
  ) {}

  /** Fits μ and σ on `x`. */
  static fit(x: Tensor, options: StandardizeOptions = {}): Standardizer {
    if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new DTypeError(`Standardizer.fit: expected float inputs, got ${x.dtype}`);
    if (x.rank === 0 || x.shape[0] === 0) throw new ShapeError(`Standardizer.fit: expected examples along axis 0, got shape [${x.shape.join(', ')}]`);
    const eps = options.eps ?? 1e-8;
    if (!(eps >= 0)) throw new ValueError(`Standardizer.fit: eps must be >= 0, got ${String(eps)}`);
    const axes = options.axes ?? 0;
    const { mean, std } = tidy(() => {
      const mu = x.mean(axes, true).detach();
      return { mean: mu, std: x.sub(mu).square().mean(axes, true).sqrt().detach() };
    });
    return new Standardizer(mean, std, eps);
  }

  /** `(x − μ)/(σ + ε)`, for any data shaped like the training data. */
  transform(x: Tensor): Tensor {
    this.checkShape(x, 'transform');
    return tidy(() => x.sub(this.mean).div(this.std.add(this.eps)));
  }

  /** Undoes {@link Standardizer.transform}: `x̂·(σ + ε) + μ`. */
  inverseTransform(x: Tensor): Tensor {
    this.checkShape(x, 'inverseTransform');
    return tidy(() => x.mul(this.std.add(this.eps)).add(this.mean));
  }

  private checkShape(x: Tensor, method: string): void {
    const expected = this.mean.shape;
    const fits = x.rank === expected.length && expected.every((d, i) => d === 1 || d === x.shape[i]);
    if (!fits) throw new ShapeError(`Standardizer.${method}: fitted on features [${expected.join(', ')}] (1 = any), got shape [${x.shape.join(', ')}]`);
  }
}

/**
 * Fits a {@link Standardizer} on `train` and applies it to `train` and every other set given.
 * @example const [xTrainN, xDevN, xTestN] = standardize(xTrain, xDev, xTest);
 */
export function standardize<R extends readonly Tensor[]>(train: Tensor, ...others: R): [Tensor, ...{ [K in keyof R]: Tensor }] {
  const scaler = Standardizer.fit(train);
  return [scaler.transform(train), ...others.map((x) => scaler.transform(x))] as unknown as [Tensor, ...{ [K in keyof R]: Tensor }];
}
