import { allocate, type FloatDType } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { fromValues, full } from '../ops/creation.js';
import { rand, randn } from '../ops/random.js';
import { generatorFor } from '../random/generator.js';

/** Options every initializer takes. */
export interface InitOptions {
  /** Dtype of the new tensor (default `'float32'`). */
  dtype?: FloatDType;
  /** A private seed instead of the global generator. */
  seed?: number;
}

/** Makes a fresh tensor of `shape`: how layers fill their weights. */
export type Initializer = (shape: readonly number[], options?: InitOptions) => Tensor;

/**
 * Fan-in and fan-out of a weight: `[out, in]` for Linear, `[kh, kw, cIn, cOut]` for conv filters
 * (receptive field × channels), as PyTorch and Keras compute them.
 */
export function fans(shape: readonly number[]): {
  /** Inputs feeding each output unit. */
  fanIn: number;
  /** Output units each input feeds. */
  fanOut: number;
} {
  if (shape.length === 2) return { fanIn: shape[1]!, fanOut: shape[0]! };
  if (shape.length >= 3) {
    const receptive = sizeOf(shape.slice(0, -2));
    return { fanIn: receptive * shape[shape.length - 2]!, fanOut: receptive * shape[shape.length - 1]! };
  }
  throw new ShapeError(`fans: fan-in/fan-out need a weight of rank >= 2, got ${formatShape(shape)}`);
}

/** All zeros (the course's bias initialization; for weights it fails to break symmetry). */
export function zeros(): Initializer {
  return constant(0);
}

/** Every value `value`. */
export function constant(value: number): Initializer {
  return (shape, options = {}) => full(shape, value, { dtype: options.dtype ?? 'float32' });
}

/** `N(mean, std²)`. */
export function normal(std = 1, mean = 0): Initializer {
  return (shape, options = {}) => randn(shape, { ...options, mean, std });
}

/** `U(low, high)`. */
export function uniform(low = 0, high = 1): Initializer {
  return (shape, options = {}) => rand(shape, { ...options, low, high });
}

/** The course's `np.random.randn(...) * 0.01`: small random weights that break symmetry. */
export function smallRandom(scale = 0.01): Initializer {
  return normal(scale);
}

/** Glorot/Xavier uniform: `U(±gain·√(6/(fanIn + fanOut)))`, suited to tanh/sigmoid layers. */
export function xavierUniform(gain = 1): Initializer {
  return (shape, options = {}) => {
    const { fanIn, fanOut } = fans(shape);
    const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
    return rand(shape, { ...options, low: -bound, high: bound });
  };
}

/** Glorot/Xavier normal: `N(0, gain²·2/(fanIn + fanOut))`. */
export function xavierNormal(gain = 1): Initializer {
  return (shape, options = {}) => {
    const { fanIn, fanOut } = fans(shape);
    return randn(shape, { ...options, std: gain * Math.sqrt(2 / (fanIn + fanOut)) });
  };
}

/** He/Kaiming normal for ReLU layers: `N(0, 2/fanIn)` (the course's `randn · √(2/n[l-1])`). */
export function heNormal(): Initializer {
  return (shape, options = {}) => randn(shape, { ...options, std: Math.sqrt(2 / fans(shape).fanIn) });
}

/** He/Kaiming uniform: `U(±√(6/fanIn))`. */
export function heUniform(): Initializer {
  return (shape, options = {}) => {
    const bound = Math.sqrt(6 / fans(shape).fanIn);
    return rand(shape, { ...options, low: -bound, high: bound });
  };
}

/**
 * A (semi-)orthogonal matrix scaled by `gain` (Saxe et al.), from the QR decomposition of a
 * Gaussian matrix with the signs fixed as PyTorch does; higher-rank shapes are flattened to
 * `[shape[0], rest]`.
 */
export function orthogonal(gain = 1): Initializer {
  return (shape, options = {}) => {
    if (shape.length < 2) throw new ShapeError(`orthogonal: needs a shape of rank >= 2, got ${formatShape(shape)}`);
    const rows = shape[0]!;
    const cols = sizeOf(shape.slice(1));
    const tall = rows >= cols;
    const [m, n] = tall ? [rows, cols] : [cols, rows];
    const generator = generatorFor(options.seed);
    // Columns of an m×n Gaussian matrix, orthonormalized by modified Gram–Schmidt (= Q of QR with R's diagonal > 0).
    const q = Array.from({ length: n }, () => Float64Array.from({ length: m }, () => generator.nextNormal()));
    q.forEach((column, j) => {
      for (let k = 0; k < j; k++) {
        const other = q[k]!;
        let dot = 0;
        for (let i = 0; i < m; i++) dot += other[i]! * column[i]!;
        for (let i = 0; i < m; i++) column[i] = column[i]! - dot * other[i]!;
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += column[i]! * column[i]!;
      norm = Math.sqrt(norm);
      if (norm === 0) throw new ValueError('orthogonal: degenerate random matrix; try another seed');
      for (let i = 0; i < m; i++) column[i] = column[i]! / norm;
    });
    const values = allocate(options.dtype ?? 'float32', rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) values[r * cols + c] = gain * (tall ? q[c]![r]! : q[r]![c]!);
    }
    return fromValues(values, shape);
  };
}
