/**
 * A tiny terminal progress bar for training loops.
 *
 * On a terminal it redraws one line in place: `label [#####.....] 42% loss 0.1234 ETA 3s`.
 * When stdout is not a terminal (CI logs, pipes) it prints a plain line every 10% instead.
 */

/** Where the bar writes; `process.stdout` by default. */
export interface ProgressSink {
  /** Whether the sink is an interactive terminal (redraw in place). */
  readonly isTTY?: boolean;
  /** Writes raw text. */
  write(text: string): unknown;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Characters of the bar between the brackets (default 30). */
  width?: number;
  /** Output stream (default `process.stdout`). */
  sink?: ProgressSink;
  /** Minimum milliseconds between two terminal redraws (default 80). */
  redrawMs?: number;
}

/** Formats seconds as `3s`, `1m05s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Progress of `total` steps of work with the latest loss and an ETA.
 *
 * @example
 * ```ts
 * const bar = new ProgressBar('logistic regression', 1000);
 * for (let i = 1; i <= 1000; i++) bar.update(i, loss);
 * bar.finish();
 * ```
 */
export class ProgressBar {
  readonly #label: string;
  readonly #total: number;
  readonly #width: number;
  readonly #sink: ProgressSink;
  readonly #redrawMs: number;
  readonly #start = performance.now();
  #lastDraw = -Infinity;
  #lastDecile = -1;
  #step = 0;
  #loss: number | undefined;
  #finished = false;

  constructor(label: string, total: number, options: ProgressBarOptions = {}) {
    this.#label = label;
    this.#total = Math.max(1, total);
    this.#width = options.width ?? 30;
    this.#sink = options.sink ?? process.stdout;
    this.#redrawMs = options.redrawMs ?? 80;
  }

  /** Seconds since the bar was created. */
  get elapsedSeconds(): number {
    return (performance.now() - this.#start) / 1000;
  }

  /** Records that `step` of `total` steps are done, with the latest loss when known. */
  update(step: number, loss?: number): void {
    this.#step = Math.min(step, this.#total);
    if (loss !== undefined) this.#loss = loss;
    if (this.#sink.isTTY) {
      const now = performance.now();
      if (now - this.#lastDraw >= this.#redrawMs || this.#step === this.#total) {
        this.#lastDraw = now;
        this.#sink.write(`\r${this.line()}\x1b[K`);
      }
    } else {
      const decile = Math.floor((this.#step / this.#total) * 10);
      if (decile > this.#lastDecile) {
        this.#lastDecile = decile;
        this.#sink.write(`${this.line()}\n`);
      }
    }
  }

  /** Draws the final state and ends the line. Safe to call twice. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#sink.isTTY) this.#sink.write(`\r${this.line()}\x1b[K\n`);
    else if (this.#lastDecile < 10) this.#sink.write(`${this.line()}\n`);
  }

  /** The current bar as text, e.g. `label [#####.....] 42% loss 0.1234 ETA 3s`. */
  line(): string {
    const fraction = this.#step / this.#total;
    const filled = Math.round(fraction * this.#width);
    const bar = '#'.repeat(filled) + '.'.repeat(this.#width - filled);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const loss = this.#loss === undefined ? '' : ` loss ${this.#loss.toFixed(4)}`;
    const elapsed = this.elapsedSeconds;
    const time = fraction >= 1
      ? ` in ${formatDuration(elapsed)}`
      : ` ETA ${fraction >= 0.03 ? formatDuration((elapsed / fraction) * (1 - fraction)) : '…'}`;
    return `  ${this.#label} [${bar}] ${percent}${loss}${time}`;
  }
}
