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
import { chromiumAvailable, serveSite, type ServedSite } from '../../../tools/browser/harness.js';

/** Chromium flags for WebGPU without a GPU: the SwiftShader adapter. */
const SOFTWARE_WEBGPU = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

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
    const page = await site.browser.newPage();
    const ops = process.env.WEBGPU_OPS ? `?ops=${process.env.WEBGPU_OPS}` : '';
    await page.goto(new URL(`index.html${ops}`, site.url).href);
    await page.waitForFunction(() => window.webgpuConformance !== undefined, undefined, { timeout: 590_000, polling: 1000 });
    const result = await page.evaluate(() => window.webgpuConformance!);
    if (result.kind === 'no-webgpu') {
      console.warn(`webgpu conformance skipped: Chromium has no WebGPU adapter (${result.reason})`);
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
