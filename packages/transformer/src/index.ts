/**
 * @dlkit/transformer — scaled dot-product and multi-head attention with PyTorch's parameter layout,
 * masks, positional encodings, transformer encoder/decoder layers and models, generation with a
 * KV cache, and tokenizers.
 * @module @dlkit/transformer
 */
export { paddingMask, causalMask } from './attention/masks.js';
export { scaledDotProductAttention, type AttentionOptions, type AttentionResult } from './attention/scaled-dot-product.js';
export {
  MultiHeadAttention, type MultiHeadAttentionOptions, type MultiHeadAttentionForwardOptions, type MultiHeadAttentionOutput, type AttentionCache,
} from './attention/multi-head.js';
export { sinusoidalPositionalEncoding } from './positional/sinusoidal.js';
export { LearnedPositionalEmbedding, type LearnedPositionalEmbeddingOptions } from './positional/learned.js';
export { applyRotaryEmbedding, type RotaryOptions } from './positional/rotary.js';
export type { TransformerLayerOptions } from './layers/options.js';
export { TransformerEncoderLayer, type TransformerEncoderLayerOptions, type EncoderLayerForwardOptions, type LayerOutput } from './layers/encoder-layer.js';
export { TransformerDecoderLayer, type DecoderLayerForwardOptions, type DecoderLayerOutput } from './layers/decoder-layer.js';
export { TransformerEncoder, TransformerDecoder, type KVCache, type StackOptions, type StackOutput, type DecoderStackOutput } from './layers/stacks.js';
export { Transformer, type TransformerOptions, type TransformerForwardOptions, type TransformerDecodeResult } from './models/transformer.js';
export { GPT, type GPTOptions } from './models/gpt.js';
export type { CausalDecoder, DecodeStepResult } from './generation/decoder.js';
export { generate, beamSearchDecode, type GenerateOptions, type BeamSearchDecodeOptions } from './generation/generate.js';
export type { Tokenizer } from './tokenizers/tokenizer.js';
export { CharTokenizer, type CharTokenizerOptions } from './tokenizers/char.js';
export { WordTokenizer, type WordTokenizerOptions } from './tokenizers/word.js';
export { BPETokenizer, type BPETrainOptions } from './tokenizers/bpe.js';
