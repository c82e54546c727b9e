/**
 * The playground in a real browser: builds the site with Vite, serves it, and drives Debian's
 * headless Chromium with playwright-core (which downloads no browser of its own). Screenshots go to
 * `apps/playground/artifacts/`. `.ci/run` installs Chromium; elsewhere without it the test says
 * why it skips.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '@dlkit/tour/mnist';
import { CHROMIUM, chromiumAvailable, serveSite, type ServedSite } from '../../../tools/browser/harness.js';
import { ensureDigitWeights } from '../scripts/lenet-weights.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** Chromium flags for WebGPU without a GPU: the SwiftShader adapter, as in backend-webgpu's conformance test. */
const SOFTWARE_WEBGPU = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

describe.skipIf(!chromiumAvailable('playground browser test'))('playground in headless Chromium', () => {
  let site: ServedSite;

  beforeAll(async () => {
    ensureDigitWeights();
    site = await serveSite(root, fileURLToPath(new URL('../dist/', import.meta.url)));
    mkdirSync(artifacts, { recursive: true });
  }, 180_000);

  afterAll(() => site?.close());

  const errors = new Map<Page, string[]>();
  const open = async (path: string, browser: Browser = site.browser): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    errors.set(page, []);
    page.on('pageerror', (error) => errors.get(page)!.push(error.message));
    await page.goto(new URL(path, site.url).href);
    return page;
  };
  /** Closes a page after checking that its scripts raised nothing. */
  const close = async (page: Page): Promise<void> => {
    expect(errors.get(page)).toEqual([]);
    await page.close();
  };

  it('trains the flower to ≥ 90% within 30 s, the loss falls and the boundary is redrawn', async () => {
    const page = await open('index.html');
    await page.selectOption('#dataset', 'flower');
    const start = Date.now();
    await page.click('#train');
    await page.waitForFunction(() => document.body.dataset.state === 'training');
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('step '));
    const early = await page.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL());
    await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 30_000 });
    const seconds = (Date.now() - start) / 1000;
    const body = await page.$eval('body', (b) => ({ ...b.dataset }));
    const late = await page.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL());
    await page.screenshot({ path: `${artifacts}playground.png` });
    console.log(`playground: flower ${(100 * Number(body.accuracy)).toFixed(1)}% in ${seconds.toFixed(1)} s, cost ${body.firstLoss} → ${body.lastLoss}`);
    expect(body.backend).toBe('ts');
    expect(Number(body.accuracy)).toBeGreaterThanOrEqual(0.9);
    expect(Number(body.lastLoss)).toBeLessThan(Number(body.firstLoss) / 2);
    expect(late).not.toBe(early);
    expect(seconds).toBeLessThan(30);
    await close(page);
  }, 60_000);

  it('serves the pages cross-origin isolated, and without a WebGPU adapter disables the GPU option, saying why', async () => {
    const page = await open('index.html');
    await page.waitForFunction(() => document.body.dataset.webgpu !== undefined);
    const seen = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      const option = document.querySelector<HTMLOptionElement>('#backend option[value="webgpu"]')!;
      return {
        isolated: crossOriginIsolated,
        adapter: gpu ? (await gpu.requestAdapter()) !== null : false,
        webgpu: document.body.dataset.webgpu,
        disabled: option.disabled,
        title: option.title,
        note: document.getElementById('backend-note')!.textContent,
      };
    });
    console.log(`playground without WebGPU flags: ${JSON.stringify(seen)}`);
    expect(seen.isolated).toBe(true);
    if (seen.adapter) {
      console.warn('this Chromium offers a WebGPU adapter without flags: the disabled case is covered by the unit tests only');
      expect(seen.disabled).toBe(false);
    } else {
      expect(seen).toMatchObject({ webgpu: 'unavailable', disabled: true });
      expect(seen.title).toMatch(/WebGPU/);
      expect(seen.note).toBe(`GPU unavailable: ${seen.title}`);
    }
    await close(page);
  }, 30_000);

  it('switches a run in progress to the WebGPU backend (SwiftShader): training restarts there and the loss falls', async () => {
    // A second Chromium with WebGPU flags; the first one idles meanwhile.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', ...SOFTWARE_WEBGPU] });
    try {
      const page = await open('index.html', browser);
      await page.waitForFunction(() => document.body.dataset.webgpu !== undefined);
      const note = await page.$eval('#backend-note', (n) => n.textContent);
      if ((await page.$eval('body', (b) => b.dataset.webgpu)) !== 'available') {
        console.warn(`playground WebGPU test skipped: Chromium has no WebGPU adapter with ${SOFTWARE_WEBGPU.join(' ')} (${note})`);
        return void (await close(page));
      }
      // A long run on the CPU, then the GPU chosen mid-run: the run restarts with the form's 60 steps.
      await page.fill('#steps', '100000');
      await page.click('#train');
      await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('step '));
      expect(await page.$eval('body', (b) => b.dataset.backend)).toBe('ts');
      await page.fill('#steps', '60');
      const start = Date.now();
      await page.selectOption('#backend', 'webgpu');
      await page.waitForFunction(() => document.body.dataset.backend === 'webgpu', undefined, { timeout: 10_000 });
      await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 60_000 });
      const seconds = (Date.now() - start) / 1000;
      const body = await page.$eval('body', (b) => ({ ...b.dataset }));
      const status = await page.$eval('#status', (s) => s.textContent);
      const running = await page.$eval('#backend-note', (n) => n.textContent);
      await page.screenshot({ path: `${artifacts}playground-webgpu.png` });
      console.log(`playground on WebGPU: 60 steps in ${seconds.toFixed(1)} s; ${status}; ${running}; cost ${body.firstLoss} → ${body.lastLoss}`);
      expect(status).toMatch(/^done at step 60 · cost [\d.]+ · accuracy [\d.]+%$/);
      expect(running).toMatch(/^training on GPU \(WebGPU\) · ./);
      expect(Number(body.lastLoss)).toBeLessThan(0.8 * Number(body.firstLoss));
      expect(Number(body.accuracy)).toBeGreaterThan(0.5);
      await close(page);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('stops a run on request', async () => {
    const page = await open('index.html');
    await page.fill('#steps', '100000');
    await page.click('#train');
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('step '));
    await page.click('#stop');
    await page.waitForFunction(() => document.body.dataset.state === 'stopped', undefined, { timeout: 10_000 });
    await close(page);
  }, 30_000);

  it('classifies drawn digits: held-out MNIST digits painted on the pad, and a "1" drawn with the mouse', async () => {
    const page = await open('digits.html');
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    const pad = (await page.$('#pad'))!;
    const box = (await pad.boundingBox())!;
    const { test } = loadMnist();
    let correct = 0;
    const tried: string[] = [];
    for (let digit = 0; digit < 10; digit++) {
      const index = test.labels.indexOf(digit);
      const pixels = Array.from(test.images.subarray(index * 784, (index + 1) * 784));
      // Paint the digit 10× larger, then click the pad: a pointerup classifies what is drawn.
      await page.click('#clear');
      await page.evaluate((values) => {
        const context = (document.getElementById('pad') as HTMLCanvasElement).getContext('2d')!;
        values.forEach((v, i) => {
          const level = Math.round(255 * v);
          context.fillStyle = `rgb(${level}, ${level}, ${level})`;
          context.fillRect((i % 28) * 10, Math.floor(i / 28) * 10, 10, 10);
        });
      }, pixels);
      await page.mouse.click(box.x + 2, box.y + 2);
      const predicted = Number(await page.$eval('body', (b) => b.dataset.prediction));
      tried.push(`${digit}→${predicted}`);
      if (predicted === digit) correct++;
      if (digit === 7) await page.screenshot({ path: `${artifacts}digits.png` });
    }
    console.log(`digits page: ${tried.join(' ')}`);
    expect(correct).toBeGreaterThanOrEqual(9);

    await page.click('#clear');
    await page.mouse.move(box.x + 140, box.y + 50);
    await page.mouse.down();
    for (let y = 50; y <= 230; y += 10) await page.mouse.move(box.x + 140 + (y - 50) / 30, box.y + y);
    await page.mouse.up();
    expect(await page.$eval('body', (b) => b.dataset.prediction)).toBe('1');
    await page.screenshot({ path: `${artifacts}digits-drawn-1.png` });
    await close(page);
  }, 60_000);

  /** How many pixels of a canvas are neither white nor transparent, and how many colours it holds. */
  const painted = (page: Page, selector: string): Promise<{ coloured: number; colours: number }> =>
    page.$eval(selector, (canvas) => {
      const { width, height } = canvas as HTMLCanvasElement;
      const { data } = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height);
      const colours = new Set<number>();
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0 || (data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255)) continue;
        coloured++;
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      return { coloured, colours: colours.size };
    });

  it('draws the C1 filters, and the C1 and C3 feature maps of a digit drawn with the mouse', async () => {
    const page = await open('filters.html');
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    const filters = await painted(page, '#filters');
    expect(await painted(page, '#c1')).toEqual({ coloured: 0, colours: 0 });
    const box = (await (await page.$('#pad'))!.boundingBox())!;
    // A "7": the top bar, then the diagonal.
    await page.mouse.move(box.x + 70, box.y + 60);
    await page.mouse.down();
    for (let x = 70; x <= 210; x += 10) await page.mouse.move(box.x + x, box.y + 60);
    for (let t = 1; t <= 16; t++) await page.mouse.move(box.x + 210 - 6 * t, box.y + 60 + 11 * t);
    await page.mouse.up();
    await page.waitForFunction(() => document.body.dataset.strokes === '1');
    const c1 = await painted(page, '#c1');
    const c3 = await painted(page, '#c3');
    await page.screenshot({ path: `${artifacts}filters.png`, fullPage: true });
    console.log(`filters page: filters ${JSON.stringify(filters)}, C1 ${JSON.stringify(c1)}, C3 ${JSON.stringify(c3)} (coloured pixels, colours)`);
    // Six 5×5 heatmaps of real weights: many shades, not one flat colour.
    expect(filters.colours).toBeGreaterThanOrEqual(25);
    expect(c1.coloured).toBeGreaterThan(1000);
    expect(c1.colours).toBeGreaterThanOrEqual(50);
    expect(c3.coloured).toBeGreaterThan(1000);
    expect(c3.colours).toBeGreaterThanOrEqual(50);
    await close(page);
  }, 60_000);

  it('trains the names GRU in a worker: the loss falls, samples appear and change, Stop stops, the temperature resamples', async () => {
    const page = await open('names.html');
    await page.fill('#seed', '3');
    const start = Date.now();
    await page.click('#train');
    await page.waitForFunction(() => document.body.dataset.samples !== undefined, undefined, { timeout: 30_000 });
    const early = JSON.parse((await page.$eval('body', (b) => b.dataset.samples))!) as string[];
    // Reports come every 20 steps; wait for step 200, then stop.
    await page.waitForFunction(() => /^step (\d+)/.exec(document.getElementById('status')!.textContent!)?.[1] === '200', undefined, { timeout: 90_000 });
    const seconds = (Date.now() - start) / 1000;
    await page.click('#stop');
    await page.waitForFunction(() => document.body.dataset.state === 'stopped', undefined, { timeout: 10_000 });
    const body = await page.$eval('body', (b) => ({ ...b.dataset }));
    const late = JSON.parse(body.samples!) as string[];
    const curve = await painted(page, '#loss');
    await page.screenshot({ path: `${artifacts}names.png`, fullPage: true });
    console.log(`names page: 200 steps in ${seconds.toFixed(1)} s, loss ${body.firstLoss} → ${body.lastLoss}; step 20: ${early.join(', ')}; stopped: ${late.join(', ')}`);
    expect(Number(body.lastLoss)).toBeLessThan(0.8 * Number(body.firstLoss));
    expect(curve.coloured).toBeGreaterThan(100);
    expect(late).toHaveLength(10);
    expect(late).not.toEqual(early);
    expect(await page.$$eval('#samples li', (items) => items.length)).toBe(10);
    // A new temperature resamples the stopped model: greedy decoding writes one name ten times.
    await page.fill('#temperature', '0');
    await page.dispatchEvent('#temperature', 'change');
    await page.waitForFunction(() => document.body.dataset.sampleTemperature === '0');
    const greedy = JSON.parse((await page.$eval('body', (b) => b.dataset.samples))!) as string[];
    expect(new Set(greedy).size).toBe(1);
    await close(page);
  }, 120_000);

  it('trains the shape YOLO in a worker: boxes are drawn on the held-out scenes, the loss falls, the mAP rises, Stop stops', async () => {
    const page = await open('yolo.html');
    await page.fill('#threshold', '0.1');
    const start = Date.now();
    await page.click('#train');
    await page.waitForFunction(() => document.body.dataset.shownStep === '0', undefined, { timeout: 30_000 });
    const truth = await painted(page, '#truth');
    const early = await page.$eval('#predicted', (c) => (c as HTMLCanvasElement).toDataURL());
    // Of the default 300 steps, reported every 20: wait for step 100, then stop.
    await page.waitForFunction(() => document.body.dataset.shownStep === '100', undefined, { timeout: 60_000 });
    const seconds = (Date.now() - start) / 1000;
    await page.click('#stop');
    await page.waitForFunction(() => document.body.dataset.state === 'stopped', undefined, { timeout: 10_000 });
    const body = await page.$eval('body', (b) => ({ ...b.dataset }));
    const late = await page.$eval('#predicted', (c) => (c as HTMLCanvasElement).toDataURL());
    const curve = await painted(page, '#loss');
    await page.screenshot({ path: `${artifacts}yolo.png`, fullPage: true });
    console.log(`yolo page: 100 steps in ${seconds.toFixed(1)} s, stopped at step ${body.shownStep}, loss ${body.firstLoss} → ${body.lastLoss}, mAP@0.5 ${body.firstMap} → ${body.map}, ${body.boxes} boxes drawn`);
    // Four scenes with their ground-truth boxes, 5× larger: many colours.
    expect(truth.colours).toBeGreaterThanOrEqual(50);
    // Stopped within a report or two of step 100, short of the 300.
    expect(Number(body.shownStep)).toBeGreaterThanOrEqual(100);
    expect(Number(body.shownStep)).toBeLessThan(300);
    expect(Number(body.boxes)).toBeGreaterThan(0);
    expect(late).not.toBe(early);
    expect(Number(body.lastLoss)).toBeLessThan(0.8 * Number(body.firstLoss));
    expect(Number(body.map)).toBeGreaterThan(Number(body.firstMap) + 0.1);
    expect(curve.coloured).toBeGreaterThan(100);
    // A higher threshold redraws with fewer boxes, without training.
    await page.fill('#threshold', '0.99');
    await page.waitForFunction(() => document.body.dataset.boxes === '0');
    await close(page);
  }, 90_000);

  it('trains the date transformer in a worker: the loss falls and the cross-attention heatmap is drawn, and redrawn for a typed date', async () => {
    const page = await open('attention.html');
    await page.fill('#steps', '200');
    const start = Date.now();
    await page.click('#train');
    await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 60_000 });
    const seconds = (Date.now() - start) / 1000;
    const body = await page.$eval('body', (b) => ({ ...b.dataset }));
    const first = await page.$eval('#heatmap', (c) => (c as HTMLCanvasElement).toDataURL());
    const shades = await painted(page, '#heatmap');
    expect(body.source).toBe('saturday, march 15, 2022');
    expect(body.translation).toHaveLength(10);
    expect(Number(body.lastLoss)).toBeLessThan(0.3 * Number(body.firstLoss));
    expect(Number(body.accuracy)).toBeGreaterThan(0.2);
    // 10 rows × 24 columns of weights, in many greys (and the character labels).
    expect(shades.colours).toBeGreaterThanOrEqual(20);
    await page.fill('#date', '5 Mar 2002');
    await page.dispatchEvent('#date', 'change');
    await page.waitForFunction(() => document.body.dataset.source === '5 mar 2002');
    const second = await page.$eval('#heatmap', (c) => (c as HTMLCanvasElement).toDataURL());
    const translated = await page.$eval('body', (b) => b.dataset.translation);
    await page.screenshot({ path: `${artifacts}attention.png`, fullPage: true });
    console.log(`attention page: 200 steps in ${seconds.toFixed(1)} s, loss ${body.firstLoss} → ${body.lastLoss}, ${(100 * Number(body.accuracy)).toFixed(1)}% held-out exact; "${body.source}" → ${body.translation}; "5 mar 2002" → ${translated}`);
    expect(second).not.toBe(first);
    expect(translated).toHaveLength(10);
    await close(page);
  }, 90_000);
});
