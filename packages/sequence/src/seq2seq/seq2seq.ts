import { argMax, concat, DTypeError, nn, noGrad, reshape, ShapeError, split, stack, Tensor, tensor, ValueError, zeros, type FloatDType } from '@dlkit/core';
import { AdditiveAttention } from '../attention/additive.js';
import type { Attention } from '../attention/attention.js';
import { LuongAttention } from '../attention/luong.js';
import { LSTMCell, type LSTMState } from '../rnn/cells.js';
import { LSTM } from '../rnn/layers.js';
import { assertSize, readLengths } from '../rnn/arguments.js';

/** The attention score of a {@link Seq2Seq} decoder: Bahdanau's `'additive'`, Luong's `'dot'` or `'general'`. */
export type Seq2SeqAttention = 'additive' | 'dot' | 'general';

/** Options of {@link Seq2Seq}. */
export interface Seq2SeqOptions {
  /** Source token ids lie in `[0, sourceVocabSize)`. */
  readonly sourceVocabSize: number;
  /** Target token ids lie in `[0, targetVocabSize)`; the width of the logits. */
  readonly targetVocabSize: number;
  /** Width of both token embeddings (default 32). */
  readonly embeddingDim?: number;
  /** Hidden size of each encoder direction, `n_a` (default 32). */
  readonly encoderHidden?: number;
  /** Hidden size of the decoder LSTM, `n_s` (default 64). */
  readonly decoderHidden?: number;
  /** Bidirectional encoder (default true, as in the course's date-translation lab). */
  readonly bidirectional?: boolean;
  /** The score (default `'additive'`); `'dot'` needs `decoderHidden = dirs · encoderHidden`. */
  readonly attention?: Seq2SeqAttention;
  /** Hidden width of the additive score network (default `decoderHidden`). */
  readonly attentionDim?: number;
  /** Dtype of all parameters (default `'float32'`). */
  readonly dtype?: FloatDType;
}

/** Options of {@link Seq2Seq.forward} and {@link Seq2Seq.greedyDecode}. */
export interface Seq2SeqSourceOptions {
  /** Each source's true length, for a padded batch: padded positions get attention weight 0. */
  readonly sourceLengths?: readonly number[] | Tensor;
}

/** What {@link Seq2Seq.forward} returns. */
export interface Seq2SeqOutput {
  /** Next-token logits at every target step, `[batch, Ty, targetVocabSize]`. */
  readonly logits: Tensor;
  /** The attention weights `α<t,t'>`, `[batch, Ty, Tx]` (rows sum to 1 over the real source positions). */
  readonly attention: Tensor;
}

/** What {@link Seq2Seq.greedyDecode} returns. */
export interface Seq2SeqDecoding {
  /** The decoded token ids, `maxLength` per example. */
  readonly tokens: number[][];
  /** The attention weights of each decoded step, `[batch, maxLength, Tx]`. */
  readonly attention: Tensor;
}

/**
 * An encoder–decoder with attention (the course's neural machine translation model, week 3): an
 * LSTM encoder (bidirectional by default) reads the source into `a<t'>`; at each target step the
 * decoder scores every `a<t'>` against its previous state `s<t−1>`, takes the context
 * `c<t> = Σ_t' α<t,t'> a<t'>`, feeds `[embed(y<t−1>), c<t>]` to an LSTM cell, and predicts
 * `y<t>` from `[s<t>, c<t>]` with a Linear layer.
 *
 * Training uses teacher forcing: `forward(source, targetIn)` takes the target shifted right
 * (`targetIn<t> = y<t−1>`, a start token first). Inference: {@link Seq2Seq.greedyDecode}, or
 * {@link Seq2Seq.decodeStep} inside `beamSearch`.
 *
 * Shapes: `source [batch, Tx]` int32, `targetIn [batch, Ty]` int32 →
 * `{ logits [batch, Ty, targetVocabSize], attention [batch, Ty, Tx] }`.
 * @example
 * ```ts
 * const model = new Seq2Seq({ sourceVocabSize: 40, targetVocabSize: 12, attention: 'additive' });
 * const source = tensor([[5, 6, 7, 0]], { dtype: 'int32' });
 * const { logits, attention } = model.forward(source, tensor([[1, 3, 4]], { dtype: 'int32' }), { sourceLengths: [3] });
 * console.log(logits.shape, attention.shape); // [1, 3, 12] [1, 3, 4]
 * ```
 */
