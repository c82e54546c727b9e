import { tensor, Tensor, ValueError, type FloatDType } from '@dlkit/core';
import { dft } from './fft.js';

/** Options of {@link stft} (PyTorch's `torch.stft` keyword arguments, camelCase). */
export interface StftOptions {
  /** FFT size `N`: each frame gives `⌊N/2⌋ + 1` frequency bins (any size; powers of two are fastest). */
  nFft: number;
  /** Samples between frame starts (default `⌊nFft/4⌋`). */
  hopLength?: number;
  /** Length of the window (default `nFft`); a shorter window is zero-padded on both sides to `nFft`, as PyTorch does. */
  winLength?: number;
  /** The window: `'hann'` (periodic, default), `'rectangular'`, or `winLength` values. */
  window?: 'hann' | 'rectangular' | ArrayLike<number>;
  /** Pad the signal by `⌊nFft/2⌋` on both sides (reflecting it) so frame t is centred on sample `t·hop` (default true). */
  center?: boolean;
}

/** What {@link stft} returns: the complex spectrum as two tensors `[frames, bins]` (or `[batch, frames, bins]`). */
export interface StftResult {
  /** Real parts, `[frames, ⌊nFft/2⌋ + 1]` (or `[batch, frames, ⌊nFft/2⌋ + 1]`). */
  readonly real: Tensor;
  /** Imaginary parts, shaped like `real`. */
  readonly imag: Tensor;
}

/**
 * The periodic Hann window `w_n = ½ − ½ cos(2πn/N)`, `n = 0 … N−1` (PyTorch's `torch.hann_window`
 * default), or the symmetric one (`N − 1` in the denominator) with `periodic: false`.
 * @example hannWindow(4) // [0, 0.5, 1, 0.5]
 */
export function hannWindow(length: number, options: { periodic?: boolean } = {}): Float64Array {
  if (!Number.isInteger(length) || length <= 0) throw new ValueError(`hannWindow: length must be a positive integer, got ${String(length)}`);
  const denominator = (options.periodic ?? true) ? length : length - 1;
  if (denominator === 0) return Float64Array.of(1);
  return Float64Array.from({ length }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / denominator));
}

interface Resolved {
  readonly nFft: number;
  readonly hop: number;
  readonly window: Float64Array;
  readonly center: boolean;
}

function resolve(options: StftOptions, where: string): Resolved {
  const { nFft } = options;
  if (!Number.isInteger(nFft) || nFft <= 0) throw new ValueError(`${where}: nFft must be a positive integer, got ${String(nFft)}`);
  const hop = options.hopLength ?? Math.max(1, Math.floor(nFft / 4));
  if (!Number.isInteger(hop) || hop <= 0) throw new ValueError(`${where}: hopLength must be a positive integer, got ${String(hop)}`);
  const winLength = options.winLength ?? (typeof options.window === 'object' ? options.window.length : nFft);
  if (!Number.isInteger(winLength) || winLength <= 0 || winLength > nFft) throw new ValueError(`${where}: winLength must be an integer in [1, nFft = ${nFft}], got ${String(winLength)}`);
  const spec = options.window ?? 'hann';
  let short: Float64Array;
  if (spec === 'hann') short = hannWindow(winLength);
  else if (spec === 'rectangular') short = new Float64Array(winLength).fill(1);
  else if (typeof spec === 'object' && spec.length === winLength) short = Float64Array.from(spec);
  else throw new ValueError(`${where}: window must be 'hann', 'rectangular' or ${winLength} (winLength) values, got ${typeof spec === 'object' ? `${spec.length} values` : String(spec)}`);
  const window = new Float64Array(nFft);
  window.set(short, Math.floor((nFft - winLength) / 2));
  return { nFft, hop, window, center: options.center ?? true };
}

/** The signals as rows of numbers, and whether the input was a batch. */
function signalsOf(signal: Tensor | ArrayLike<number>, where: string): { rows: Float64Array[]; batched: boolean } {
  if (signal instanceof Tensor) {
    if (signal.rank !== 1 && signal.rank !== 2) throw new ValueError(`${where}: signal must be 1-D [samples] or 2-D [batch, samples], got [${signal.shape.join(', ')}]`);
    const data = Float64Array.from(signal.dataSync());
    const length = signal.shape[signal.rank - 1]!;
    const count = signal.rank === 1 ? 1 : signal.shape[0]!;
    return { rows: Array.from({ length: count }, (_, b) => data.subarray(b * length, (b + 1) * length)), batched: signal.rank === 2 };
  }
  return { rows: [Float64Array.from(signal)], batched: false };
}

