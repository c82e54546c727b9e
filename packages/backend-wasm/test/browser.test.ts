/**
 * The package in a real browser: a Vite page (test/browser/) runs the wasm backend with 1 and 2
 * threads in Debian's headless Chromium (driven by playwright-core, which downloads no browser)
 * and must give the same figures as Node. Without Chromium the test says why it skips (under CI,
 * which installs it, that is an error).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend } from '@dlkit/backend-wasm';
import { chromiumAvailable, serveSite, type ServedSite } from '../../../tools/browser/harness.js';
import { ensureWasmBuilt } from './build.js';
import { computeFigures, type Figures } from './browser/compute.js';

const root = fileURLToPath(new URL('./browser/', import.meta.url));

function expectSameFigures(got: Figures, want: Figures): void {
  for (const key of ['matmul', 'conv', 'losses'] as const) {
    expect(got[key].length).toBe(want[key].length);
    got[key].forEach((v, i) => expect(Math.abs(v - want[key][i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(want[key][i]!))));
  }
}

describe.skipIf(!chromiumAvailable('backend-wasm browser test'))('backend-wasm in headless Chromium', () => {
  let site: ServedSite;
  beforeAll(async () => {
    ensureWasmBuilt();
    site = await serveSite(root, fileURLToPath(new URL('../dist-browser/', import.meta.url)));
  }, 180_000);
  afterAll(() => site?.close());

  it('runs with 1 and 2 threads and gives the same figures as Node', async () => {
    const page = await site.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('index.html', site.url).href);
    await page.waitForFunction(() => window.figures !== undefined, undefined, { timeout: 60_000 });
    const figures = await page.evaluate(() => window.figures!);
    expect(errors).toEqual([]);
    if ('error' in figures) throw new Error(`the page failed: ${String(figures.error)}`);
    const node = await wasmBackend({ threads: 1, name: 'wasm-node-reference' });
    const want = computeFigures(node);
    for (const threads of ['1', '2']) {
      const got = (figures as Record<string, Figures>)[threads]!;
      console.log(`browser, ${threads} thread(s): relaxed SIMD ${got.relaxedSimd}; losses ${got.losses.map((l) => l.toFixed(6)).join(' ')} (Node: ${want.losses.map((l) => l.toFixed(6)).join(' ')})`);
      expectSameFigures(got, want);
    }
    await page.close();
  }, 120_000);
});
