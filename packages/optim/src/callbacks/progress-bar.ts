import { ValueError } from '@dlkit/core';
import type { Logs } from '../training/types.js';
import type { Callback, TrainingState } from './callback.js';

/** Where a progress bar draws: a terminal stream such as `process.stderr`. */
export interface ProgressStream {
  /** Writes `text` (the bar's line, with carriage returns) to the terminal. */
  write(text: string): unknown;
  /** A TTY gets a bar redrawn in place; anything else (pipes, CI logs) one line per finished bar. */
  isTTY?: boolean;
  /** Terminal width in characters. */
  columns?: number;
}

/** How a {@link ProgressBar} draws. */
export interface ProgressDrawOptions {
  /** The stream to draw on (default `process.stderr` in Node; none elsewhere, which draws nothing). */
  stream?: ProgressStream;
  /** Characters of the bar itself (default 30). */
  width?: number;
  /** Least milliseconds between redraws on a TTY (default 100). */
  refreshMs?: number;
  /** The clock, in milliseconds (default `performance.now`); tests pass a fake one. */
  now?: () => number;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarInit extends ProgressDrawOptions {
  /** Steps of work in all (at least 1). */
  total: number;
  /** Text before the bar, e.g. `Epoch 3/10`. */
  label: string;
}

function defaultStream(): ProgressStream | undefined {
  return (globalThis as { process?: { stderr?: ProgressStream } }).process?.stderr;
}

/** `75` → `1m15s`, `3.25` → `3.3s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .filter(([name]) => name !== 'batchSize')
    .map(([name, value]) => `${name} ${Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(4) : value.toExponential(2)}`)
    .join(' - ');
}

/**
 * One line of progress over `total` steps, with an ETA and the latest numbers:
 *
 * ```
 * Epoch 3/10 [=============>................] 45/100 - ETA 2.1s - loss 0.2134 - accuracy 0.9312
 * ```
 *
 * On a TTY it is redrawn in place (at most every `refreshMs`) and ends with the time taken; on
 * any other stream (a pipe, a CI log) only the finished line is written, so piped output gets
 * one line per bar. Used by the {@link progressBar} callback; usable in hand-written loops.
 * @example
 * ```ts
 * const bar = new ProgressBar({ label: 'gradient descent', total: 1000 });
 * for (let i = 1; i <= 1000; i++) bar.update(i, { loss: step() });
 * bar.finish();
 * ```
 */
export class ProgressBar {
  readonly #label: string;
  readonly #total: number;
  readonly #width: number;
  readonly #refreshMs: number;
  readonly #now: () => number;
  readonly #stream: ProgressStream | undefined;
  readonly #start: number;
  #done = 0;
  #logs: Logs = {};
  #lastDraw = -Infinity;
  #finished = false;

  /**
   * Starts the bar at step 0 and draws it (the clock for the ETA starts now).
   *
   * @param options - `total` steps, the `label`, and how and where to draw.
   */
  constructor(options: ProgressBarInit) {
    const { total, label, width = 30, refreshMs = 100 } = options;
    if (!(Number.isInteger(total) && total >= 0)) throw new ValueError(`ProgressBar: total must be an integer >= 0, got ${String(total)}`);
    if (!(Number.isInteger(width) && width > 0)) throw new ValueError(`ProgressBar: width must be a positive integer, got ${String(width)}`);
    this.#label = label;
    this.#total = Math.max(1, total);
    this.#width = width;
    this.#refreshMs = refreshMs;
    this.#now = options.now ?? (() => performance.now());
    this.#stream = options.stream ?? defaultStream();
    this.#start = this.#now();
    this.#draw(this.#start);
  }

