/**
 * Core's backend conformance suite on @dlkit/backend-webgpu inside Debian's headless Chromium,
 * whose WebGPU runs on SwiftShader (Vulkan on the CPU) when the machine has no GPU. The page
 * (`test/browser/`) runs the suite in a worker on `webgpuWorkerBackend` (synchronous reads through
 * a SharedArrayBuffer) and checks `webgpuBackend` on its main thread. Without Chromium, or when
 * Chromium offers no WebGPU adapter, the test skips and says why. `WEBGPU_OPS=matmul,sum` runs only
 * those specs; `WEBGPU_REPORT=file.json` writes the page's whole result there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, chromiumAvailable, serveSite, type ServedSite } from '../../../tools/browser/harness.js';
import type { PageResult } from './browser/protocol.js';

/** Chromium flags for WebGPU without a GPU: the SwiftShader adapter (what works on Debian's chromium). */
const SOFTWARE_WEBGPU = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
/** Tried when the first set finds no adapter: SwiftShader as Chromium's Vulkan implementation. */
const SWIFTSHADER_VULKAN = ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-features=Vulkan', '--use-vulkan=swiftshader'];

/** The page's result in `browser`. */
async function runPage(browser: Browser, url: string): Promise<PageResult> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.webgpuConformance !== undefined, undefined, { timeout: 590_000, polling: 1000 });
  return page.evaluate(() => window.webgpuConformance!);
}

describe.skipIf(!chromiumAvailable('webgpu conformance'))('webgpu conformance in headless Chromium', () => {
  let site: ServedSite;
  const outDir = mkdtempSync(join(tmpdir(), 'dlkit-webgpu-'));

  beforeAll(async () => {
    site = await serveSite(fileURLToPath(new URL('./browser/', import.meta.url)), outDir, { args: SOFTWARE_WEBGPU });
  }, 180_000);

  afterAll(async () => {
    await site?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('passes the whole suite', async (context) => {
    const ops = process.env.WEBGPU_OPS ? `?ops=${process.env.WEBGPU_OPS}` : '';
    const url = new URL(`index.html${ops}`, site.url).href;
    let result = await runPage(site.browser, url);
    if (result.kind === 'no-webgpu') {
      const second = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', ...SWIFTSHADER_VULKAN] });
      try {
        result = await runPage(second, url);
      } finally {
        await second.close();
      }
    }
    if (result.kind === 'no-webgpu') {
      console.warn(`webgpu conformance skipped: Chromium has no WebGPU adapter with either flag set (${result.reason})`);
      context.skip();
      return;
    }
    if (result.kind === 'error') throw new Error(`the conformance page failed to run: ${result.error}`);
    console.log(`webgpu conformance in Chromium: ${result.suite.passed} passed, ${result.suite.failed.length} failed; main-thread checks: ${result.direct.passed} passed, ${result.direct.failed.length} failed`);
    console.log(`kernel calls on WGSL: ${JSON.stringify(result.paths.gpu)}\nhost fallbacks: ${JSON.stringify(result.paths.host)}`);
    if (process.env.WEBGPU_REPORT) writeFileSync(process.env.WEBGPU_REPORT, JSON.stringify(result, null, 1));
    expect(result.direct.failed).toEqual([]);
    expect(result.suite.failed).toEqual([]);
    if (!process.env.WEBGPU_OPS) expect(result.suite.passed).toBeGreaterThan(2000);
  }, 600_000);
});
