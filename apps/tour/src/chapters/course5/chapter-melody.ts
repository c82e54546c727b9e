import { argMax, crossEntropy, Generator, manualSeed, noGrad, reshape } from '@dlkit/core';
import { Adam, fit, permutation, progressBar } from '@dlkit/optim';
import { melodyToNotes, NoteVocabulary, pianoRoll, writeMidi, type MelodyNote, type TimedNote } from '@dlkit/sequence';
import { BEATS_PER_BAR, generateMelodies, MELODY_DURATIONS, MELODY_PITCHES, PROGRESSION } from '../../data/melodies.js';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import { heatmapSpec } from '../../report/heatmap.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { checkMelodyRules, sumChecks, type MelodyRuleCheck } from './melody-rules.js';
import { sequenceBatches, TokenLanguageModel, type SequenceBatch } from './token-model.js';

const MELODIES = 900;
const DEV_MELODIES = 50;
const EMBEDDING = 16;
const HIDDEN = 64;
const EPOCHS = 12;
const BATCH = 32;
const LR = 0.01;
const TEMPERATURE = 0.8;
const SAMPLES = 20;
const MAX_TOKENS = 80;
const BPM = 132;
const NOTE_NAMES = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];
const noteName = (pitch: number): string => `${NOTE_NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;

/** Next-token accuracy (end token included) over `sequences` of token ids. */
function nextTokenAccuracy(model: TokenLanguageModel, sequences: readonly (readonly number[])[]): number {
  const { x, y } = sequenceBatches(sequences).batch(sequences.map((_, i) => i));
  const predicted = noGrad(() => argMax(model.forward(x), 2).dataSync());
  const labels = y.dataSync();
  let right = 0;
  let count = 0;
  labels.forEach((v, i) => {
    if (v < 0) return;
    count++;
    if (predicted[i] === v) right++;
  });
  return right / count;
}

const fraction = (c: MelodyRuleCheck): { chordTones: number; barLines: number } => ({
  chordTones: c.downbeats === 0 ? 0 : c.chordToneDownbeats / c.downbeats,
  barLines: c.barLines === 0 ? 1 : c.barLinesKept / c.barLines,
});

/** The chords under `bars` bars, one whole-bar chord (root position, an octave below the melody) each. */
function chordTrack(bars: number): TimedNote[] {
  return Array.from({ length: bars }, (_, bar) => PROGRESSION[bar % PROGRESSION.length]!.tones.map((pc) => ({ pitch: 48 + pc, start: bar * BEATS_PER_BAR, duration: BEATS_PER_BAR, velocity: 56 }))).flat();
}

/**
 * Course 5, week 1 — improvise a melody (the course's jazz lab): an LSTM over (pitch, duration)
 * tokens trained on a procedural corpus, sampled from a one-bar seed and written as a MIDI file.
 */
export function melodyChapter(): ReportSection {
  const course = 'Course 5 · week 1';
  const title = 'Improvising a melody with an LSTM';
  printHeading(course, title);
  manualSeed(51);
  const cpuStart = process.cpuUsage();
  const vocab = new NoteVocabulary(MELODY_PITCHES, MELODY_DURATIONS);
  // Token 0 starts and ends a melody; 1…4 mark a bar and name its chord, as a lead sheet does; notes follow.
  const CHORD_TOKENS = PROGRESSION.length;
  const encode = (melody: readonly MelodyNote[]): number[] => {
    let time = 0;
    return melody.flatMap((n) => {
      const bar = time % BEATS_PER_BAR === 0 ? [1 + ((time / BEATS_PER_BAR) % PROGRESSION.length)] : [];
      time += n.duration;
      return [...bar, vocab.encode(n) + 1 + CHORD_TOKENS];
    });
  };
  const decode = (tokens: readonly number[]): MelodyNote[] => tokens.filter((t) => t > CHORD_TOKENS).map((t) => vocab.decode(t - 1 - CHORD_TOKENS));
  const corpus = generateMelodies(MELODIES, { seed: 7 });
  const order = permutation(MELODIES, 3);
  const dev = order.slice(0, DEV_MELODIES).map((i) => encode(corpus[i]!));
  const train = order.slice(DEV_MELODIES).map((i) => encode(corpus[i]!));

  const model = new TokenLanguageModel(vocab.size + 1 + CHORD_TOKENS, EMBEDDING, HIDDEN);
  const batchLosses: number[] = [];
  const start = performance.now();
  const result = fit(model, {
    step: (m, b: SequenceBatch) => crossEntropy(reshape(m.forward(b.x), [-1, vocab.size + 1 + CHORD_TOKENS]), reshape(b.y, [-1]), { ignoreIndex: -1 }),
    data: sequenceBatches(train),
    optimizer: new Adam(model.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    clipGradNorm: 5,
    seed: 5,
    callbacks: [progressBar({ label: 'melody LSTM' }), { onBatchEnd: (_, logs) => { batchLosses.push(logs['loss']!); } }],
  });
  const seconds = (performance.now() - start) / 1000;
  const trainAccuracy = nextTokenAccuracy(model, train);
  const devAccuracy = nextTokenAccuracy(model, dev);

  // The seed: the first bar of a dev melody (a melody the model never saw).
  const seedLength = dev[0]!.indexOf(2); // up to the second bar's chord token
  const prefix = dev[0]!.slice(0, seedLength);
  const seedNotes = decode(prefix).length;
  const generated = model.generate(SAMPLES, { temperature: TEMPERATURE, maxLength: MAX_TOKENS, seed: 8, prefix }).map(decode);
  const melody = generated[0]!;
  const generatedRules = fraction(sumChecks(generated.map((g) => checkMelodyRules(g.slice(seedNotes), BEATS_PER_BAR))));
  const corpusRules = fraction(sumChecks(corpus.map((m) => checkMelodyRules(m))));
  // A baseline without a model: the same number of notes drawn uniformly from the vocabulary.
  const uniform = new Generator(9);
  const random = generated.map((g) => Array.from({ length: g.length }, () => vocab.decode(Math.floor(uniform.nextFloat() * vocab.size))));
  const randomRules = fraction(sumChecks(random.map((r) => checkMelodyRules(r, BEATS_PER_BAR))));
  const lengthsInBars = generated.map((g) => g.reduce((s, n) => s + n.duration, 0) / BEATS_PER_BAR);

  const notes = melodyToNotes(melody, { velocity: 96 });
  const bars = Math.ceil(notes.reduce((end, n) => Math.max(end, n.start + n.duration), 0) / BEATS_PER_BAR);
  const midi = writeMidi({ bpm: BPM, tracks: [{ name: 'LSTM melody', notes, program: 65 }, { name: 'chords', notes: chordTrack(bars), channel: 1, program: 0 }] });
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const losses = result.history['loss']!;
  const parameters = model.parameters().reduce((s, p) => s + p.size, 0);

  const summaries: ModelSummary[] = [
    {
      model: `Embedding(${EMBEDDING}) → LSTM(${HIDDEN}) → softmax over ${vocab.size} note values + ${CHORD_TOKENS} chords`,
      dataset: `${MELODIES - DEV_MELODIES} generated 8-bar melodies (ii–V–I–VI7 in C), ${DEV_MELODIES} dev`,
      iterations: EPOCHS * Math.ceil(train.length / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      metric: 'next-token accuracy',
      trainAccuracy,
      testAccuracy: devAccuracy,
      heldOut: 'dev',
      seconds,
    },
  ];
  printSummaries(summaries);
  console.log(`    generated: ${percent(generatedRules.chordTones)} chord tones on downbeats, ${percent(generatedRules.barLines)} bar lines kept; ${parameters} parameters; CPU ${cpuSeconds.toFixed(1)} s`);

  // Piano roll of the melody at eighth-note steps, high pitches on top.
  const roll = pianoRoll(notes, { stepsPerBeat: 2, steps: bars * BEATS_PER_BAR * 2 }).dataSync();
  const steps = bars * BEATS_PER_BAR * 2;
  const used = notes.map((n) => n.pitch);
  const pitches = Array.from({ length: Math.max(...used) - Math.min(...used) + 1 }, (_, i) => Math.max(...used) - i);
  const seedSteps = BEATS_PER_BAR * 2;
  const rows = pitches.map((p) => Array.from({ length: steps }, (_, t) => roll[t * 128 + p]! * (t < seedSteps ? 0.45 : 1)));
  const columns = Array.from({ length: steps }, (_, t) => (t % (BEATS_PER_BAR * 2) === 0 ? `${PROGRESSION[(t / (BEATS_PER_BAR * 2)) % PROGRESSION.length]!.name}` : ''));
  const describe = (m: readonly MelodyNote[]): string => m.map((n) => `${n.pitch === null ? 'rest' : noteName(n.pitch)} ${n.duration}`).join(', ');
  return {
    id: 'melody',
    title,
    course,
    paragraphs: [
      `The course's jazz lab trains an LSTM on the note values of a jazz recording and samples a new solo from it. That recording is not public domain, so the corpus here is generated in code and said so: ${MELODIES} eight-bar melodies over the jazz turnaround ${PROGRESSION.map((c) => c.name).join(' – ')} (twice), written by simple rules (\`generateMelodies\`) — each bar takes one of ten rhythms of eighths, quarters, dotted quarters, halves and rests; the note on each downbeat is a chord tone near the last note; other notes step through the scale (C♯ over A7) or leap to a chord tone; the last bar ends on C. Each note is one token of \`NoteVocabulary\`: its pitch (${MELODY_PITCHES.length} pitches from C4 to G5, or a rest) and its length (${MELODY_DURATIONS.join(', ')} beats) — ${vocab.size} values, near the lab's 78 — and, as on a lead sheet, a token naming the chord opens each bar (${CHORD_TOKENS} of them), so the model can tell where it is in the progression.`,
      `The model (${parameters.toLocaleString('en-US')} parameters): a ${EMBEDDING}-wide token embedding, an LSTM with ${HIDDEN} units and a softmax over the note values, chord tokens and an end token, trained as a language model (${EPOCHS} epochs of Adam, α = ${LR}, gradients clipped to norm 5, with \`fit\`): loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}. It guesses the next token right ${percent(devAccuracy)} of the time on the ${DEV_MELODIES} dev melodies (${percent(trainAccuracy)} in training) — the rules leave much to chance, so no model can be near 100%.`,
      `Generation starts from a seed, the first bar of a dev melody (${describe(decode(prefix))}), and samples (temperature ${TEMPERATURE}) one note value at a time until the model writes the end token. Of ${SAMPLES} generated continuations (${Math.min(...lengthsInBars).toFixed(1)}–${Math.max(...lengthsInBars).toFixed(1)} bars long), ${percent(generatedRules.chordTones)} of the downbeat notes are chord tones of the bar's chord and ${percent(generatedRules.barLines)} of the bar lines fall between notes, against ${percent(corpusRules.chordTones)} and ${percent(corpusRules.barLines)} in the corpus and ${percent(randomRules.chordTones)} and ${percent(randomRules.barLines)} for note values drawn at random: rules the model was never told, only shown. The first one is written to \`melody.mid\` with \`writeMidi\` (${midi.length} bytes, ${BPM} bpm, the melody on alto sax over the chords on piano). Data, training, generation and the file took ${cpuSeconds.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    figures: [
      {
        spec: heatmapSpec(rows, { title: 'Piano roll of the generated melody (seed bar paler)', rowLabels: pitches.map(noteName), columnLabels: columns, xTitle: 'eighth notes; chord at each bar', yTitle: 'pitch', valueTitle: 'sounding', cellSize: 9, domain: [0, 1], legend: false, omitZeros: true }),
        caption: `\`pianoRoll\` of the melody in \`melody.mid\`: one row per pitch, one column per eighth note, bars labelled with their chord. The first bar is the seed; the rest is the LSTM's.`,
        wide: true,
      },
      {
        spec: costCurveSpec([{ name: 'mini-batch', points: batchLosses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'Training loss', xTitle: 'mini-batch', yTitle: 'cross-entropy per note value' }),
        caption: 'Cross-entropy per note value of each mini-batch.',
      },
    ],
    files: [{ name: 'melody.mid', bytes: midi, description: `the generated melody as a standard MIDI file (${bars} bars, two tracks).` }],
  };
}
