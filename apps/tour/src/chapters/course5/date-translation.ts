import { noGrad, tensor, type Tensor } from '@dlkit/core';
import { generate, paddingMask, type Transformer } from '@dlkit/transformer';
import type { DatePair } from '../../data/dates.js';

/** Characters of an ISO date: `YYYY-MM-DD`. */
export const DATE_LENGTH = 10;

/** A padded batch of date pairs for teacher forcing. */
export interface DateBatch {
  /** int32 `[m, Ts]`: human characters, padded with `<pad>` (0) to the longest in the batch. */
  readonly src: Tensor;
  /** bool `[m, Ts]`: true on real characters. */
  readonly srcKeyMask: Tensor;
  /** int32 `[m, 10]`: `<bos>` then the first 9 ISO characters (the target shifted right). */
  readonly tgtIn: Tensor;
  /** int32 `[m, 10]`: the 10 ISO characters. */
  readonly tgtOut: Tensor;
}

/**
 * Character codes of the date task: human characters by `humanVocab` (`<pad>` 0, `<unk>` 1),
 * ISO characters by `machineVocab`, and `<bos>` after the machine characters.
 */
export class DateCodec {
  private readonly human: Map<string, number>;
  private readonly machine: Map<string, number>;
  /** The decoder's start token, `machineVocab.length`. */
  readonly bos: number;

  constructor(readonly humanVocab: readonly string[], readonly machineVocab: readonly string[]) {
    this.human = new Map(humanVocab.map((ch, i) => [ch, i]));
    this.machine = new Map(machineVocab.map((ch, i) => [ch, i]));
    this.bos = machineVocab.length;
  }

  /** Source vocabulary size. */
  get srcVocabSize(): number {
    return this.humanVocab.length;
  }

  /** Target vocabulary size (ISO characters and `<bos>`). */
  get tgtVocabSize(): number {
    return this.machineVocab.length + 1;
  }

  /** A human date as ids, unknown characters as `<unk>`. */
  encodeHuman(text: string): number[] {
    return [...text].map((ch) => this.human.get(ch) ?? 1);
  }

  /** An ISO date as ids. */
  encodeMachine(text: string): number[] {
    return [...text].map((ch) => this.machine.get(ch)!);
  }

  /** ISO ids back to text (`<bos>` and unknown ids as `?`). */
  decodeMachine(ids: readonly number[]): string {
    return ids.map((id) => this.machineVocab[id] ?? '?').join('');
  }

  /** Sources padded to the longest of `pairs`, with their key mask. */
  sources(pairs: readonly DatePair[]): { src: Tensor; srcKeyMask: Tensor } {
    const rows = pairs.map((p) => this.encodeHuman(p.human));
    const width = Math.max(...rows.map((r) => r.length));
    const src = tensor(rows.flatMap((r) => [...r, ...new Array<number>(width - r.length).fill(0)]), { shape: [rows.length, width], dtype: 'int32' });
    return { src, srcKeyMask: paddingMask(rows.map((r) => r.length), width) };
  }

  /** The teacher-forcing batch of `pairs`. */
  batch(pairs: readonly DatePair[]): DateBatch {
    const targets = pairs.map((p) => this.encodeMachine(p.machine));
    return {
      ...this.sources(pairs),
      tgtIn: tensor(targets.map((t) => [this.bos, ...t.slice(0, DATE_LENGTH - 1)]), { dtype: 'int32' }),
      tgtOut: tensor(targets, { dtype: 'int32' }),
    };
  }
}

/**
 * Greedy translation of each human date: encode the batch once, then 10 decoder steps with the
 * KV cache, each taking the most likely character. Put the model in eval mode first.
 */
export function translateDates(model: Transformer, codec: DateCodec, pairs: readonly DatePair[], batchSize = 250): string[] {
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += batchSize) {
    const chunk = pairs.slice(i, i + batchSize);
    const { src, srcKeyMask } = codec.sources(chunk);
    const ids = generate(model.decoderFor(src, srcKeyMask), chunk.map(() => [codec.bos]), { maxNewTokens: DATE_LENGTH, temperature: 0 });
    out.push(...ids.map((row) => codec.decodeMachine(row)));
  }
  return out;
}

/** The cross-attention of one translation: `weights[i][j]`, output character i on source character j. */
export interface CrossAttention {
  readonly source: readonly string[];
  readonly output: readonly string[];
  readonly weights: readonly (readonly number[])[];
}

/**
 * The last decoder layer's cross-attention (averaged over heads) while it writes `output` for
 * `pair.human`: one teacher-forced pass over `<bos> output[0..8]`.
 */
export function crossAttentionOf(model: Transformer, codec: DateCodec, pair: DatePair, output: string): CrossAttention {
  return noGrad(() => {
    const { src, srcKeyMask } = codec.sources([pair]);
    const memory = model.encode(src, srcKeyMask);
    const written = [...output].slice(0, DATE_LENGTH - 1).map((ch) => codec.machineVocab.indexOf(ch)).map((id) => (id < 0 ? codec.bos : id));
    const tgt = tensor([[codec.bos, ...written]], { dtype: 'int32' });
    const { crossWeights } = model.decode(tgt, memory, { memoryKeyMask: srcKeyMask, needCrossWeights: true });
    const w = crossWeights.at(-1)!; // [1, 10, Ts]
    const Ts = w.shape[2]!;
    const values = Array.from(w.dataSync());
    return {
      source: [...pair.human],
      output: [...output],
      weights: Array.from({ length: DATE_LENGTH }, (_, i) => values.slice(i * Ts, (i + 1) * Ts)),
    };
  });
}
