/**
 * `pnpm bench -- --browser` on two small kernel cases with 2 timed runs: the page builds, every
 * browser backend gets a column, and each case a row whose cells are numbers (or — for a backend
 * the browser could not start). Without Chromium the test skips and says why.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../tools/browser/harness.js';
import { runBrowserBench } from '../src/browser/run.js';

const BACKENDS = ['ts', 'webgpu', 'tfjs-webgl', 'wasm', 'wasm-2t'];

describe.skipIf(!chromiumAvailable('benchmarks browser mode'))('pnpm bench -- --browser', () => {
  it('writes a row per case with a number or — per backend', async () => {
    const { report, markdown } = await runBrowserBench({ only: ['matmul 128×', 'softmax'], backend: [], runs: 2, gpu: false, write: false, timeoutMs: 50_000 });
    expect(report.backends.map((b) => b.name)).toEqual(BACKENDS);
    const lines = markdown.split('\n');
    const header = lines.find((l) => l.startsWith('| case |'))!.split(' | ');
    for (const name of BACKENDS) expect(header).toContain(`${name} ms`);
    const rows = lines.filter((l) => l.startsWith('| matmul |') || l.startsWith('| softmax |')).map((l) => l.slice(2, -2).split(' | '));
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(['matmul 128×128×128 f32', 'softmax [512,1000] last axis']);
    for (const row of rows) {
      for (const name of BACKENDS) {
        const skipped = report.backends.find((b) => b.name === name)!.skipped !== undefined;
        const ms = row[header.indexOf(`${name} ms`)]!;
        // A backend that started has a time; one the browser lacks has — (the reason is under Backends).
        if (skipped) expect(ms).toBe('—');
        else expect(Number(ms)).toBeGreaterThan(0);
      }
    }
    expect(markdown).toMatch(/WebGPU adapter: /);
  }, 60_000);
});
