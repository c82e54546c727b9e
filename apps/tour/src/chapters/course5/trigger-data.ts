import { readFileSync } from 'node:fs';
import { Generator } from '@dlkit/core';

/** The espeak-ng word clips of `tools/trigger-word/clips.json` (see `tools/trigger-word/synthesize.py`). */
export interface WordClips {
  readonly sampleRate: number;
  readonly trigger: string;
  /** The voices in the order of the file: the first ones train, the last two test. */
  readonly voices: readonly string[];
  /** Where the clips came from, e.g. "espeak-ng 1.51". */
  readonly source: string;
  readonly clips: readonly { readonly word: string; readonly voice: string; readonly samples: Float32Array }[];
}

interface StoredClips {
  sampleRate: number;
  trigger: string;
  voices: string[];
  source: string;
  clips: { word: string; voice: string; samples: string }[];
}

/** Reads the committed clips: base64 little-endian 16-bit samples → floats in [−1, 1). */
export function loadWordClips(): WordClips {
  const stored = JSON.parse(readFileSync(new URL('../../../../../tools/trigger-word/clips.json', import.meta.url), 'utf8')) as StoredClips;
  const clips = stored.clips.map((c) => {
    const bytes = Buffer.from(c.samples, 'base64');
    const samples = new Float32Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i) / 32768;
    return { word: c.word, voice: c.voice, samples };
  });
  return { sampleRate: stored.sampleRate, trigger: stored.trigger, voices: stored.voices, source: stored.source, clips };
}

/** A word placed in a synthetic clip. */
export interface PlacedWord {
  readonly word: string;
  /** First and one-past-last sample. */
  readonly start: number;
  readonly end: number;
}

/** A mixed clip: background noise with words inserted at random times. */
export interface MixedClip {
  readonly samples: Float32Array;
  readonly words: readonly PlacedWord[];
}

/** Options of {@link mixClips}. */
export interface MixOptions {
  readonly count: number;
  /** Samples per clip. */
  readonly length: number;
  /** The voices whose words may be used. */
  readonly voices: readonly string[];
  readonly seed: number;
}

/**
 * Background noise generated in code — low-passed (pink-ish) noise of random colour and level plus
 * a mains-like hum — with 0–3 triggers and 0–3 distractor words inserted at random, non-overlapping
 * times and random loudness, as the course builds its training set from 10-second backgrounds.
 */
export function mixClips(words: WordClips, options: MixOptions): MixedClip[] {
  const g = new Generator(options.seed);
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * g.nextFloat();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(g.nextFloat() * list.length)]!;
  const usable = words.clips.filter((c) => options.voices.includes(c.voice));
  const triggers = usable.filter((c) => c.word === words.trigger);
  const distractors = usable.filter((c) => c.word !== words.trigger);
  return Array.from({ length: options.count }, () => {
    const samples = new Float32Array(options.length);
    // Noise: white noise through a one-pole low-pass (its pole sets the colour), plus a hum.
    const pole = uniform(0.5, 0.98);
    const level = uniform(0.005, 0.04);
    const hum = uniform(0, 0.02);
    const humHz = pick([50, 60, 100, 120]);
    let state = 0;
    for (let i = 0; i < samples.length; i++) {
      state = pole * state + (1 - pole) * uniform(-1, 1) * 4;
      samples[i] = level * state + hum * Math.sin((2 * Math.PI * humHz * i) / words.sampleRate);
    }
    const chosen = [...Array.from({ length: Math.floor(uniform(0, 4)) }, () => pick(triggers)), ...Array.from({ length: Math.floor(uniform(0, 4)) }, () => pick(distractors))];
    const placed: PlacedWord[] = [];
    for (const clip of chosen) {
      // Up to 20 tries to find a free place; a word that finds none is left out.
      for (let attempt = 0; attempt < 20; attempt++) {
        const start = Math.floor(uniform(0, options.length - clip.samples.length));
        const end = start + clip.samples.length;
        if (placed.some((p) => start < p.end + 800 && end + 800 > p.start)) continue;
        const gain = uniform(0.4, 1);
        for (let i = 0; i < clip.samples.length; i++) samples[start + i] = samples[start + i]! + gain * clip.samples[i]!;
        placed.push({ word: clip.word, start, end });
        break;
      }
    }
    return { samples, words: placed.sort((a, b) => a.start - b.start) };
  });
}
