import type { MelodyNote } from '@dlkit/sequence';
import { BEATS_PER_BAR, chordAt, isChordTone } from '../../data/melodies.js';

/** How well a melody keeps the corpus's rules. */
export interface MelodyRuleCheck {
  /** Notes that start a bar (not rests). */
  readonly downbeats: number;
  /** Of those, the ones on a chord tone of their bar's chord. */
  readonly chordToneDownbeats: number;
  /** Bar lines inside the melody. */
  readonly barLines: number;
  /** Of those, the ones a note or rest starts on (none held across). */
  readonly barLinesKept: number;
}

/**
 * Checks `melody`, starting `startBeat` beats into the progression, against two rules of the
 * corpus: chord tones on downbeats, and no note held across a bar line.
 */
export function checkMelodyRules(melody: readonly MelodyNote[], startBeat = 0): MelodyRuleCheck {
  let time = startBeat;
  let downbeats = 0;
  let chordToneDownbeats = 0;
  const starts = new Set<number>();
  for (const note of melody) {
    starts.add(time);
    if (note.pitch !== null && time % BEATS_PER_BAR === 0) {
      downbeats++;
      if (isChordTone(note.pitch, chordAt(time))) chordToneDownbeats++;
    }
    time += note.duration;
  }
  const first = Math.floor(startBeat / BEATS_PER_BAR) + 1;
  const last = Math.ceil(time / BEATS_PER_BAR) - 1;
  let kept = 0;
  for (let bar = first; bar <= last; bar++) if (starts.has(bar * BEATS_PER_BAR)) kept++;
  const lines = Math.max(0, last - first + 1);
  return { downbeats, chordToneDownbeats, barLines: lines, barLinesKept: kept };
}

/** Sums rule checks over several melodies. */
export function sumChecks(checks: readonly MelodyRuleCheck[]): MelodyRuleCheck {
  return checks.reduce((a, b) => ({
    downbeats: a.downbeats + b.downbeats,
    chordToneDownbeats: a.chordToneDownbeats + b.chordToneDownbeats,
    barLines: a.barLines + b.barLines,
    barLinesKept: a.barLinesKept + b.barLinesKept,
  }), { downbeats: 0, chordToneDownbeats: 0, barLines: 0, barLinesKept: 0 });
}
