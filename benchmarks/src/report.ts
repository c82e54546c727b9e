import { cpus, platform, arch, totalmem } from 'node:os';
import type { CaseResult } from './harness.js';

/** Where and when a run happened. */
export interface MachineInfo {
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly platform: string;
  readonly arch: string;
  readonly memoryGiB: number;
  readonly date: string;
}

/** A backend as the report lists it. */
export interface BackendInfo {
  readonly name: string;
  readonly description?: string;
  readonly baseline?: string;
  readonly skipped?: string;
}

/** Everything `latest.json` holds. */
export interface Report {
  readonly machine: MachineInfo;
  readonly backends: readonly BackendInfo[];
  readonly results: readonly CaseResult[];
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    platform: platform(),
    arch: arch(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString(),
  };
}

function fmt(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/**
 * How a table treats skipped backends: left out (Node mode, where a backend that cannot run here
 * is not what the table is about), or kept as columns of `—` (browser mode, where which backends
 * the browser offers is part of the result).
 */
export interface TableOptions {
  readonly skippedColumns?: boolean;
}

/**
 * Rows of cells: one row per case, `ms` and `GFLOP/s` per backend, each backend's speed relative
 * to the first, then each backend's time over its baseline's (the adapter's overhead).
 */
function tableRows(report: Report, options: TableOptions): { header: string[]; rows: string[][] } {
  const names = report.backends.filter((b) => options.skippedColumns === true || b.skipped === undefined).map((b) => b.name);
  const keys: string[] = [];
  for (const r of report.results) {
    const key = `${r.case}\u0000${r.params}`;
    if (!keys.includes(key)) keys.push(key);
  }
  const header = ['case', 'params'];
  for (const name of names) header.push(`${name} ms`, `${name} GFLOP/s`);
  for (const name of names.slice(1)) header.push(`${names[0]} vs ${name}`);
  const overheads = report.backends.filter((b) => b.skipped === undefined && b.baseline !== undefined && names.includes(b.baseline));
  for (const b of overheads) header.push(`${b.name} ÷ ${b.baseline}`);
  const rows = keys.map((key) => {
    const [name, params] = key.split('\u0000') as [string, string];
    const byBackend = names.map((b) => report.results.find((r) => r.backend === b && r.case === name && r.params === params));
    const row = [name, params];
    for (const r of byBackend) row.push(r?.error ? 'error' : fmt(r?.medianMs ?? NaN, 2), fmt(r?.gflops ?? NaN, 2));
    const first = byBackend[0]?.medianMs ?? NaN;
    for (const r of byBackend.slice(1)) row.push(`${fmt((r?.medianMs ?? NaN) / first, 2)}×`);
    const msOf = (backend: string): number => {
      const r = report.results.find((x) => x.backend === backend && x.case === name && x.params === params);
      return r === undefined || r.error ? NaN : r.medianMs;
    };
    for (const b of overheads) row.push(fmt(msOf(b.name) / msOf(b.baseline!), 2));
    return row;
  });
  return { header, rows };
}

/** A plain-text table for the terminal. */
export function formatText(report: Report, options: TableOptions = {}): string {
  const { header, rows } = tableRows(report, options);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** What a markdown report says above its table; {@link formatMarkdown}'s default is Node mode's. */
export interface MarkdownPage extends TableOptions {
  /** The first heading, without `# `. */
  readonly title: string;
  /** Paragraphs between the heading and the table (machine line, how to read the table, caveats). */
  readonly preamble: readonly string[];
}

function nodePage(m: MachineInfo): MarkdownPage {
  return {
    title: 'dlkit benchmarks — latest run',
    preamble: [
      `${m.date} · Node ${m.node} · ${m.cpu} (${m.cores} cores) · ${m.platform}/${m.arch} · ${m.memoryGiB} GiB`,
      [
        'Median wall time of one iteration and the GFLOP/s it implies (flop conventions in `benchmarks/README.md`);',
        '`A vs B` is how many times faster A is than B, `A ÷ B` is A\'s time over B\'s (the adapter\'s overhead over raw TensorFlow.js).',
        'Each backend ran in its own process; an adapter shared its raw baseline\'s, the two timed in alternating runs. Chart: [latest.svg](latest.svg).',
      ].join('\n'),
    ],
  };
}

/**
 * The markdown written to `results/latest.md` (or, with a `page`, `results/browser.md`): heading,
 * preamble, one table row per case, then the backends (skipped ones with the reason) and any errors.
 * @example
 * ```ts no-run
 * // Needs a finished run's report: shown, not run.
 * writeFileSync('latest.md', formatMarkdown(report));
 * ```
 */
export function formatMarkdown(report: Report, page: MarkdownPage = nodePage(report.machine)): string {
  const { header, rows } = tableRows(report, page);
  const lines = [
    `# ${page.title}`,
    '',
    ...page.preamble.flatMap((paragraph) => [paragraph, '']),
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    '## Backends',
    '',
    ...report.backends.map((b) => `- **${b.name}**: ${b.skipped !== undefined ? `skipped — ${b.skipped}` : (b.description ?? '')}`),
  ];
  const errors = report.results.filter((r) => r.error);
  if (errors.length > 0) {
    lines.push('', '## Errors', '', ...errors.map((r) => `- ${r.backend} · ${r.case} ${r.params}: ${r.error}`));
  }
  return `${lines.join('\n')}\n`;
}
