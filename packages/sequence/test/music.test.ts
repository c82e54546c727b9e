import { describe, expect, it } from 'vitest';
import { ValueError } from '@dlkit/core';
import { encodeVariableLength, melodyToNotes, NoteVocabulary, pianoRoll, writeMidi } from '@dlkit/sequence';

const hex = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('MIDI variable-length quantities', () => {
  it('encode the standard MIDI file specification\'s examples', () => {
    const cases: [number, string][] = [
      [0x00, '00'], [0x40, '40'], [0x7f, '7f'], [0x80, '81 00'], [0x2000, 'c0 00'], [0x3fff, 'ff 7f'],
      [0x4000, '81 80 00'], [0x100000, 'c0 80 00'], [0x1fffff, 'ff ff 7f'], [0x200000, '81 80 80 00'], [0x0fffffff, 'ff ff ff 7f'],
    ];
    for (const [value, bytes] of cases) expect(hex(encodeVariableLength(value))).toBe(bytes);
    expect(() => encodeVariableLength(0x10000000)).toThrow(ValueError);
    expect(() => encodeVariableLength(-1)).toThrow(ValueError);
  });
});

describe('writeMidi', () => {
  it('writes a tiny one-track song byte for byte as checked by hand', () => {
    // 96 ticks per quarter, 120 bpm (500,000 µs = 07 a1 20): C4 for a beat (velocity 100), E4 for
    // two beats right after, a beat of silence, G4 for half a beat.
    const bytes = writeMidi({
      bpm: 120,
      ticksPerQuarter: 96,
      tracks: [{ notes: [{ pitch: 60, start: 0, duration: 1, velocity: 100 }, { pitch: 64, start: 1, duration: 2 }, { pitch: 67, start: 4, duration: 0.5 }] }],
    });
    const expected = [
      '4d 54 68 64', '00 00 00 06', '00 00', '00 01', '00 60', // MThd, length 6, format 0, 1 track, 96 ticks/quarter
      '4d 54 72 6b', '00 00 00 24', // MTrk, 36 bytes
      '00 ff 51 03 07 a1 20', // Δ0 tempo 500,000 µs per quarter
      '00 90 3c 64', // Δ0 note on C4, velocity 100
      '60 80 3c 40', // Δ96 note off C4 (before the next note on at the same tick)
      '00 90 40 50', // Δ0 note on E4, velocity 80 (the default)
      '81 40 80 40 40', // Δ192 (VLQ 81 40) note off E4
      '60 90 43 50', // Δ96 note on G4
      '30 80 43 40', // Δ48 note off G4
      '00 ff 2f 00', // end of track
    ].join(' ');
    expect(hex(bytes)).toBe(expected);
  });

  it('writes format 1 for several tracks, with names, channels and program changes', () => {
    const bytes = writeMidi({
      ticksPerQuarter: 480,
      tracks: [{ name: 'lead', program: 65, notes: [{ pitch: 72, start: 0, duration: 0.25 }] }, { channel: 1, notes: [{ pitch: 48, start: 0, duration: 4 }] }],
    });
    expect(hex(bytes.subarray(0, 14))).toBe('4d 54 68 64 00 00 00 06 00 01 00 02 01 e0');
    const text = hex(bytes);
    expect(text).toContain('00 ff 03 04 6c 65 61 64'); // track name "lead"
    expect(text).toContain('00 c0 41'); // program 65 on channel 0
    expect(text).toContain('00 91 30 50 8f 00 81 30 40'); // channel 1: note on, Δ1920 (8f 00) note off
    expect(text.split('4d 54 72 6b').length - 1).toBe(2);
  });

  it('rejects notes and songs MIDI cannot hold', () => {
    const song = (pitch: number, duration = 1) => ({ tracks: [{ notes: [{ pitch, start: 0, duration }] }] });
    expect(() => writeMidi(song(128))).toThrow(/pitch must be an integer in \[0, 127\]/);
    expect(() => writeMidi(song(60, 0))).toThrow(/duration > 0/);
    expect(() => writeMidi({ tracks: [] })).toThrow(ValueError);
    expect(() => writeMidi({ ...song(60), ticksPerQuarter: 0x8000 })).toThrow(/ticksPerQuarter/);
  });
});

describe('note/duration tokens and piano rolls', () => {
  it('NoteVocabulary gives every (pitch or rest, duration) pair one id and decodes it back', () => {
    const vocab = new NoteVocabulary([60, 62, 64], [0.5, 1, 2]);
    expect(vocab.size).toBe(12);
    const ids = new Set<number>();
    for (const pitch of [60, 62, 64, null]) {
      for (const duration of [0.5, 1, 2]) {
        const id = vocab.encode({ pitch, duration });
        ids.add(id);
        expect(vocab.decode(id)).toEqual({ pitch, duration });
      }
    }
    expect(ids.size).toBe(12);
    expect(vocab.encode({ pitch: 62, duration: 2 })).toBe(5);
    expect(() => vocab.encode({ pitch: 61, duration: 1 })).toThrow(/not in the vocabulary/);
    expect(() => new NoteVocabulary([60], [1], { rests: false }).encode({ pitch: null, duration: 1 })).toThrow(ValueError);
    expect(() => vocab.decode(12)).toThrow(ValueError);
  });

  it('melodyToNotes lays notes end to end with rests as gaps; pianoRoll marks the steps each note sounds', () => {
    const notes = melodyToNotes([{ pitch: 60, duration: 1 }, { pitch: null, duration: 0.5 }, { pitch: 67, duration: 0.5 }]);
    expect(notes).toEqual([{ pitch: 60, start: 0, duration: 1 }, { pitch: 67, start: 1.5, duration: 0.5 }]);
    const roll = pianoRoll(notes, { stepsPerBeat: 2 });
    expect(roll.shape).toEqual([4, 128]);
    const on = Array.from(roll.dataSync()).flatMap((v, i) => (v === 1 ? [[Math.floor(i / 128), i % 128]] : []));
    expect(on).toEqual([[0, 60], [1, 60], [3, 67]]);
    expect(() => pianoRoll(notes, { stepsPerBeat: 0 })).toThrow(ValueError);
  });
});
