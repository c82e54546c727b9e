/**
 * The tour's Course 1–2 models trained in headless Chromium on @dlkit/backend-webgpu (SwiftShader
 * without a GPU), and a memory check: the training page (`test/browser/training.html`) runs each
 * job in a worker on `webgpuWorkerBackend`. The tour runs are shortened (`tour-runs.ts`) and run
 * on ts in the same worker from the same seeds; each webgpu run must reach the ts run's accuracy
 * within {@link TOLERANCE} and clear a learned-something bar. Skips, saying why, without Chromium
 * or a WebGPU adapter (as the conformance test does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadMnist } from '@dlkit/tour/mnist';
import { chromiumAvailable, serveSite, type ServedSite } from '../../../tools/browser/harness.js';
import type { TrainingJob, TrainingResult } from './browser/training-protocol.js';

/** How far a webgpu run's accuracy may fall from the ts run's (float32 on SwiftShader vs ts). */
const TOLERANCE = 0.02;
/**
 * Learned something: each run must remove at least half the errors of always answering the
 * majority class of its examples, i.e. reach `(1 + majority) / 2`.
 */
const learnedBar = (majority: number): number => (1 + majority) / 2;
/** The digits the two MNIST runs use: 750 of the `mnist` package's 10,000, a fifth held out. */
const DIGITS = 750;
const STEPS = 1_000;

describe.skipIf(!chromiumAvailable('webgpu training'))('tour models and memory on webgpu in headless Chromium', () => {
  let site: ServedSite;
  let page: Page;
  const outDir = mkdtempSync(join(tmpdir(), 'dlkit-webgpu-training-'));

  beforeAll(async () => {
    site = await serveSite(fileURLToPath(new URL('./browser/', import.meta.url)), outDir, { args: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] });
    page = await site.browser.newPage();
    await page.goto(new URL('training.html', site.url).href);
    await page.waitForFunction(() => window.dlkitTrain !== undefined);
  }, 180_000);

  afterAll(async () => {
    await site?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  /** The page's result of `job`, or undefined (and a warning) when Chromium has no WebGPU adapter. */
  async function train(job: TrainingJob): Promise<TrainingResult | undefined> {
    const result = await page.evaluate((j) => window.dlkitTrain!(j), job);
    if (result.kind === 'no-webgpu') {
      console.warn(`webgpu training skipped: Chromium has no WebGPU adapter (${result.reason})`);
      return undefined;
    }
    if (result.kind === 'error') throw new Error(`the training page failed: ${result.error}`);
    return result;
  }

  it('trains the shortened Course 1–2 tour models to the ts backend\'s accuracies', async (context) => {
    const digits = loadMnist({ limit: DIGITS, seed: 0 });
    const start = performance.now();
    const result = await train({ job: 'tour', digits });
    if (result === undefined) return context.skip();
    if (result.kind !== 'tour') throw new Error(`expected the tour's runs, got ${result.kind}`);
    console.log(`tour runs in Chromium (${((performance.now() - start) / 1000).toFixed(1)} s):`);
    for (const run of result.runs) {
      console.log(`  ${run.name}: ${run.on} accuracy webgpu ${(run.webgpu.accuracy * 100).toFixed(1)}% (${run.webgpu.seconds.toFixed(1)} s), ts ${(run.ts.accuracy * 100).toFixed(1)}% (${run.ts.seconds.toFixed(1)} s); majority class ${(run.majority * 100).toFixed(1)}%, full tour run ${(run.tour * 100).toFixed(1)}%`);
    }
    expect(result.runs).toHaveLength(5);
    for (const run of result.runs) {
      expect(run.webgpu.accuracy, run.name).toBeGreaterThanOrEqual(run.ts.accuracy - TOLERANCE);
      expect(run.webgpu.accuracy, run.name).toBeGreaterThanOrEqual(learnedBar(run.majority));
    }
  }, 600_000);

  it(`keeps the live buffer count flat over ${STEPS} Adam steps`, async (context) => {
    // A read every 50 steps: the count must stay flat at every one of them, not only at the end.
    const at = [1, 10, ...Array.from({ length: STEPS / 50 }, (_, i) => (i + 1) * 50)];
    const result = await train({ job: 'memory', steps: STEPS, at });
    if (result === undefined) return context.skip();
    if (result.kind !== 'memory') throw new Error(`expected a memory trace, got ${result.kind}`);
    const { trace } = result;
    const shown = trace.after.filter((a) => [0, 1, 10, 100, 500, STEPS].includes(a.step));
    console.log(`memory over ${STEPS} steps (${result.seconds.toFixed(1)} s, loss ${trace.firstLoss.toFixed(3)} → ${trace.lastLoss.toFixed(3)}): ${shown.map((a) => `step ${a.step}: ${a.memory.buffers} buffers, ${a.memory.bytes} B`).join('; ')}`);
    const after = (step: number) => trace.after.find((a) => a.step === step)!.memory;
    expect(after(STEPS)).toEqual(after(100));
    // Flat at every read from step 100 on, not only at the two ends.
    for (const { memory } of trace.after.filter((a) => a.step >= 100)) expect(memory).toEqual(after(100));
    expect(after(STEPS).buffers).toBeLessThan(100);
    expect(trace.lastLoss).toBeLessThan(trace.firstLoss / 2);
  }, 600_000);
});
