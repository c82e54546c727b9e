import { rand, Tensor, tensor, ValueError, isFloat } from '@dlkit/core';

/** Options of {@link sample}. */
export interface SampleOptions {
  /** Divides the logits before the softmax (default 1); below 1 sharpens, above 1 flattens, 0 is greedy (argmax). */
  temperature?: number;
  /** Keep only the `topK` most likely tokens (default: all). */
  topK?: number;
  /** Nucleus sampling: keep the smallest set of most likely tokens whose probability reaches `topP` (default 1: all). */
  topP?: number;
  /** Draw from a private generator with this seed (default: core's global one, see `manualSeed`). */
  seed?: number;
}

/**
 * Draws the next token from logits (the course's sampling of novel sequences): softmax of
 * `logits / temperature`, restricted to the `topK` most likely tokens and to the top-`topP`
 * probability mass, renormalized.
 *
 * Shapes: `logits [vocab]` → an int32 scalar; `[batch, vocab]` → int32 `[batch]`.
 * @example sample(model.forward(x).slice([0, t, 0], [1, 1, -1]).reshape([-1]), { temperature: 0.8, topK: 10, seed: 1 }).item()
 */
export function sample(logits: Tensor, options: SampleOptions = {}): Tensor {
  if (!(logits instanceof Tensor) || (logits.rank !== 1 && logits.rank !== 2) || !isFloat(logits.dtype) || logits.shape[logits.rank - 1] === 0) {
    const got = logits instanceof Tensor ? `${logits.dtype} [${logits.shape.join(', ')}]` : typeof logits;
    throw new ValueError(`sample: logits must be a float tensor [vocab ≥ 1] or [batch, vocab ≥ 1], got ${got}`);
  }
  const temperature = options.temperature ?? 1;
  const vocab = logits.shape[logits.rank - 1]!;
  const topK = options.topK ?? vocab;
  const topP = options.topP ?? 1;
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new ValueError(`sample: temperature must be a finite number ≥ 0, got ${temperature}`);
  if (!Number.isInteger(topK) || topK <= 0) throw new ValueError(`sample: topK must be a positive integer, got ${String(topK)}`);
  if (!(topP > 0 && topP <= 1)) throw new ValueError(`sample: topP must be in (0, 1], got ${topP}`);
  const batch = logits.rank === 2 ? logits.shape[0]! : 1;
  const data = logits.dataSync();
  // float32 draws: every backend stores them (tfjs has no float64); one uniform per row either way.
  const uniforms = rand([batch], options.seed === undefined ? {} : { seed: options.seed }).dataSync();
  const drawn = Array.from({ length: batch }, (_, b) => drawOne(data.subarray(b * vocab, (b + 1) * vocab), temperature, topK, topP, uniforms[b]!));
  return tensor(drawn, { dtype: 'int32', ...(logits.rank === 1 ? { shape: [] } : {}) });
}

function drawOne(row: ArrayLike<number>, temperature: number, topK: number, topP: number, u: number): number {
  const order = Array.from({ length: row.length }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b);
  if (temperature === 0) return order[0]!;
  const top = row[order[0]!]!;
  const weights = order.slice(0, topK).map((i) => Math.exp((row[i]! - top) / temperature));
  const total = weights.reduce((s, w) => s + w, 0);
  // The nucleus: the most likely tokens until their mass reaches topP (at least one).
  let kept = 0;
  let mass = 0;
  while (kept < weights.length && (kept === 0 || mass < topP * total)) mass += weights[kept++]!;
  let target = u * mass;
  for (let k = 0; k < kept; k++) {
    target -= weights[k]!;
    if (target < 0) return order[k]!;
  }
  return order[kept - 1]!;
}
