import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, noGrad, reshape } from '@dlkit/core';
import { Adam, fit } from '@dlkit/optim';
import { Seq2Seq } from '@dlkit/sequence';
import { TokenLanguageModel, sequenceBatches, type SequenceBatch } from '../src/chapters/course5/token-model.js';
import { DateCodec, heldOutDates, ISO_LENGTH, type DateBatch } from '../src/chapters/course5/date-batches.js';
import { dateVocabularies, generateDatePairs } from '../src/data/dates.js';
import { loadFirstNames, NAME_ALPHABET } from '../src/data/names.js';
import { checkMelodyRules, sumChecks } from '../src/chapters/course5/melody-rules.js';
import { chordAt, generateMelodies, MELODY_DURATIONS, MELODY_PITCHES } from '../src/data/melodies.js';
import { heatmapSpec } from '../src/report/heatmap.js';
import { writeReport } from '../src/report/write.js';
import { renderSvg } from '../src/report/render.js';

describe('date translation pieces', () => {
  const pairs = generateDatePairs(300, { seed: 3 });
  const vocab = dateVocabularies(pairs);
  const codec = new DateCodec(vocab.human, vocab.machine);

  it('batches pad to the batch’s longest date and shift the target right behind the start token', () => {
    const chosen = [{ human: '3/5/02', machine: '2002-03-05' }, { human: 'march 5, 2002', machine: '2002-03-05' }];
    const b = codec.batch(chosen);
    expect(b.source.shape).toEqual([2, 13]);
    expect(b.lengths).toEqual([6, 13]);
    const source = Array.from(b.source.dataSync());
    expect(source.slice(6, 13)).toEqual([0, 0, 0, 0, 0, 0, 0]); // <pad>
    expect(source.slice(0, 6)).toEqual(codec.encodeHuman('3/5/02'));
    expect(codec.encodeHuman('§')).toEqual([1]); // <unk>
    const targetIn = Array.from(b.targetIn.dataSync()).slice(0, ISO_LENGTH);
    const targetOut = Array.from(b.targetOut.dataSync()).slice(0, ISO_LENGTH);
    expect(codec.decodeMachine(targetOut)).toBe('2002-03-05');
    expect(targetIn[0]).toBe(codec.start);
    expect(targetIn.slice(1)).toEqual(targetOut.slice(0, -1));
    expect(codec.targetVocabSize).toBe(12);
  });

  it('held-out dates share no calendar day with the training pairs', () => {
    const test = heldOutDates(generateDatePairs(400, { seed: 4 }), pairs, 100);
    expect(test).toHaveLength(100);
    const seen = new Set(pairs.map((p) => p.machine));
    expect(test.every((p) => !seen.has(p.machine))).toBe(true);
  });

  it('a small Seq2Seq trained through the batch source learns to rewrite "yyyy/mm/dd" dates: the loss falls below half its start', () => {
    manualSeed(2);
    const iso = generateDatePairs(2000, { seed: 5 }).map((p) => ({ human: p.machine.replaceAll('-', '/'), machine: p.machine }));
    const isoCodec = new DateCodec(dateVocabularies(iso).human, dateVocabularies(iso).machine);
    const model = new Seq2Seq({ sourceVocabSize: isoCodec.human.length, targetVocabSize: isoCodec.targetVocabSize, embeddingDim: 8, encoderHidden: 8, decoderHidden: 16, attentionDim: 8 });
    const lossOf = (m: Seq2Seq, b: DateBatch) => crossEntropy(reshape(m.forward(b.source, b.targetIn, { sourceLengths: b.lengths }).logits, [-1, isoCodec.targetVocabSize]), b.targetOut);
    const first = noGrad(() => lossOf(model, isoCodec.batch(iso.slice(0, 256)))).item();
    fit(model, { step: lossOf, data: isoCodec.source(iso), optimizer: new Adam(model.parameters(), { lr: 0.02 }), epochs: 2, batchSize: 100, seed: 1 });
    const last = noGrad(() => lossOf(model, isoCodec.batch(iso.slice(0, 256)))).item();
    expect(last).toBeLessThan(first / 2);
  }, 60_000);
});

