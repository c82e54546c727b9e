import { tensor, ValueError, type FloatDType, type Tensor } from '@dlkit/core';

/**
 * The course's (and "Attention Is All You Need"'s) sinusoidal positional encoding table:
 * `PE(pos, 2i) = sin(pos / 10000^{2i/d})`, `PE(pos, 2i+1) = cos(pos / 10000^{2i/d})`.
 * An odd `d` ends with a sine column.
 *
 * Shapes: → `[length, d]`.
 * @example sinusoidalPositionalEncoding(50, 16) // add its first T rows to [batch, T, 16] embeddings
 */
export function sinusoidalPositionalEncoding(length: number, d: number, options: { dtype?: FloatDType } = {}): Tensor {
  for (const [name, value] of [['length', length], ['d', d]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new ValueError(`sinusoidalPositionalEncoding: ${name} must be an integer ≥ 0, got ${String(value)}`);
  }
  const values = new Float64Array(length * d);
  for (let pos = 0; pos < length; pos++) {
    for (let j = 0; j < d; j++) {
      const angle = pos / 10000 ** ((2 * Math.floor(j / 2)) / d);
      values[pos * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tensor(values, { shape: [length, d], dtype: options.dtype ?? 'float32' });
}
