import { tensor, type Tensor } from '@dlkit/core';
import type { BatchSource } from '@dlkit/optim';
import type { DatePair } from '../../data/dates.js';

/** A teacher-forced batch of the date-translation model. */
export interface DateBatch {
  /** Human dates as character ids `[batch, Tx]` int32, padded with `<pad>` (0) to the batch's longest. */
  readonly source: Tensor;
  /** Each human date's length in characters. */
  readonly lengths: readonly number[];
  /** The decoder's inputs `[batch, 10]` int32: the start token, then the ISO date's first 9 characters. */
  readonly targetIn: Tensor;
  /** The ISO date's 10 characters `[batch · 10]` int32, the decoder's targets. */
  readonly targetOut: Tensor;
}

/** Length of every ISO date, `YYYY-MM-DD`: the decoder's `Ty`. */
export const ISO_LENGTH = 10;

/**
 * Character ids of the date-translation task (the lab's `human_vocab` and `machine_vocab`):
 * unknown human characters map to `<unk>` (1); the machine side gets one more id, the decoder's
 * start token, after its characters.
 */
export class DateCodec {
  private readonly humanIds: Map<string, number>;
  private readonly machineIds: Map<string, number>;
  /** The start token: the decoder's first input. */
  readonly start: number;

  constructor(readonly human: readonly string[], readonly machine: readonly string[]) {
    this.humanIds = new Map(human.map((ch, i) => [ch, i]));
    this.machineIds = new Map(machine.map((ch, i) => [ch, i]));
    this.start = machine.length;
  }

  /** The decoder's vocabulary: the machine characters and the start token. */
  get targetVocabSize(): number {
    return this.machine.length + 1;
  }

  encodeHuman(text: string): number[] {
    return [...text].map((ch) => this.humanIds.get(ch) ?? 1);
  }

  /** Token ids back to text; the start token (never a right answer) reads as `?`. */
  decodeMachine(tokens: readonly number[]): string {
    return tokens.map((t) => this.machine[t] ?? '?').join('');
  }

  /** The teacher-forced batch of `pairs`, padded to their longest human date (not the data set's). */
  batch(pairs: readonly DatePair[]): DateBatch {
    const lengths = pairs.map((p) => [...p.human].length);
    const time = Math.max(...lengths);
    const source = new Int32Array(pairs.length * time);
    const targetIn = new Int32Array(pairs.length * ISO_LENGTH);
    const targetOut = new Int32Array(pairs.length * ISO_LENGTH);
    pairs.forEach((pair, b) => {
      this.encodeHuman(pair.human).forEach((id, t) => { source[b * time + t] = id; });
      const y = [...pair.machine].map((ch) => this.machineIds.get(ch)!);
      y.forEach((id, t) => {
        targetOut[b * ISO_LENGTH + t] = id;
        targetIn[b * ISO_LENGTH + t] = t === 0 ? this.start : y[t - 1]!;
      });
    });
    return {
      source: tensor(source, { shape: [pairs.length, time], dtype: 'int32' }),
      lengths,
      targetIn: tensor(targetIn, { shape: [pairs.length, ISO_LENGTH], dtype: 'int32' }),
      targetOut: tensor(targetOut, { shape: [pairs.length * ISO_LENGTH], dtype: 'int32' }),
    };
  }

  /** `fit`'s batches of `pairs`: each padded only to its own longest date, which saves encoder steps. */
  source(pairs: readonly DatePair[]): BatchSource<DateBatch> {
    return { length: pairs.length, batch: (indices) => this.batch(indices.map((i) => pairs[i]!)) };
  }
}

/**
 * Pairs of `candidates` whose date (the ISO side) is not among `seen`, up to `count`: a held-out
 * set of dates the model never translated in training, in any format.
 */
export function heldOutDates(candidates: readonly DatePair[], seen: readonly DatePair[], count: number): DatePair[] {
  const known = new Set(seen.map((p) => p.machine));
  return candidates.filter((p) => !known.has(p.machine)).slice(0, count);
}