/** One signal's frames → its spectrum, `frames × bins` interleaved into `re`/`im`. */
function transformRow(x: Float64Array, r: Resolved, where: string): { re: Float64Array; im: Float64Array; frames: number } {
  const { nFft, hop, window } = r;
  let padded = x;
  if (r.center) {
    const p = Math.floor(nFft / 2);
    if (x.length <= p) throw new ValueError(`${where}: reflect padding needs more than nFft/2 = ${p} samples, got ${x.length}`);
    padded = new Float64Array(x.length + 2 * p);
    padded.set(x, p);
    for (let i = 1; i <= p; i++) {
      padded[p - i] = x[i]!;
      padded[p + x.length - 1 + i] = x[x.length - 1 - i]!;
    }
  }
  if (padded.length < nFft) throw new ValueError(`${where}: the signal (${padded.length} samples after padding) is shorter than nFft = ${nFft}`);
  const frames = 1 + Math.floor((padded.length - nFft) / hop);
  const bins = Math.floor(nFft / 2) + 1;
  const re = new Float64Array(frames * bins);
  const im = new Float64Array(frames * bins);
  const fr = new Float64Array(nFft);
  const fi = new Float64Array(nFft);
  for (let t = 0; t < frames; t++) {
    for (let n = 0; n < nFft; n++) fr[n] = padded[t * hop + n]! * window[n]!;
    fi.fill(0);
    dft(fr, fi);
    re.set(fr.subarray(0, bins), t * bins);
    im.set(fi.subarray(0, bins), t * bins);
  }
  return { re, im, frames };
}

function run(signal: Tensor | ArrayLike<number>, options: StftOptions, where: string): { re: Float64Array[]; im: Float64Array[]; frames: number; bins: number; batched: boolean } {
  const r = resolve(options, where);
  const { rows, batched } = signalsOf(signal, where);
  const out = rows.map((x) => transformRow(x, r, where));
  return { re: out.map((o) => o.re), im: out.map((o) => o.im), frames: out[0]!.frames, bins: Math.floor(r.nFft / 2) + 1, batched };
}

function join(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Short-time Fourier transform `X[t, k] = Σ_n w[n] x[t·hop + n] e^{−2πi kn/N}` (one-sided,
 * unnormalized), equal to `torch.stft(x, n_fft, hop_length, win_length, window, center,
 * pad_mode='reflect', return_complex=True)` transposed to time first.
 *
 * Shapes: `signal [samples]` (a tensor or numbers) → `real`, `imag` float64 `[frames, ⌊N/2⌋+1]`;
 * `signal [batch, samples]` → `[batch, frames, bins]`. With `center`, `frames = 1 + ⌊samples/hop⌋`.
 * A preprocessing step: no gradient flows through it.
 * @example
 * ```ts
 * const { real, imag } = stft(samples, { nFft: 256, hopLength: 128 }); // [frames, 129] each
 * ```
 */
export function stft(signal: Tensor | ArrayLike<number>, options: StftOptions): StftResult {
  const { re, im, frames, bins, batched } = run(signal, options, 'stft');
  const shape = batched ? [re.length, frames, bins] : [frames, bins];
  return { real: tensor(join(re), { shape, dtype: 'float64' }), imag: tensor(join(im), { shape, dtype: 'float64' }) };
}

/** Options of {@link spectrogram}. */
export interface SpectrogramOptions extends StftOptions {
  /** `|X|^power`: 2 for the power spectrogram (default), 1 for the magnitude. */
  power?: number;
  /** Return `log(|X|^power + eps)` (natural log) instead (default false). */
  log?: boolean;
  /** Added before the log (default 1e-10). */
  eps?: number;
  /** The result's dtype (default 'float32'). */
  dtype?: FloatDType;
}

/**
 * The (log) power spectrogram `|X[t, k]|^power` of {@link stft} — the input of the course's
 * trigger-word model (there: 101 frequencies × 5511 frames for a 10-second clip); torchaudio's
 * `Spectrogram(n_fft, hop_length=…, power=…)` transposed to time first.
 *
 * Shapes: `signal [samples]` → `[frames, bins]`; `[batch, samples]` → `[batch, frames, bins]`.
 * @example
 * ```ts
 * const x = spectrogram(samples, { nFft: 200, hopLength: 80, log: true }); // [frames, 101]
 * ```
 */
export function spectrogram(signal: Tensor | ArrayLike<number>, options: SpectrogramOptions): Tensor {
  const power = options.power ?? 2;
  const eps = options.eps ?? 1e-10;
  if (!(power > 0)) throw new ValueError(`spectrogram: power must be > 0, got ${power}`);
  if (!(eps >= 0)) throw new ValueError(`spectrogram: eps must be ≥ 0, got ${eps}`);
  const { re, im, frames, bins, batched } = run(signal, options, 'spectrogram');
  const values = join(re.map((r, b) => {
    const i = im[b]!;
    return Float64Array.from(r, (x, k) => {
      const p = power === 2 ? x * x + i[k]! * i[k]! : Math.hypot(x, i[k]!) ** power;
      return options.log ? Math.log(p + eps) : p;
    });
  }));
  return tensor(values, { shape: batched ? [re.length, frames, bins] : [frames, bins], dtype: 'float64' }).cast(options.dtype ?? 'float32');
}
