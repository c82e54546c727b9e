import { concat, mul, add, neg, slice, tensor, ShapeError, ValueError, type Tensor } from '@dlkit/core';

/** Options of {@link applyRotaryEmbedding}. */
export interface RotaryOptions {
  /** Position of the first row (tokens already decoded; default 0). */
  offset?: number;
  /** Base of the frequencies `θ_i = base^{−2i/d}` (default 10000). */
  base?: number;
}

/**
 * Rotary position embedding (RoPE, Su et al.): rotates each pair of features `(x_i, x_{i+d/2})`
 * of the vector at position `p` by the angle `p·θ_i`, `θ_i = base^{−2i/d}` (the half-split layout of
 * GPT-NeoX and Hugging Face's LLaMA). Applied to queries and keys, it makes `q_m·k_n` depend on the
 * positions only through `m − n`, and it leaves norms unchanged.
 *
 * Shapes: `x [..., T, d]` with even `d` → same.
 * @example const qRot = applyRotaryEmbedding(q, { offset: pastLength });
 */
export function applyRotaryEmbedding(x: Tensor, options: RotaryOptions = {}): Tensor {
  const d = x.shape[x.rank - 1]!;
  if (x.rank < 2 || d % 2 !== 0) throw new ShapeError(`applyRotaryEmbedding: expected [..., T, d] with an even d, got [${x.shape.join(', ')}]`);
  const offset = options.offset ?? 0;
  const base = options.base ?? 10000;
  if (!Number.isInteger(offset) || offset < 0) throw new ValueError(`applyRotaryEmbedding: offset must be an integer ≥ 0, got ${String(offset)}`);
  if (!(base > 0)) throw new ValueError(`applyRotaryEmbedding: base must be > 0, got ${base}`);
  const T = x.shape[x.rank - 2]!;
  const half = d / 2;
  const cos = new Float64Array(T * half);
  const sin = new Float64Array(T * half);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < half; i++) {
      const angle = (offset + t) * base ** ((-2 * i) / d);
      cos[t * half + i] = Math.cos(angle);
      sin[t * half + i] = Math.sin(angle);
    }
  }
  const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
  const c = tensor(cos, { shape: [T, half], dtype });
  const s = tensor(sin, { shape: [T, half], dtype });
  const lead = x.shape.slice(0, -1).map(() => 0);
  const size = [...x.shape.slice(0, -1), half];
  const x1 = slice(x, [...lead, 0], size);
  const x2 = slice(x, [...lead, half], size);
  return concat([add(mul(x1, c), neg(mul(x2, s))), add(mul(x2, c), mul(x1, s))], -1);
}
