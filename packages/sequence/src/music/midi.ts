import { ValueError } from '@dlkit/core';

/** A note placed in time, for {@link writeMidi} and piano rolls. Times are in beats (quarter notes). */
export interface TimedNote {
  /** MIDI note number, 0–127 (60 is middle C). */
  readonly pitch: number;
  /** Onset, in beats from the start. */
  readonly start: number;
  /** Length in beats (> 0). */
  readonly duration: number;
  /** Key velocity 1–127 (default 80). */
  readonly velocity?: number;
}

/** One track of a {@link MidiSong}. */
export interface MidiTrack {
  /** The track's notes, in any order (each becomes a note-on and a note-off event). */
  readonly notes: readonly TimedNote[];
  /** Written as a track-name meta event when given. */
  readonly name?: string;
  /** MIDI channel 0–15 (default 0; 9 is General MIDI percussion). */
  readonly channel?: number;
  /** General MIDI program 0–127 written as a program change at time 0 (default none: the player's piano). */
  readonly program?: number;
}

/** What {@link writeMidi} writes. */
export interface MidiSong {
  /** The tracks (1 to 65535), written in order: a format-0 file for one, format 1 for several. */
  readonly tracks: readonly MidiTrack[];
  /** Quarter-note beats per minute (default 120), written as a tempo meta event in the first track. */
  readonly bpm?: number;
  /** Time resolution: ticks per quarter note (default 480). */
  readonly ticksPerQuarter?: number;
}

/**
 * A MIDI variable-length quantity: 7 bits per byte, most significant first, the high bit set on
 * every byte but the last (`0x80 → 81 00`, `0x3FFF → FF 7F`). Values 0 … 0x0FFFFFFF.
 * @example encodeVariableLength(0x2000) // [0xc0, 0x00]
 */
export function encodeVariableLength(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0x0fffffff) throw new ValueError(`encodeVariableLength: expected an integer in [0, 0x0FFFFFFF], got ${String(value)}`);
  const bytes = [value & 0x7f];
  for (let v = value >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

const ascii = (text: string): number[] => [...text].map((ch) => {
  const code = ch.charCodeAt(0);
  return code < 128 ? code : 0x3f; // '?' for anything outside ASCII
});
const uint = (value: number, bytes: number): number[] => Array.from({ length: bytes }, (_, i) => (value >>> (8 * (bytes - 1 - i))) & 0xff);

function checkRange(value: number, lo: number, hi: number, what: string): void {
  if (!Number.isInteger(value) || value < lo || value > hi) throw new ValueError(`writeMidi: ${what} must be an integer in [${lo}, ${hi}], got ${String(value)}`);
}

interface Event {
  readonly tick: number;
  /** Sorts events at one tick: meta and program first, then note-offs, then note-ons. */
  readonly order: number;
  readonly bytes: number[];
}

function trackChunk(track: MidiTrack, index: number, song: Required<Pick<MidiSong, 'bpm' | 'ticksPerQuarter'>>): number[] {
  const channel = track.channel ?? 0;
  checkRange(channel, 0, 15, `track ${index}'s channel`);
  const events: Event[] = [];
  if (track.name !== undefined) events.push({ tick: 0, order: 0, bytes: [0xff, 0x03, ...encodeVariableLength(track.name.length), ...ascii(track.name)] });
  if (index === 0) events.push({ tick: 0, order: 0, bytes: [0xff, 0x51, 0x03, ...uint(Math.round(60_000_000 / song.bpm), 3)] });
  if (track.program !== undefined) {
    checkRange(track.program, 0, 127, `track ${index}'s program`);
    events.push({ tick: 0, order: 1, bytes: [0xc0 | channel, track.program] });
  }
  track.notes.forEach((note, i) => {
    checkRange(note.pitch, 0, 127, `note ${i} of track ${index}: pitch`);
    const velocity = note.velocity ?? 80;
    checkRange(velocity, 1, 127, `note ${i} of track ${index}: velocity`);
    if (!(note.start >= 0 && note.duration > 0 && Number.isFinite(note.start + note.duration))) {
      throw new ValueError(`writeMidi: note ${i} of track ${index} needs start ≥ 0 and duration > 0 (beats), got start ${note.start}, duration ${note.duration}`);
    }
    const on = Math.round(note.start * song.ticksPerQuarter);
    const off = Math.max(on + 1, Math.round((note.start + note.duration) * song.ticksPerQuarter));
    events.push({ tick: on, order: 3, bytes: [0x90 | channel, note.pitch, velocity] });
    events.push({ tick: off, order: 2, bytes: [0x80 | channel, note.pitch, 0x40] });
  });
  events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const body: number[] = [];
  let now = 0;
  for (const e of events) {
    body.push(...encodeVariableLength(e.tick - now), ...e.bytes);
    now = e.tick;
  }
  body.push(0x00, 0xff, 0x2f, 0x00); // end of track
  return [...ascii('MTrk'), ...uint(body.length, 4), ...body];
}

/**
 * A standard MIDI file (SMF): the header chunk `MThd` (format 0 for one track, 1 for several;
 * the track count; ticks per quarter note) and one `MTrk` chunk per track — delta times as
 * variable-length quantities, note-on/note-off events (note-offs first at equal times), the tempo
 * in the first track, and an end-of-track meta event. Plays in any MIDI player or DAW.
 * @example
 * ```ts
 * const bytes = writeMidi({ bpm: 100, tracks: [{ notes: [{ pitch: 60, start: 0, duration: 1 }, { pitch: 64, start: 1, duration: 1 }] }] });
 * // writeFileSync('melody.mid', bytes)
 * ```
 */
export function writeMidi(song: MidiSong): Uint8Array {
  const bpm = song.bpm ?? 120;
  const ticksPerQuarter = song.ticksPerQuarter ?? 480;
  if (!(bpm > 0 && Math.round(60_000_000 / bpm) <= 0xffffff)) throw new ValueError(`writeMidi: bpm must be > 3.58 (a 24-bit microseconds-per-beat tempo), got ${bpm}`);
  checkRange(ticksPerQuarter, 1, 0x7fff, 'ticksPerQuarter');
  if (!Array.isArray(song.tracks) || song.tracks.length === 0 || song.tracks.length > 0xffff) throw new ValueError(`writeMidi: expected 1 to 65535 tracks, got ${String(song.tracks?.length)}`);
  const header = [...ascii('MThd'), ...uint(6, 4), ...uint(song.tracks.length === 1 ? 0 : 1, 2), ...uint(song.tracks.length, 2), ...uint(ticksPerQuarter, 2)];
  const chunks = song.tracks.map((track, i) => trackChunk(track, i, { bpm, ticksPerQuarter }));
  return Uint8Array.from([...header, ...chunks.flat()]);
}