describe('character-level names pieces', () => {
  it('loads real first names from both @stdlib lists, lower case, without duplicates', () => {
    const names = loadFirstNames();
    expect(names.length).toBeGreaterThan(8000);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z]+$/.test(n))).toBe(true);
    expect(names).toContain('aaron'); // male list
    expect(names).toContain('abagail'); // female list
  });

  it('batches start with the end token, end the target with it and ignore padding', () => {
    const source = sequenceBatches([[1, 2, 3], [4]]);
    const { x, y } = source.batch([0, 1]);
    expect(x.shape).toEqual([2, 4]);
    expect(Array.from(x.dataSync())).toEqual([0, 1, 2, 3, 0, 4, 0, 0]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 0, 4, 0, -1, -1]);
  });

  it('trains on a few names and samples strings over the alphabet that end', () => {
    manualSeed(3);
    const names = loadFirstNames().slice(0, 300).map((n) => [...n].map((ch) => NAME_ALPHABET.indexOf(ch)));
    const model = new TokenLanguageModel(NAME_ALPHABET.length, 8, 24);
    const lossOf = (m: TokenLanguageModel, b: SequenceBatch) => crossEntropy(reshape(m.forward(b.x), [-1, NAME_ALPHABET.length]), reshape(b.y, [-1]), { ignoreIndex: -1 });
    const { history } = fit(model, { step: lossOf, data: sequenceBatches(names), optimizer: new Adam(model.parameters(), { lr: 0.02 }), epochs: 6, batchSize: 32, seed: 1 });
    expect(history['loss']![0]!).toBeGreaterThan(2.8); // ≈ log 27 at the start
    expect(history['loss']!.at(-1)!).toBeLessThan(2.5);
    const samples = model.generate(5, { temperature: 0.8, maxLength: 12, seed: 1 });
    expect(samples).toHaveLength(5);
    expect(samples.every((s) => s.length <= 12 && s.every((id) => id >= 1 && id < NAME_ALPHABET.length))).toBe(true);
    expect(model.generate(5, { temperature: 0.8, maxLength: 12, seed: 1 })).toEqual(samples); // seeded
  }, 60_000);
});

describe('heatmapSpec', () => {
  it('draws one cell per value with repeated labels kept apart', async () => {
    const spec = heatmapSpec([[0.9, 0.1, 0], [0, 0.2, 0.8]], { title: 'attention', rowLabels: ['1', '1'], columnLabels: ['a', ' ', 'a'] });
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('␣');
    expect((svg.match(/>a</g) ?? []).length).toBe(2);
    // Without zero cells the axes keep every row and column (all labels drawn).
    const sparse = await renderSvg(heatmapSpec([[1, 0], [0, 0]], { title: 'roll', rowLabels: ['G4', 'C4'], columnLabels: ['x', 'y'], omitZeros: true }));
    expect(sparse).toContain('>C4<');
    expect(sparse).toContain('>y<');
  });
});

describe('melody corpus and rule checks', () => {
  it('generates seeded 8-bar melodies that keep every rule the chapter checks', () => {
    const melodies = generateMelodies(200, { seed: 1 });
    expect(generateMelodies(3, { seed: 1 })).toEqual(melodies.slice(0, 3));
    for (const melody of melodies) {
      expect(melody.reduce((s, n) => s + n.duration, 0)).toBe(32);
      expect(melody.every((n) => MELODY_DURATIONS.includes(n.duration) && (n.pitch === null || MELODY_PITCHES.includes(n.pitch)))).toBe(true);
      expect(melody.at(-1)!.pitch! % 12).toBe(0); // ends on C
    }
    const check = sumChecks(melodies.map((m) => checkMelodyRules(m)));
    expect(check.chordToneDownbeats).toBe(check.downbeats);
    expect(check.barLinesKept).toBe(check.barLines);
    expect(check.barLines).toBe(200 * 7);
  });

  it('counts downbeat chord tones and notes held across bar lines by hand', () => {
    expect(chordAt(4).name).toBe('G7');
    // Bar 1 (Dm7): D on the downbeat (a chord tone), then E held 4 beats across the bar line; bar 2 (G7) starts inside it.
    // Bar 3 (Cmaj7) starts with D: not a chord tone.
    const melody = [{ pitch: 62, duration: 1 }, { pitch: 64, duration: 4 }, { pitch: 67, duration: 3 }, { pitch: 62, duration: 4 }];
    expect(checkMelodyRules(melody)).toEqual({ downbeats: 2, chordToneDownbeats: 1, barLines: 2, barLinesKept: 1 });
    // Starting a bar into the progression, the downbeats are read against G7 (D: a chord tone) and A7 (D: not one).
    expect(checkMelodyRules(melody, 4)).toEqual({ downbeats: 2, chordToneDownbeats: 1, barLines: 2, barLinesKept: 1 });
  });
});

describe('report files', () => {
  it('writes a section\'s files beside index.html and links them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tour-'));
    try {
      const bytes = Uint8Array.from([0x4d, 0x54, 0x68, 0x64]);
      const file = await writeReport({ title: 't', backend: 'ts', totalSeconds: 1, generated: new Date(0), sections: [{ id: 's', title: 's', course: 'c', paragraphs: [], summaries: [], figures: [], files: [{ name: 'song.mid', bytes, description: 'a song' }] }] }, dir);
      expect(Array.from(await readFile(join(dir, 'song.mid')))).toEqual(Array.from(bytes));
      expect(await readFile(file, 'utf8')).toContain('<a href="song.mid" download>song.mid</a>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
