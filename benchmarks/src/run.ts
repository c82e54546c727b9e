/**
 * `pnpm bench`: runs every case on every backend and writes `results/latest.{json,md}`.
 *
 * Options: `--only <text>` keeps the cases whose name or params contain the text (repeatable),
 * `--backend <name>` keeps one backend (repeatable), `--no-write` prints without writing results.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { backends } from './backends.js';
import { cases } from './cases.js';
import { timeCase, type CaseResult } from './harness.js';
import { formatMarkdown, formatText, machineInfo, type Report } from './report.js';

function parseArgs(argv: readonly string[]): { only: string[]; backend: string[]; write: boolean } {
  const only: string[] = [];
  const backend: string[] = [];
  let write = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only' && argv[i + 1] !== undefined) only.push(argv[++i]!);
    else if (arg === '--backend' && argv[i + 1] !== undefined) backend.push(argv[++i]!);
    else if (arg === '--no-write') write = false;
    else if (arg !== '--') throw new Error(`bench: unknown argument ${arg}; expected --only <text>, --backend <name> or --no-write`);
  }
  return { only, backend, write };
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const selectedCases = cases.filter(
    (c) => args.only.length === 0 || args.only.some((text) => `${c.name} ${c.params}`.toLowerCase().includes(text.toLowerCase())),
  );
  const selectedBackends = backends.filter((b) => args.backend.length === 0 || args.backend.includes(b.name));
  const machine = machineInfo();
  console.log(`dlkit benchmarks · Node ${machine.node} · ${machine.cpu} (${machine.cores} cores)\n`);

  const results: CaseResult[] = [];
  const backendInfo: Report['backends'][number][] = [];
  const started = performance.now();
  for (const entry of selectedBackends) {
    try {
      await entry.setup();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.log(`[${entry.name}] skipped: ${reason}`);
      backendInfo.push({ name: entry.name, skipped: reason });
      continue;
    }
    backendInfo.push({ name: entry.name, ...(entry.description !== undefined ? { description: entry.description } : {}) });
    for (const bench of selectedCases) {
      const r = await timeCase(entry, bench);
      results.push(r);
      const shown = r.error ? `error: ${r.error}` : `${r.medianMs.toFixed(2)} ms  ${r.gflops.toFixed(2)} GFLOP/s  (${r.runs} runs)`;
      console.log(`[${entry.name}] ${bench.name} ${bench.params}: ${shown}`);
    }
    await entry.teardown?.();
  }
  const report: Report = { machine, backends: backendInfo, results };
  console.log(`\n${formatText(report)}\n\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (args.write) {
    const dir = fileURLToPath(new URL('../results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeAtomic(`${dir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeAtomic(`${dir}latest.md`, formatMarkdown(report));
    console.log(`wrote ${dir}latest.json and latest.md`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