  /** Seconds since the bar was created. */
  get elapsedSeconds(): number {
    return (this.#now() - this.#start) / 1000;
  }

  /** Records that `done` of the steps are finished, with the numbers to show; redraws on a TTY. */
  update(done: number, logs: Logs = this.#logs): void {
    this.#done = Math.min(Math.max(done, 0), this.#total);
    this.#logs = logs;
    if (this.#stream?.isTTY !== true) return;
    const t = this.#now();
    if (t - this.#lastDraw < this.#refreshMs && this.#done < this.#total) return;
    this.#draw(t);
  }

  /** Completes the bar with the final numbers and ends its line (on any stream). Safe to call twice. */
  finish(logs: Logs = this.#logs): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#done = this.#total;
    this.#logs = logs;
    if (this.#stream === undefined) return;
    this.#stream.write(`${this.#stream.isTTY === true ? '\r\x1b[2K' : ''}${this.#fit(this.line())}\n`);
  }

  /** The bar as text at time `t` (ms): counts and ETA while running, the time taken once finished. */
  line(t = this.#now()): string {
    const filled = Math.min(this.#width, Math.floor((this.#done / this.#total) * this.#width));
    const bar = `[${'='.repeat(filled)}${filled < this.#width ? '>' : ''}${'.'.repeat(Math.max(0, this.#width - filled - 1))}]`;
    const elapsed = (t - this.#start) / 1000;
    const time = this.#finished ? formatDuration(elapsed) : `ETA ${this.#done > 0 ? formatDuration((elapsed / this.#done) * (this.#total - this.#done)) : '?'}`;
    const numbers = formatLogs(this.#logs);
    return `${this.#label} ${bar} ${this.#done}/${this.#total} - ${time}${numbers ? ` - ${numbers}` : ''}`;
  }

  /** Redraws the line in place, on a TTY only. */
  #draw(t: number): void {
    if (this.#stream?.isTTY !== true) return;
    this.#lastDraw = t;
    this.#stream.write(`\r\x1b[2K${this.#fit(this.line(t))}`);
  }

  #fit(line: string): string {
    const columns = this.#stream?.columns;
    return columns && line.length > columns - 1 ? line.slice(0, columns - 1) : line;
  }
}

/** Options of {@link progressBar}. */
export interface ProgressBarOptions extends ProgressDrawOptions {
  /**
   * `'batch'` (default): one bar per epoch over its batches, Keras-style, showing the running
   * means. `'epoch'`: one bar for the whole run, a step per epoch (for thousands of tiny epochs).
   */
  per?: 'batch' | 'epoch';
  /** Label of the whole-run bar under `per: 'epoch'` (default `'Training'`). */
  label?: string;
}

/**
 * A progress bar for `fit`: by default one line per epoch, redrawn in place on a TTY as the
 * batches run and ending with the epoch's time and its validation values; on a pipe or CI log
 * just that finished line, one per epoch. Nothing is drawn where there is no stream (browsers).
 * @example fit(model, { …, callbacks: [progressBar()] });
 * @example fit(model, { …, epochs: 10_000, callbacks: [progressBar({ per: 'epoch', label: 'logistic regression' })] });
 */
export function progressBar(options: ProgressBarOptions = {}): Callback {
  const per = options.per ?? 'batch';
  if (per !== 'batch' && per !== 'epoch') throw new ValueError(`progressBar: per must be 'batch' or 'epoch', got ${String(per)}`);
  const { per: _per, label = 'Training', ...draw } = options;
  if (draw.width !== undefined && !(Number.isInteger(draw.width) && draw.width > 0)) throw new ValueError(`progressBar: width must be a positive integer, got ${String(draw.width)}`);
  let bar: ProgressBar | null = null;
  let running: Record<string, { sum: number; count: number }> = {};
  const means = (): Logs => Object.fromEntries(Object.entries(running).map(([k, v]) => [k, v.sum / v.count]));

  if (per === 'epoch') {
    return {
      onTrainBegin(state: TrainingState) {
        bar = new ProgressBar({ ...draw, label, total: state.epochs - state.initialEpoch });
      },
      onEpochEnd(epoch: number, logs: Logs, state: TrainingState) {
        bar?.update(epoch + 1 - state.initialEpoch, logs);
      },
      onTrainEnd() {
        bar?.finish();
      },
    };
  }
  return {
    onEpochBegin(epoch: number, state: TrainingState) {
      running = {};
      bar = new ProgressBar({ ...draw, label: `Epoch ${epoch + 1}/${state.epochs}`, total: state.stepsPerEpoch });
    },
    onBatchEnd(batch: number, logs: Logs) {
      const weight = logs.batchSize ?? 1;
      for (const [name, value] of Object.entries(logs)) {
        if (name === 'batchSize') continue;
        const entry = (running[name] ??= { sum: 0, count: 0 });
        entry.sum += value * weight;
        entry.count += weight;
      }
      bar?.update(batch + 1, means());
    },
    onEpochEnd(_epoch: number, logs: Logs) {
      bar?.finish(logs);
    },
  };
}
