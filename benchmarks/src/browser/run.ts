/**
 * `pnpm bench -- --browser`: builds the page in this folder with Vite, serves it cross-origin
 * isolated (tools/browser/harness.ts), opens Debian's headless Chromium with WebGPU and WebGL on
 * SwiftShader (or, with `--gpu`, on whatever GPU Chromium finds), waits for the page's result and
 * writes `results/browser.{json,md}` in Node mode's table format.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, serveSite } from '../../../tools/browser/harness.js';
import { resultsDir, writeAtomic } from '../files.js';
import { formatMarkdown, formatText, machineInfo, type MarkdownPage, type Report } from '../report.js';
import { toSearch, type GraphicsInfo, type PageQuery, type PageResult } from './protocol.js';

/** WebGPU on SwiftShader's adapter and WebGL 2 through ANGLE on SwiftShader: GPU APIs on a machine without a GPU. */
export const SWIFTSHADER_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
];

/** For a machine with a GPU: WebGPU on (Linux: through Vulkan), and no SwiftShader, so Chromium picks the hardware adapter. */
export const GPU_FLAGS: readonly string[] = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--ignore-gpu-blocklist'];

/** Options of {@link runBrowserBench}: Node mode's filters, plus the flag set. */
export interface BrowserBenchOptions extends PageQuery {
  /** Use {@link GPU_FLAGS} instead of {@link SWIFTSHADER_FLAGS}. */
  readonly gpu: boolean;
  /** Chromium flags to use instead of either set (e.g. `[]`: no WebGPU adapter, to see the — columns). */
  readonly flags?: readonly string[];
  /** Write `results/browser.{json,md}` (else print only). */
  readonly write: boolean;
  /** How long to wait for the page, in ms (default 30 minutes). */
  readonly timeoutMs?: number;
}

/** Node mode's report plus what the browser was. */
export interface BrowserReport extends Report {
  readonly browser: {
    readonly version: string;
    readonly userAgent: string;
    readonly flags: readonly string[];
    readonly crossOriginIsolated: boolean;
    readonly graphics: GraphicsInfo;
    /** 1-minute load averages of the machine when the page started and when it finished. */
    readonly loadAverage: readonly [number, number];
  };
}

/** Whether the graphics the page ran on are SwiftShader (an emulator on the CPU) rather than a GPU. */
function onSwiftShader(graphics: GraphicsInfo): boolean {
  return [graphics.webgpuAdapter, graphics.webglRenderer].some((s) => s !== null && /swiftshader/i.test(s));
}

/** The heading and preamble of `results/browser.md`. */
function browserPage(report: BrowserReport, query: PageQuery): MarkdownPage {
  const { machine: m, browser: b } = report;
  const lines = [
    `${m.date} · Chromium ${b.version} (headless) · WebGPU adapter: ${b.graphics.webgpuAdapter ?? `none (${b.graphics.noWebgpu ?? 'unknown'})`} · `
      + `WebGL: ${b.graphics.webglRenderer ?? 'none'} · CPU: ${m.cpu} (${m.cores} cores) · load average ${b.loadAverage[0].toFixed(1)} at the start, ${b.loadAverage[1].toFixed(1)} at the end · Node ${m.node} drove the page`,
    [
      'Median wall time of one iteration and the GFLOP/s it implies (the kernel cases of `src/cases/kernels.ts`, flop conventions in `benchmarks/README.md`);',
      '`ts vs B` is how many times faster ts is than B. Every backend ran in this one page, each case\'s runs interleaved across them (ts, webgpu, tfjs-webgl, …);',
      `webgpu and tfjs-webgl runs end with \`await result.data()\`, so queued GPU work is inside the timing. ${query.runs !== undefined ? `${query.runs} timed runs per case after a warm-up of 250 ms or one run, whichever is longer (\`--runs ${query.runs}\`).` : 'Node mode\'s time budget per case.'}`,
      'A backend the browser cannot start (no WebGPU adapter, no WebGL 2) is a column of — with the reason under Backends.',
    ].join('\n'),
  ];
  if (onSwiftShader(b.graphics)) {
    lines.push('**These figures mean little for a GPU**: WebGPU and WebGL ran on SwiftShader, which emulates the GPU on the CPU (here sharing its cores with the other columns and the machine\'s other jobs), '
      + 'so the webgpu and tfjs-webgl columns measure an emulator. On a machine with a GPU, run `pnpm bench -- --browser --gpu`.');
  }
  return { title: 'dlkit benchmarks — browser run', preamble: lines, skippedColumns: true };
}

/**
 * Runs the browser mode once and returns the report and its markdown (written to
 * `results/browser.md` when `options.write`). Throws when Chromium is missing or the page fails.
 * @example
 * ```ts no-run
 * // Needs Chromium and a Vite build: shown, not run.
 * const { markdown } = await runBrowserBench({ only: ['softmax'], backend: [], runs: 2, gpu: false, write: false });
 * ```
 */
export async function runBrowserBench(options: BrowserBenchOptions): Promise<{ report: BrowserReport; markdown: string }> {
  const flags = options.flags ?? (options.gpu ? GPU_FLAGS : SWIFTSHADER_FLAGS);
  const machine = machineInfo();
  console.log(`dlkit benchmarks in the browser · ${CHROMIUM} ${flags.join(' ')} · ${machine.cpu} (${machine.cores} cores)\n`);
  const started = performance.now();
  const outDir = mkdtempSync(join(tmpdir(), 'dlkit-bench-browser-'));
  const site = await serveSite(fileURLToPath(new URL('./', import.meta.url)), outDir, { args: flags });
  try {
    const page = await site.browser.newPage();
    page.on('console', (message) => console.log(message.type() === 'error' ? `${message.text()} (${message.location().url})` : message.text()));
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    const loadStart = loadavg()[0]!;
    await page.goto(new URL(`index.html?${toSearch(options)}`, site.url).href);
    await page.waitForFunction(() => (window as { dlkitBench?: PageResult }).dlkitBench !== undefined, undefined, { timeout: options.timeoutMs ?? 1_800_000, polling: 500 });
    const result = await page.evaluate(() => (window as { dlkitBench?: PageResult }).dlkitBench!);
    if (result.kind === 'error') throw new Error(`bench: the browser page failed: ${result.error}`);
    const report: BrowserReport = {
      machine,
      backends: result.backends,
      results: result.results,
      browser: {
        version: site.browser.version(),
        userAgent: result.userAgent,
        flags,
        crossOriginIsolated: result.crossOriginIsolated,
        graphics: result.graphics,
        loadAverage: [loadStart, loadavg()[0]!],
      },
    };
    const page_ = browserPage(report, options);
    const markdown = formatMarkdown(report, page_);
    console.log(`\n${formatText(report, page_)}\n\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (options.write) {
      const dir = resultsDir();
      writeAtomic(`${dir}browser.json`, `${JSON.stringify(report, null, 2)}\n`);
      writeAtomic(`${dir}browser.md`, markdown);
      console.log(`wrote ${dir}browser.json and browser.md`);
    }
    return { report, markdown };
  } finally {
    await site.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
