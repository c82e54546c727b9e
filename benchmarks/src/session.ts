/**
 * What both modes of `pnpm bench` do with a list of backends and cases, in Node (`run.ts`, one
 * group of backends per process) and in the browser page (`browser/page.ts`, every backend in one
 * page): pick the cases, set each backend up (a failing `setup()` becomes a skipped column with its
 * reason), time every case interleaved across the backends that started, and tear them down.
 */
import { defaultTiming, timeCaseInterleaved, type BackendEntry, type BenchCase, type CaseResult, type TimingOptions } from './harness.js';
import type { BackendInfo } from './report.js';

/** The backends a run set up (or skipped, with the reason) and every timing it took. */
export interface BackendRun {
  readonly backends: BackendInfo[];
  readonly results: CaseResult[];
}

/**
 * The cases of `list` whose `name params` contains one of `only` (case-insensitive); all of them when `only` is empty.
 * @example
 * ```ts no-run
 * // Needs the case table, which imports @dlkit/core: shown, not run.
 * selectCases(kernelCases, ['matmul 128', 'softmax']); // matmul 128×128×128 f32, softmax [512,1000]
 * ```
 */
export function selectCases(list: readonly BenchCase[], only: readonly string[]): BenchCase[] {
  return list.filter(
    (c) => only.length === 0 || only.some((text) => `${c.name} ${c.params}`.toLowerCase().includes(text.toLowerCase())),
  );
}

/**
 * Timing with a fixed number of timed runs (`--runs <n>`) after Node mode's warm-up (runs until
 * 250 ms, so the JIT has compiled the kernels, but just one when that one is slower): keeps a pass
 * on a slow backend (SwiftShader) short.
 * @example
 * ```ts no-run
 * // Shown, not run: the harness it feeds needs a backend.
 * fixedRuns(3); // { warmupMs: 250, minWarmup: 1, measureMs: 0, minRuns: 3, maxRuns: 3 }
 * ```
 */
export function fixedRuns(runs: number): TimingOptions {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`bench: --runs wants a whole number ≥ 1, got ${runs}`);
  return { warmupMs: 250, minWarmup: 1, measureMs: 0, minRuns: runs, maxRuns: runs };
}

function infoOf(entry: BackendEntry): BackendInfo {
  const { name, description, baseline } = entry;
  return { name, ...(description !== undefined ? { description } : {}), ...(baseline !== undefined ? { baseline } : {}) };
}

/**
 * Runs `selected` on a group of backends in this process (or page), each case interleaved across the
 * members; logs one line per measurement.
 * @example
 * ```ts no-run
 * // Needs the backends and cases: shown, not run.
 * const { backends, results } = await runBackends([tsEntry], selectCases(kernelCases, ['softmax']));
 * ```
 */
export async function runBackends(entries: readonly BackendEntry[], selected: readonly BenchCase[], timing: TimingOptions = defaultTiming): Promise<BackendRun> {
  const infos: BackendInfo[] = [];
  const ready: BackendEntry[] = [];
  for (const entry of entries) {
    try {
      await entry.setup();
      infos.push(infoOf(entry));
      ready.push(entry);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.log(`[${entry.name}] skipped: ${reason}`);
      infos.push({ ...infoOf(entry), skipped: reason });
    }
  }
  const results: CaseResult[] = [];
  for (const bench of selected) {
    for (const r of await timeCaseInterleaved(ready, bench, timing)) {
      results.push(r);
      const shown = r.error ? `error: ${r.error}` : `${r.medianMs.toFixed(2)} ms  ${r.gflops.toFixed(2)} GFLOP/s  (${r.runs} runs)`;
      console.log(`[${r.backend}] ${bench.name} ${bench.params}: ${shown}`);
    }
  }
  for (const entry of ready) await entry.teardown?.();
  return { backends: infos, results };
}
