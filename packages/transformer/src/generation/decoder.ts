import type { Tensor } from '@dlkit/core';
import type { KVCache } from '../layers/stacks.js';

/** What {@link CausalDecoder.decodeStep} returns. */
export interface DecodeStepResult {
  /** Next-token logits for every new position: `[batch, T, vocab]`. */
  readonly logits: Tensor;
  /** The cache extended by the new positions. */
  readonly cache: KVCache;
}

/**
 * A model that continues token sequences, what {@link generate} and {@link beamSearchDecode} drive:
 * {@link GPT} itself, or {@link Transformer.decoderFor} (the decoder with its encoded source).
 */
export interface CausalDecoder {
  /**
   * Logits for `tokens [batch, T]` (int32) following the positions in `cache` (none when null):
   * with a cache only the new tokens are fed, without one the whole sequence is.
   */
  decodeStep(tokens: Tensor, cache: KVCache | null): DecodeStepResult;
}
