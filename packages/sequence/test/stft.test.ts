import { describe, expect, it } from 'vitest';
import { tensor, ValueError } from '@dlkit/core';
import { hannWindow, spectrogram, stft } from '@dlkit/sequence';
import { maxAbsDiff, readGolden, type Stored } from './golden.js';

interface StftCase {
  name: string;
  signal: Stored;
  nFft: number;
  hopLength: number;
  winLength: number;
  window: 'hann' | 'rectangular';
  center: boolean;
  real: Stored;
  imag: Stored;
  power: Stored;
  magnitude: Stored;
}

const golden = readGolden<{ cases: StftCase[] }>('stft-golden.json');

describe('stft and spectrogram equal torch.stft (tools/fixtures/sequence/generate_stft.py)', () => {
  for (const c of golden.cases) {
    it(`${c.name}: real, imag, |X|² and |X| to 1e-9`, () => {
      const signal = tensor(Float64Array.from(c.signal.values), { shape: c.signal.shape, dtype: 'float64' });
      const options = { nFft: c.nFft, hopLength: c.hopLength, winLength: c.winLength, window: c.window, center: c.center } as const;
      const { real, imag } = stft(signal, options);
      expect(real.shape).toEqual(c.real.shape);
      expect(maxAbsDiff(real.dataSync(), c.real.values)).toBeLessThan(1e-9);
      expect(maxAbsDiff(imag.dataSync(), c.imag.values)).toBeLessThan(1e-9);
      const power = spectrogram(signal, { ...options, dtype: 'float64' });
      expect(maxAbsDiff(power.dataSync(), c.power.values)).toBeLessThan(1e-9);
      expect(maxAbsDiff(spectrogram(signal, { ...options, power: 1, dtype: 'float64' }).dataSync(), c.magnitude.values)).toBeLessThan(1e-9);
      const logged = spectrogram(signal, { ...options, log: true, eps: 1e-6, dtype: 'float64' }).dataSync();
      expect(maxAbsDiff(logged, c.power.values.map((p) => Math.log(p + 1e-6)))).toBeLessThan(1e-9);
    });
  }

  it('puts a 440 Hz tone in bin 440/(8000/200) = 11', () => {
    const tone = golden.cases.find((c) => c.name.startsWith('a 440 Hz'))!;
    const power = spectrogram(tone.signal.values, { nFft: 200, hopLength: 80 });
    const [frames, bins] = power.shape as [number, number];
    const row = Array.from(power.dataSync().subarray(Math.floor(frames / 2) * bins, (Math.floor(frames / 2) + 1) * bins));
    expect(row.indexOf(Math.max(...row))).toBe(11);
  });

  it('hannWindow is periodic by default, symmetric on request', () => {
    expect(maxAbsDiff(hannWindow(4), [0, 0.5, 1, 0.5])).toBeLessThan(1e-15);
    expect(maxAbsDiff(hannWindow(5, { periodic: false }), [0, 0.5, 1, 0.5, 0])).toBeLessThan(1e-15);
  });

  it('rejects bad options and too-short signals with ValueErrors', () => {
    expect(() => stft([1, 2, 3], { nFft: 0 })).toThrow(ValueError);
    expect(() => stft(new Float64Array(100), { nFft: 16, winLength: 32 })).toThrow(/winLength must be/);
    expect(() => stft(new Float64Array(100), { nFft: 16, winLength: 8, window: [1, 2] })).toThrow(/window must be/);
    expect(() => stft(new Float64Array(8), { nFft: 16 })).toThrow(/reflect padding needs more than/);
    expect(() => stft(new Float64Array(8), { nFft: 16, center: false })).toThrow(/shorter than nFft/);
    expect(() => spectrogram(new Float64Array(100), { nFft: 16, power: 0 })).toThrow(/power must be/);
  });
});
