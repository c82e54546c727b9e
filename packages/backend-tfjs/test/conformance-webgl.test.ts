/**
 * Core's backend conformance suite on TensorFlow.js's webgl engine, inside Debian's headless
 * Chromium with software WebGL (SwiftShader): the same op table as every other backend, float32
 * with the tolerance scale of `browser/caps.ts`. The page (`test/browser/`) runs the suite with a
 * small stand-in for vitest's `describe`/`it` and vitest's own `expect`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, serveSite, type ServedSite } from '../../../tools/browser/harness.js';

/** Chromium flags for WebGL 2 without a GPU: ANGLE on SwiftShader. */
const SOFTWARE_WEBGL = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

describe.skipIf(!chromiumAvailable('tfjs webgl conformance'))('tfjs-webgl conformance in headless Chromium', () => {
  let site: ServedSite;
  const outDir = mkdtempSync(join(tmpdir(), 'dlkit-webgl-'));

  beforeAll(async () => {
    site = await serveSite(fileURLToPath(new URL('./browser/', import.meta.url)), outDir, { args: SOFTWARE_WEBGL });
  }, 180_000);

  afterAll(async () => {
    await site?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('passes the whole suite', async () => {
    const page = await site.browser.newPage();
    await page.goto(new URL('index.html?engine=webgl', site.url).href);
    await page.waitForFunction(() => window.conformance !== undefined, undefined, { timeout: 590_000, polling: 1000 });
    const result = await page.evaluate(() => window.conformance!);
    if ('error' in result) throw new Error(`the conformance page failed to run: ${result.error}`);
    console.log(`tfjs-webgl conformance in Chromium: ${result.passed} passed, ${result.failed.length} failed`);
    expect(result.failed).toEqual([]);
    expect(result.passed).toBeGreaterThan(500);
  }, 600_000);
});
