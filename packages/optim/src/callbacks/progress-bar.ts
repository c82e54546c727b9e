import { ValueError } from '@dlkit/core';
import type { Logs } from '../training/types.js';
import type { Callback, TrainingState } from './callback.js';

/** Where {@link progressBar} draws: a terminal stream such as `process.stderr`. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Only a TTY gets a bar; anything else gets nothing. */
  isTTY?: boolean;
  /** Terminal width in characters. */
  columns?: number;
}

/** Options of {@link progressBar}. */
export interface ProgressBarOptions {
  /** The stream to draw on (default `process.stderr` in Node; none elsewhere). */
  stream?: ProgressStream;
  /** Characters of the bar itself (default 30). */
  width?: number;
  /** Least milliseconds between redraws within an epoch (default 100). */
  refreshMs?: number;
  /** The clock, in milliseconds (default `performance.now`); tests pass a fake one. */
  now?: () => number;
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
 * A terminal progress bar, one line per epoch, redrawn in place:
 *
 * ```
 * Epoch 3/10 [=============>................] 45/100 - ETA 2.1s - loss 0.2134 - accuracy 0.9312
 * ```
 *
 * ending with the epoch's time and its validation values. It writes nothing when the stream is
 * not a TTY (CI logs, pipes, browsers), so it is safe to leave on.
 * @example fit(model, { …, callbacks: [progressBar()] });
 */
export function progressBar(options: ProgressBarOptions = {}): Callback {
  const stream = options.stream ?? defaultStream();
  const width = options.width ?? 30;
  const refreshMs = options.refreshMs ?? 100;
  const now = options.now ?? (() => performance.now());
  if (!(Number.isInteger(width) && width > 0)) throw new ValueError(`progressBar: width must be a positive integer, got ${String(width)}`);
  const active = stream !== undefined && stream.isTTY === true;
  let epochStart = 0;
  let lastDraw = -Infinity;
  let running: Record<string, { sum: number; count: number }> = {};

  const fit = (line: string): string => {
    const columns = stream?.columns;
    return columns && line.length > columns - 1 ? line.slice(0, columns - 1) : line;
  };
  const bar = (done: number, total: number): string => {
    const filled = total > 0 ? Math.min(width, Math.floor((done / total) * width)) : width;
    return `[${'='.repeat(filled)}${filled < width ? '>' : ''}${'.'.repeat(Math.max(0, width - filled - 1))}]`;
  };
  const means = (): Logs => Object.fromEntries(Object.entries(running).map(([k, v]) => [k, v.sum / v.count]));

  return {
    onEpochBegin(epoch: number, state: TrainingState) {
      if (!active) return;
      epochStart = now();
      lastDraw = -Infinity;
      running = {};
      stream.write(fit(`Epoch ${epoch + 1}/${state.epochs} ${bar(0, state.stepsPerEpoch)} 0/${state.stepsPerEpoch}`));
    },
    onBatchEnd(batch: number, logs: Logs, state: TrainingState) {
      if (!active) return;
      const weight = logs.batchSize ?? 1;
      for (const [name, value] of Object.entries(logs)) {
        if (name === 'batchSize') continue;
        const entry = (running[name] ??= { sum: 0, count: 0 });
        entry.sum += value * weight;
        entry.count += weight;
      }
      const t = now();
      const done = batch + 1;
      if (t - lastDraw < refreshMs && done < state.stepsPerEpoch) return;
      lastDraw = t;
      const elapsed = (t - epochStart) / 1000;
      const eta = (elapsed / done) * (state.stepsPerEpoch - done);
      const line = `Epoch ${state.epoch + 1}/${state.epochs} ${bar(done, state.stepsPerEpoch)} ${done}/${state.stepsPerEpoch} - ETA ${formatDuration(eta)} - ${formatLogs(means())}`;
      stream.write(`\r\x1b[2K${fit(line)}`);
    },
    onEpochEnd(epoch: number, logs: Logs, state: TrainingState) {
      if (!active) return;
      const elapsed = (now() - epochStart) / 1000;
      const line = `Epoch ${epoch + 1}/${state.epochs} ${bar(1, 1)} ${state.stepsPerEpoch}/${state.stepsPerEpoch} - ${formatDuration(elapsed)} - ${formatLogs(logs)}`;
      stream.write(`\r\x1b[2K${fit(line)}\n`);
    },
  };
}
