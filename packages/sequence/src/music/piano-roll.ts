import { tensor, ValueError, type Tensor } from '@dlkit/core';
import type { TimedNote } from './midi.js';

/** Options of {@link pianoRoll}. */
export interface PianoRollOptions {
  /** Time steps per beat (default 4: sixteenth notes). */
  stepsPerBeat?: number;
  /** Steps in all (default: up to the end of the last note). */
  steps?: number;
}

/**
 * The piano-roll matrix of notes: `[steps, 128]`, 1 where pitch `p` sounds during step `t`
 * (a note covers the steps from `round(start·s)` up to `round(end·s)`), 0 elsewhere — the
 * multi-hot form many music models train on.
 * @example pianoRoll([{ pitch: 60, start: 0, duration: 1 }], { stepsPerBeat: 2 }) // [2, 128], ones at [0, 60] and [1, 60]
 */
export function pianoRoll(notes: readonly TimedNote[], options: PianoRollOptions = {}): Tensor {
  const perBeat = options.stepsPerBeat ?? 4;
  if (!Number.isInteger(perBeat) || perBeat <= 0) throw new ValueError(`pianoRoll: stepsPerBeat must be a positive integer, got ${String(perBeat)}`);
  const spans = notes.map((n, i) => {
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127 || !(n.start >= 0 && n.duration > 0)) {
      throw new ValueError(`pianoRoll: note ${i} needs a pitch 0–127, start ≥ 0 and duration > 0, got ${JSON.stringify(n)}`);
    }
    return { pitch: n.pitch, from: Math.round(n.start * perBeat), to: Math.round((n.start + n.duration) * perBeat) };
  });
  const steps = options.steps ?? Math.max(0, ...spans.map((s) => s.to));
  if (!Number.isInteger(steps) || steps < 0) throw new ValueError(`pianoRoll: steps must be an integer ≥ 0, got ${String(steps)}`);
  const roll = new Float32Array(steps * 128);
  for (const { pitch, from, to } of spans) for (let t = from; t < Math.min(to, steps); t++) roll[t * 128 + pitch] = 1;
  return tensor(roll, { shape: [steps, 128] });
}
