/**
 * `pnpm bench`: runs every case on every backend — each backend in its own process, so one
 * engine's threads, caches and JIT state never colour another's figures — and writes
 * `results/latest.{json,md,svg}`. A backend with a `baseline` (the adapter beside raw
 * TensorFlow.js) shares its baseline's process and the two are timed run by run in alternation,
 * so their ratio is not skewed by the machine's load drifting.
 *
 * Options: `--only <text>` keeps the cases whose name or params contain the text (repeatable),
 * `--backend <name>` keeps one backend (repeatable), `--no-write` prints without writing results,
 * `--together` runs every selected backend in one process with each case's runs interleaved across
 * all of them (ratios between any two columns then hold on a busy machine, at the cost of shared JIT state),
 * `--runs <n>` times n runs per case after the warm-up instead of about 1.5 s, and `--browser` runs
 * the kernel cases in headless Chromium instead (`browser/run.ts`, `--gpu` for a machine with one).
 * Without `--backend` filters, and unless `--only` leaves it out, it then runs the word2vec
 * throughput benchmark (`src/word2vec.ts`, no backend: one training loop, beside gensim's figure).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { backends } from './backends.js';
import { cases } from './cases/index.js';
import { renderChart } from './chart.js';
import { resultsDir, writeAtomic } from './files.js';
import { defaultTiming, type BackendEntry } from './harness.js';
import { formatMarkdown, formatText, machineInfo, type Report } from './report.js';
import { fixedRuns, runBackends, selectCases, type BackendRun } from './session.js';

interface Args {
  readonly only: string[];
  readonly backend: string[];
  readonly write: boolean;
  /** Run every selected backend in one process, each case's runs interleaved across all of them. */
  readonly together: boolean;
  /** Set in a child process: the backends it runs (one, or one with its baseline). */
  readonly workers: string[];
  /** `--runs <n>`: n timed runs after the warm-up instead of the time budget. */
  readonly runs: number | undefined;
  /** `--browser`: the kernel cases in headless Chromium (`browser/run.ts`); `--gpu` there drops the SwiftShader flags. */
  readonly browser: boolean;
  readonly gpu: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const only: string[] = [];
  const backend: string[] = [];
  let write = true;
  let together = false;
  const workers: string[] = [];
  let runs: number | undefined;
  let browser = false;
  let gpu = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only' && argv[i + 1] !== undefined) only.push(argv[++i]!);
    else if (arg === '--backend' && argv[i + 1] !== undefined) backend.push(argv[++i]!);
    else if (arg === '--worker' && argv[i + 1] !== undefined) workers.push(argv[++i]!);
    else if (arg === '--no-write') write = false;
    else if (arg === '--together') together = true;
    else if (arg === '--runs' && argv[i + 1] !== undefined) runs = Number(argv[++i]);
    else if (arg === '--browser') browser = true;
    else if (arg === '--gpu') gpu = true;
    else if (arg !== '--') throw new Error(`bench: unknown argument ${arg}; expected --only <text>, --backend <name>, --together, --runs <n>, --browser, --gpu or --no-write`);
  }
  if (runs !== undefined) fixedRuns(runs); // a bad count fails here, before any process starts
  if (gpu && !browser) throw new Error('bench: --gpu picks the browser\'s graphics flags; it needs --browser');
  return { only, backend, write, together, workers, runs, browser, gpu };
}

/** Groups backends into processes: each on its own, except that a backend joins its baseline's. */
function processGroups(selected: readonly BackendEntry[]): BackendEntry[][] {
  const names = new Set(selected.map((b) => b.name));
  const groups: BackendEntry[][] = [];
  for (const entry of selected) {
    if (entry.baseline !== undefined && names.has(entry.baseline)) continue;
    groups.push([...selected.filter((b) => b.baseline === entry.name), entry]);
  }
  return groups;
}

/** Runs a group of backends in a child process (this script with `--worker`, same Node flags: tsx's loader). */
function runInChildProcess(names: readonly string[], only: readonly string[], runs: number | undefined): Promise<BackendRun> {
  return new Promise((resolve, reject) => {
    const args = [...names.flatMap((n) => ['--worker', n]), ...only.flatMap((o) => ['--only', o]), ...(runs !== undefined ? ['--runs', String(runs)] : [])];
    const child = fork(fileURLToPath(import.meta.url), args, {
      execArgv: process.execArgv,
      stdio: 'inherit',
    });
    let run: BackendRun | undefined;
    child.on('message', (message) => {
      run = message as BackendRun;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (run !== undefined) resolve(run);
      else reject(new Error(`bench: the process running ${names.join(', ')} exited with code ${code} before reporting`));
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.workers.length > 0) {
    const entries = args.workers.map((name) => {
      const entry = backends.find((b) => b.name === name);
      if (entry === undefined) throw new Error(`bench: no backend named '${name}'`);
      return entry;
    });
    process.send!(await runBackends(entries, selectCases(cases, args.only), args.runs !== undefined ? fixedRuns(args.runs) : defaultTiming));
    return;
  }
  if (args.browser) {
    const { runBrowserBench } = await import('./browser/run.js');
    await runBrowserBench({ only: args.only, backend: args.backend, runs: args.runs, gpu: args.gpu, write: args.write });
    return;
  }
  const selectedBackends = backends.filter((b) => args.backend.length === 0 || args.backend.includes(b.name));
  const machine = machineInfo();
  console.log(`dlkit benchmarks · Node ${machine.node} · ${machine.cpu} (${machine.cores} cores)\n`);
  const started = performance.now();
  const runs: BackendRun[] = [];
  const groups = args.together ? [[...selectedBackends]] : processGroups(selectedBackends);
  for (const group of groups) runs.push(await runInChildProcess(group.map((b) => b.name), args.only, args.runs));
  // Columns in the registry's order, whatever order the processes ran in.
  const infos = runs.flatMap((r) => r.backends);
  const order = (name: string): number => backends.findIndex((b) => b.name === name);
  const report: Report = {
    machine,
    backends: infos.sort((a, b) => order(a.name) - order(b.name)),
    results: runs.flatMap((r) => r.results),
  };
  console.log(`\n${formatText(report)}\n\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (args.write) {
    const dir = resultsDir();
    writeAtomic(`${dir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeAtomic(`${dir}latest.md`, formatMarkdown(report));
    writeAtomic(`${dir}latest.svg`, await renderChart(report));
    console.log(`wrote ${dir}latest.json, latest.md and latest.svg`);
  }
  if (args.backend.length === 0 && (args.only.length === 0 || args.only.some((o) => 'word2vec'.includes(o)))) {
    console.log('\nword2vec training throughput (src/word2vec.ts)');
    await runScript(fileURLToPath(new URL('./word2vec.ts', import.meta.url)), args.write ? [] : ['--no-write']);
  }
}

/** Runs another benchmark script in a child process with this one's Node flags (tsx's loader). */
function runScript(path: string, argv: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path, [...argv], { execArgv: process.execArgv, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench: ${path} exited with code ${code}`))));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