export class Seq2Seq extends nn.Module<[Tensor, Tensor, Seq2SeqSourceOptions?], Seq2SeqOutput> {
  /** Source token embedding, `[sourceVocabSize, embeddingDim]`. */
  readonly sourceEmbedding: nn.Embedding;
  /** Target token embedding, `[targetVocabSize, embeddingDim]`, fed the previous token `y<t−1>`. */
  readonly targetEmbedding: nn.Embedding;
  /** The one-layer encoder LSTM, `embeddingDim → dirs·encoderHidden`. */
  readonly encoder: LSTM;
  /** Scores `s<t−1> [batch, decoderHidden]` against the encoder states: additive or Luong. */
  readonly attention: Attention;
  /** The decoder cell, reading `[embed(y<t−1>), c<t>]` (`embeddingDim + dirs·encoderHidden`) into `s<t>`. */
  readonly decoder: LSTMCell;
  /** Output layer `[s<t>, c<t>] → logits`, `decoderHidden + dirs·encoderHidden → targetVocabSize`. */
  readonly output: nn.Linear;
  /** Hidden size of the decoder, `n_s`. */
  readonly decoderHidden: number;

  /**
   * Builds the embeddings, encoder, attention, decoder cell and output layer.
   * @param options - The vocabulary sizes (required), widths, encoder direction, attention score and dtype.
   */
  constructor(options: Seq2SeqOptions) {
    super();
    assertSize(options.sourceVocabSize, 'sourceVocabSize', 'Seq2Seq');
    assertSize(options.targetVocabSize, 'targetVocabSize', 'Seq2Seq');
    const embeddingDim = options.embeddingDim ?? 32;
    const encoderHidden = options.encoderHidden ?? 32;
    this.decoderHidden = options.decoderHidden ?? 64;
    const dtype = options.dtype ?? 'float32';
    const bidirectional = options.bidirectional ?? true;
    const keyDim = (bidirectional ? 2 : 1) * encoderHidden;
    this.sourceEmbedding = new nn.Embedding(options.sourceVocabSize, embeddingDim, { dtype });
    this.targetEmbedding = new nn.Embedding(options.targetVocabSize, embeddingDim, { dtype });
    this.encoder = new LSTM(embeddingDim, encoderHidden, { bidirectional, dtype });
    const kind = options.attention ?? 'additive';
    if (kind === 'additive') this.attention = new AdditiveAttention(this.decoderHidden, keyDim, options.attentionDim ?? this.decoderHidden, { dtype });
    else if (kind === 'dot' || kind === 'general') this.attention = new LuongAttention(this.decoderHidden, keyDim, { score: kind, dtype });
    else throw new ValueError(`Seq2Seq: attention must be 'additive', 'dot' or 'general', got ${String(kind)}`);
    this.decoder = new LSTMCell(embeddingDim + keyDim, this.decoderHidden, { dtype });
    this.output = new nn.Linear(this.decoderHidden + keyDim, options.targetVocabSize, { dtype });
  }

  /**
   * Encodes `source [batch, Tx]` int32: the encoder states `a [batch, Tx, dirs·encoderHidden]`,
   * the attention's prepared keys and the key mask (null without lengths).
   */
  encode(source: Tensor, options: Seq2SeqSourceOptions = {}): EncodedSource {
    const fn = 'Seq2Seq.encode';
    assertTokens(source, fn, 'source');
    const [batch, time] = source.shape as [number, number];
    const lengths = options.sourceLengths === undefined ? undefined : readLengths(options.sourceLengths, batch, time, 'sourceLengths', fn);
    if (lengths?.some((n) => n === 0)) throw new ValueError(`${fn}: every sourceLengths entry must be ≥ 1, got [${lengths.join(', ')}]`);
    const embedded = this.sourceEmbedding.forward(source);
    const states = this.encoder.forward(embedded, {}, lengths ? { lengths } : {}).output;
    const keyMask = lengths ? tensor(lengths.flatMap((n) => Array.from({ length: time }, (_, t) => t < n)), { shape: [batch, time], dtype: 'bool' }) : null;
    return { states, preparedKeys: this.attention.prepareKeys(states), keyMask };
  }

