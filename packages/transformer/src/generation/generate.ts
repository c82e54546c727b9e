import { concat, Generator, logSoftmax, noGrad, reshape, slice, tensor, ValueError, type Tensor } from '@dlkit/core';
import { beamSearch, sample, type Hypothesis } from '@dlkit/sequence';
import type { KVCache } from '../layers/stacks.js';
import type { CausalDecoder } from './decoder.js';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Tokens to generate after the prompt (at most). */
  maxNewTokens: number;
  /** Softmax temperature (default 1); 0 is greedy decoding (argmax). */
  temperature?: number;
  /** Sample among the `topK` most likely tokens only (default all). */
  topK?: number;
  /** Nucleus sampling: the smallest set of tokens whose probability reaches `topP` (default 1). */
  topP?: number;
  /** Seed of the draws (default core's global generator). */
  seed?: number;
  /** A sequence that emits one of these stops (the stop token is kept in its output). */
  stopTokens?: readonly number[];
  /** Feed only the new token each step and reuse the keys and values of earlier ones (default true). */
  useCache?: boolean;
}

function checkPrompts(prompts: readonly (readonly number[])[], where: string): number {
  const length = prompts[0]?.length ?? 0;
  if (prompts.length === 0 || length === 0 || prompts.some((p) => p.length !== length)) {
    throw new ValueError(`${where}: expected one or more non-empty prompts of equal length, got lengths [${prompts.map((p) => p.length).join(', ')}]`);
  }
  return length;
}

function tokensTensor(rows: readonly (readonly number[])[]): Tensor {
  return tensor(rows.flat(), { shape: [rows.length, rows[0]!.length], dtype: 'int32' });
}

/** The logits of the last position: `[batch, T, vocab]` → `[batch, vocab]`. */
function lastLogits(logits: Tensor): Tensor {
  const [batch, T, vocab] = logits.shape as [number, number, number];
  return reshape(slice(logits, [0, T - 1, 0], [batch, 1, vocab]), [batch, vocab]);
}

/**
 * Autoregressive generation (the course's sampling of novel sequences): repeatedly feeds the
 * sequence so far, takes the last position's logits and picks the next token — greedy with
 * `temperature: 0`, else sampled with temperature, top-k and top-p (`@dlkit/sequence`'s `sample`).
 * With the KV cache (default) each step feeds only the new token, so a step costs O(T) instead
 * of re-running the O(T²) prefix; both give the same tokens. Seeded runs repeat exactly. Put the
 * model in eval mode first (dropout off); runs without autograd.
 *
 * Shapes: `prompts` is a batch of equally long token lists; returns each row's generated tokens
 * (the prompt left out), ending early at a stop token.
 * @example
 * ```ts
 * const [continuation] = generate(lm.eval(), [tokenizer.encode('Once upon')], { maxNewTokens: 50, temperature: 0.8, topK: 10, seed: 1 });
 * ```
 */
export function generate(model: CausalDecoder, prompts: readonly (readonly number[])[], options: GenerateOptions): number[][] {
  const where_ = 'generate';
  checkPrompts(prompts, where_);
  const { maxNewTokens } = options;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) throw new ValueError(`${where_}: maxNewTokens must be an integer ≥ 0, got ${String(maxNewTokens)}`);
  const temperature = options.temperature ?? 1;
  const stops = new Set(options.stopTokens ?? []);
  const useCache = options.useCache ?? true;
  const seeds = options.seed === undefined ? null : new Generator(options.seed);
  const sequences = prompts.map((p) => [...p]);
  const generated: number[][] = prompts.map(() => []);
  const done = prompts.map(() => false);
  return noGrad(() => {
    let cache: KVCache | null = null;
    for (let step = 0; step < maxNewTokens && done.some((d) => !d); step++) {
      const feed = useCache && cache ? sequences.map((s) => [s[s.length - 1]!]) : sequences;
      const result = model.decodeStep(tokensTensor(feed), useCache ? cache : null);
      cache = result.cache;
      const next = sample(lastLogits(result.logits), {
        temperature,
        ...(options.topK === undefined ? {} : { topK: options.topK }),
        ...(options.topP === undefined ? {} : { topP: options.topP }),
        ...(seeds ? { seed: seeds.nextUint32() } : {}),
      }).dataSync();
      sequences.forEach((s, b) => {
        const token = next[b]!;
        s.push(token);
        if (done[b]) return;
        generated[b]!.push(token);
        if (stops.has(token)) done[b] = true;
      });
    }
    return generated;
  });
}

/** Options of {@link beamSearchDecode}. */
export interface BeamSearchDecodeOptions {
  /** Hypotheses kept per step, the course's `B`. */
  beamWidth: number;
  /** Most tokens generated after `start`. */
  maxLength: number;
  /** The course's `α` in `1/Ty^α Σ log P` (default 0; 0.7 is common). */
  lengthPenalty?: number;
  /** End-of-sequence token. */
  eos?: number;
  /** How many hypotheses to return (default `beamWidth`). */
  numReturn?: number;
  /** Reuse each hypothesis's keys and values (default true). */
  useCache?: boolean;
}

/** Splits a batch cache into one cache per row (`[n, …]` → n × `[1, …]`). */
function splitCache(cache: KVCache, rows: number): KVCache[] {
  const row = (t: Tensor, i: number): Tensor => slice(t, [i, 0, 0, 0], [1, t.shape[1]!, t.shape[2]!, t.shape[3]!]);
  return Array.from({ length: rows }, (_, i) => cache.map((layer) => ({ key: row(layer.key, i), value: row(layer.value, i) })));
}

function stackCaches(caches: readonly KVCache[]): KVCache {
  return caches[0]!.map((_, l) => ({ key: concat(caches.map((c) => c[l]!.key), 0), value: concat(caches.map((c) => c[l]!.value), 0) }));
}

/**
 * Beam search over a {@link CausalDecoder} (`@dlkit/sequence`'s `beamSearch`, ranking by the
 * length-normalized `1/Ty^α Σ log P`): each hypothesis carries its KV cache, and every step runs the
 * live hypotheses as one batch. `start` (e.g. `[bos]`, or a prompt) must not be empty.
 * @returns the best hypotheses, best first; their `tokens` leave `start` out
 * @example
 * ```ts
 * const [best] = beamSearchDecode(model.decoderFor(src), [BOS], { beamWidth: 4, maxLength: 12, eos: EOS, lengthPenalty: 0.7 });
 * ```
 */
export function beamSearchDecode(model: CausalDecoder, start: readonly number[], options: BeamSearchDecodeOptions): Hypothesis[] {
  checkPrompts([start], 'beamSearchDecode');
  const useCache = options.useCache ?? true;
  return noGrad(() =>
    beamSearch<KVCache | null>((prefixes, states) => {
      const cached = useCache && states[0] !== null;
      const feed = cached ? prefixes.map((p) => [p[p.length - 1]!]) : prefixes;
      const past = cached ? stackCaches(states as KVCache[]) : null;
      const result = model.decodeStep(tokensTensor(feed), past);
      const logProbs = logSoftmax(lastLogits(result.logits), -1);
      return { logProbs, states: useCache ? splitCache(result.cache, prefixes.length) : prefixes.map(() => null) };
    }, {
      beamWidth: options.beamWidth,
      maxLength: options.maxLength,
      start,
      initialState: null,
      ...(options.lengthPenalty === undefined ? {} : { lengthPenalty: options.lengthPenalty }),
      ...(options.eos === undefined ? {} : { eos: options.eos }),
      ...(options.numReturn === undefined ? {} : { numReturn: options.numReturn }),
    }),
  );
}
