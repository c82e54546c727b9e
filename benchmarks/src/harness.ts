import type { Tensor } from '@dlkit/core';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';

/**
 * One backend the suite runs on. `setup()` registers it with `@dlkit/core` and makes it current
 * (`registerBackend` + `setBackend`); it throws (or rejects) when the backend cannot run on this
 * machine, and the runner then skips it with the reason.
 */
export interface BackendEntry {
  /** Column name in the tables, e.g. `'ts'`, `'tfjs-cpu'`, `'raw tfjs-wasm'`. */
  readonly name: string;
  /** A short line shown in the report (engine, version, threads...). */
  readonly description?: string;
  /** The entry this one's overhead is measured against (`'raw tfjs-wasm'` for the adapter on wasm): the report adds a ratio column. */
  readonly baseline?: string;
  setup(): void | Promise<void>;
  teardown?(): void | Promise<void>;
  /**
   * Makes this entry's engine current again after another entry of the same process ran
   * (`--together` puts every backend in one process); called before each prepare and each run.
   */
  activate?(): void;
  /**
   * Waits until `result` is computed. Eager synchronous backends (ts) need nothing; a backend
   * whose kernels run asynchronously (tfjs webgl/wasm) should read the value back here.
   */
  sync?(result: Tensor): void | Promise<void>;
  /** Runs one timed iteration inside a scope that frees its intermediates (tfjs `tidy`). */
  scope?(fn: () => Tensor): Tensor;
  /**
   * Prepares this entry's own implementation of `bench` instead of `bench.prepare()` (raw
   * TensorFlow.js beside the adapter); throwing marks the case as an error in this column.
   */
  prepareCase?(bench: BenchCase): () => Tensor;
}

/** One benchmark: builds its inputs on the current backend, then returns the function to time. */
export interface BenchCase {
  /** Kernel or workload, e.g. `'matmul'`. */
  readonly name: string;
  /** Sizes and options, e.g. `'512×512×512 f32'`. */
  readonly params: string;
  /** Floating-point operations of one iteration (the GFLOP/s numerator); see README for the conventions. */
  readonly flops: number;
  /** Called with the backend current; returns one iteration, whose result tensor is synced before the clock stops. */
  prepare(): () => Tensor;
  /**
   * The same iteration written with TensorFlow.js directly, for the raw TensorFlow.js columns (the
   * adapter's baseline), called with TensorFlow.js's engine current. Without it those columns
   * report the case as having no raw version.
   */
  raw?(): () => TfTensor;
}

/** The timing of one case on one backend. */
export interface CaseResult {
  readonly backend: string;
  readonly case: string;
  readonly params: string;
  readonly flops: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly gflops: number;
  readonly error?: string;
}

/** How long to spend per case: warm-up until `warmupMs` (at least `minWarmup` runs), then `measureMs` of timed runs. */
export interface TimingOptions {
  readonly warmupMs: number;
  readonly minWarmup: number;
  readonly measureMs: number;
  readonly minRuns: number;
  readonly maxRuns: number;
}

/** About 1.5 s of timed runs per case; cases slower than half a second get 3 (slow backends keep a full run near two minutes). */
export const defaultTiming: TimingOptions = { warmupMs: 250, minWarmup: 2, measureMs: 1500, minRuns: 3, maxRuns: 40 };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `bench` with `performance.now()` on one entry, or on several in one process, alternating single runs (A, B, A, B, …) after
 * warming each up, so a change in the machine's load affects every entry alike and their ratio
 * (the adapter over raw TensorFlow.js) stays true. Reports each entry's median; one result per entry; an entry that fails is
 * reported with its error and the others go on.
 */
export async function timeCaseInterleaved(entries: readonly BackendEntry[], bench: BenchCase, timing: TimingOptions = defaultTiming): Promise<CaseResult[]> {
  const base = (entry: BackendEntry) => ({ backend: entry.name, case: bench.name, params: bench.params, flops: bench.flops });
  const failed = (entry: BackendEntry, error: unknown): CaseResult => ({
    ...base(entry), runs: 0, medianMs: NaN, minMs: NaN, gflops: NaN, error: error instanceof Error ? error.message : String(error),
  });
  const results = new Map<BackendEntry, CaseResult>();
  const live: { entry: BackendEntry; once: () => Promise<number>; times: number[]; last: number }[] = [];
  for (const entry of entries) {
    try {
      entry.activate?.();
      const iteration = entry.prepareCase ? entry.prepareCase(bench) : bench.prepare();
      const once = async (): Promise<number> => {
        entry.activate?.();
        const start = performance.now();
        const result = entry.scope ? entry.scope(iteration) : iteration();
        if (entry.sync) await entry.sync(result);
        return performance.now() - start;
      };
      let warmed = 0;
      let spent = 0;
      let last = 0;
      while (warmed < timing.minWarmup || spent < timing.warmupMs) {
        last = await once();
        spent += last;
        warmed++;
        if (last > timing.warmupMs) break;
      }
      live.push({ entry, once, times: [], last });
    } catch (error) {
      results.set(entry, failed(entry, error));
    }
  }
  // The slowest entry sets the number of runs, so the case keeps its time budget.
  const slowest = Math.max(1e-3, ...live.map((l) => l.last));
  const runs = Math.max(timing.minRuns, Math.min(timing.maxRuns, Math.floor(timing.measureMs / slowest)));
  for (let r = 0; r < runs; r++) {
    for (const l of live) {
      if (results.has(l.entry)) continue;
      try {
        l.times.push(await l.once());
      } catch (error) {
        results.set(l.entry, failed(l.entry, error));
      }
    }
  }
  for (const l of live) {
    if (results.has(l.entry)) continue;
    const medianMs = median(l.times);
    results.set(l.entry, { ...base(l.entry), runs, medianMs, minMs: Math.min(...l.times), gflops: bench.flops / (medianMs * 1e6) });
  }
  return entries.map((entry) => results.get(entry)!);
}