  /**
   * One decoder step from `previous [batch]` token ids (int32) and the decoder `state` (zeros when
   * left out): the logits `[batch, targetVocabSize]`, the attention weights `[batch, Tx]` and the next state.
   */
  decodeStep(
    encoded: EncodedSource,
    previous: Tensor,
    state?: LSTMState,
  ): {
    /** Next-token logits, `[batch, targetVocabSize]`. */
    logits: Tensor;
    /** This step's attention weights, `[batch, Tx]`. */
    weights: Tensor;
    /** The decoder state after this step, `h` and `c` `[batch, decoderHidden]`. */
    state: LSTMState;
  } {
    const { out, weights, state: next } = this.step(encoded, this.targetEmbedding.forward(previous), state);
    return { logits: this.output.forward(out), weights, state: next };
  }

  /** Teacher-forced training pass; see the class description. */
  forward(source: Tensor, targetIn: Tensor, options: Seq2SeqSourceOptions = {}): Seq2SeqOutput {
    assertTokens(targetIn, 'Seq2Seq.forward', 'targetIn');
    if (targetIn.shape[0] !== source.shape[0]) {
      throw new ShapeError(`Seq2Seq.forward: source and targetIn must share the batch size, got [${source.shape.join(', ')}] and [${targetIn.shape.join(', ')}]`);
    }
    const encoded = this.encode(source, options);
    const [batch, steps] = targetIn.shape as [number, number];
    const embedded = split(this.targetEmbedding.forward(targetIn), steps, 1).map((e) => reshape(e, [batch, e.shape[2]!]));
    const outs: Tensor[] = [];
    const weights: Tensor[] = [];
    let state: LSTMState | undefined;
    for (const e of embedded) {
      const step = this.step(encoded, e, state);
      outs.push(step.out);
      weights.push(step.weights);
      state = step.state;
    }
    return { logits: this.output.forward(stack(outs, 1)), attention: stack(weights, 1) };
  }

  /**
   * Greedy decoding (no gradient): starts from `start` and feeds back each step's arg-max token
   * for `maxLength` steps.
   */
  greedyDecode(source: Tensor, options: Seq2SeqSourceOptions & { readonly start: number; readonly maxLength: number }): Seq2SeqDecoding {
    assertSize(options.maxLength, 'maxLength', 'Seq2Seq.greedyDecode');
    return noGrad(() => {
      const encoded = this.encode(source, options);
      const batch = source.shape[0]!;
      let previous = tensor(new Array<number>(batch).fill(options.start), { dtype: 'int32' });
      const tokens: number[][] = Array.from({ length: batch }, () => []);
      const weights: Tensor[] = [];
      let state: LSTMState | undefined;
      for (let t = 0; t < options.maxLength; t++) {
        const step = this.decodeStep(encoded, previous, state);
        previous = argMax(step.logits, 1);
        Array.from(previous.dataSync()).forEach((token, b) => tokens[b]!.push(token));
        weights.push(step.weights);
        state = step.state;
      }
      return { tokens, attention: stack(weights, 1) };
    });
  }

  private step(encoded: EncodedSource, embedded: Tensor, state: LSTMState | undefined): { out: Tensor; weights: Tensor; state: LSTMState } {
    const batch = embedded.shape[0]!;
    const query = state?.h ?? zeros([batch, this.decoderHidden], { dtype: embedded.dtype });
    const { context, weights } = this.attention.forward(query, encoded.states, {
      preparedKeys: encoded.preparedKeys,
      ...(encoded.keyMask ? { keyMask: encoded.keyMask } : {}),
    });
    const next = this.decoder.forward(concat([embedded, context], 1), state);
    return { out: concat([next.h, context], 1), weights, state: next };
  }
}

/** A source encoded once for all decoder steps; see {@link Seq2Seq.encode}. */
export interface EncodedSource {
  /** The encoder states `a<t'>`, `[batch, Tx, dirs·encoderHidden]` (the attention's keys and values). */
  readonly states: Tensor;
  /** The keys after the attention's projection. */
  readonly preparedKeys: Tensor;
  /** `[batch, Tx]` bool, true at real source positions; null when no lengths were given. */
  readonly keyMask: Tensor | null;
}

function assertTokens(t: unknown, where: string, what: string): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw new ValueError(`${where}: ${what} must be a Tensor, got ${typeof t}`);
  if (t.dtype !== 'int32') throw new DTypeError(`${where}: ${what} must be int32 token ids, got ${t.dtype}`);
  if (t.rank !== 2 || t.shape[1] === 0) throw new ShapeError(`${where}: expected ${what} [batch, time ≥ 1], got [${t.shape.join(', ')}]`);
}
