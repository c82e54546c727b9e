import { ValueError } from '@dlkit/core';
import type { TimedNote } from './midi.js';

/** One melody event: a pitch (a MIDI note number) or a rest (`null`), held `duration` beats. */
export interface MelodyNote {
  /** MIDI note number 0–127, or `null` for a rest. */
  readonly pitch: number | null;
  /** Length in beats (quarter notes), > 0. */
  readonly duration: number;
}

/**
 * The tokens of a melody model: one id per (pitch or rest, duration) pair, as in the course's jazz
 * lab where each value is a note with its length — so an LSTM predicts what to play and for how long
 * in one softmax. Ids run over durations fastest: `id = pitchIndex · durations + durationIndex`,
 * the rest (when kept) after every pitch.
 * @example
 * ```ts
 * const vocab = new NoteVocabulary([60, 62, 64, 65, 67], [0.5, 1, 2]);
 * vocab.size;                                   // (5 pitches + a rest) × 3 durations = 18
 * vocab.decode(vocab.encode({ pitch: 64, duration: 1 })); // { pitch: 64, duration: 1 }
 * ```
 */
export class NoteVocabulary {
  /** The pitches, in id order. */
  readonly pitches: readonly number[];
  /** The durations in beats, in id order. */
  readonly durations: readonly number[];
  /** Whether rests have tokens. */
  readonly rests: boolean;

  /**
   * Creates the vocabulary; pitches and durations must be distinct and non-empty.
   * @param pitches - MIDI note numbers 0–127, in id order.
   * @param durations - Positive durations in beats, in id order.
   * @param options - `rests`: give rests tokens too (default true).
   */
  constructor(pitches: readonly number[], durations: readonly number[], options: { rests?: boolean } = {}) {
    pitches.forEach((p) => {
      if (!Number.isInteger(p) || p < 0 || p > 127) throw new ValueError(`NoteVocabulary: pitches must be MIDI note numbers 0–127, got ${String(p)}`);
    });
    durations.forEach((d) => {
      if (!(d > 0 && Number.isFinite(d))) throw new ValueError(`NoteVocabulary: durations must be positive beats, got ${String(d)}`);
    });
    if (pitches.length === 0 || durations.length === 0) throw new ValueError(`NoteVocabulary: needs at least one pitch and one duration, got ${pitches.length} and ${durations.length}`);
    if (new Set(pitches).size !== pitches.length || new Set(durations).size !== durations.length) throw new ValueError('NoteVocabulary: pitches and durations must not repeat');
    this.pitches = [...pitches];
    this.durations = [...durations];
    this.rests = options.rests ?? true;
  }

  /** Number of tokens: `(pitches + rest?) × durations`. */
  get size(): number {
    return (this.pitches.length + (this.rests ? 1 : 0)) * this.durations.length;
  }

  /** The token of a note; a `ValueError` for a pitch or duration outside the vocabulary. */
  encode(note: MelodyNote): number {
    const p = note.pitch === null ? (this.rests ? this.pitches.length : -1) : this.pitches.indexOf(note.pitch);
    const d = this.durations.indexOf(note.duration);
    if (p < 0 || d < 0) throw new ValueError(`NoteVocabulary.encode: ${note.pitch === null ? 'a rest' : `pitch ${note.pitch}`} of ${note.duration} beats is not in the vocabulary`);
    return p * this.durations.length + d;
  }

  /** The note of a token. */
  decode(token: number): MelodyNote {
    if (!Number.isInteger(token) || token < 0 || token >= this.size) throw new ValueError(`NoteVocabulary.decode: token must be an integer in [0, ${this.size}), got ${String(token)}`);
    const p = Math.floor(token / this.durations.length);
    return { pitch: p === this.pitches.length ? null : this.pitches[p]!, duration: this.durations[token % this.durations.length]! };
  }
}

/**
 * Lays a melody out in time: each note starts where the one before ended; rests only advance time.
 * @example melodyToNotes([{ pitch: 60, duration: 1 }, { pitch: null, duration: 1 }, { pitch: 67, duration: 2 }]) // C at 0, G at 2
 */
export function melodyToNotes(melody: readonly MelodyNote[], options: { start?: number; velocity?: number } = {}): TimedNote[] {
  let time = options.start ?? 0;
  const notes: TimedNote[] = [];
  for (const note of melody) {
    if (note.pitch !== null) notes.push({ pitch: note.pitch, start: time, duration: note.duration, ...(options.velocity === undefined ? {} : { velocity: options.velocity }) });
    time += note.duration;
  }
  return notes;
}
