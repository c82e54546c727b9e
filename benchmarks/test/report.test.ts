/**
 * The table formatting both modes share: Node mode leaves skipped backends out of the table,
 * browser mode keeps them as columns of — (their reason listed under Backends).
 */
import { describe, expect, it } from 'vitest';
import { formatMarkdown, type Report } from '../src/report.js';

const report: Report = {
  machine: { node: 'v20', cpu: 'Some CPU', cores: 2, platform: 'linux', arch: 'x64', memoryGiB: 8, date: '2026-12-03T12:00:00.000Z' },
  backends: [{ name: 'ts' }, { name: 'webgpu', skipped: 'navigator.gpu.requestAdapter() found no adapter' }],
  results: [{ backend: 'ts', case: 'softmax', params: '[2,3] last axis', flops: 30, runs: 2, medianMs: 0.5, minMs: 0.4, gflops: 6e-5 }],
};

describe('formatMarkdown', () => {
  it('leaves a skipped backend out of Node mode\'s table', () => {
    const md = formatMarkdown(report);
    expect(md).toContain('| case | params | ts ms | ts GFLOP/s |\n');
    expect(md).toContain('| softmax | [2,3] last axis | 0.50 | 0.00 |\n');
    expect(md).toContain('- **webgpu**: skipped — navigator.gpu.requestAdapter() found no adapter');
  });

  it('keeps it as a column of — with skippedColumns, under the given heading and preamble', () => {
    const md = formatMarkdown(report, { title: 'browser run', preamble: ['on SwiftShader'], skippedColumns: true });
    expect(md.startsWith('# browser run\n\non SwiftShader\n\n')).toBe(true);
    expect(md).toContain('| case | params | ts ms | ts GFLOP/s | webgpu ms | webgpu GFLOP/s | ts vs webgpu |\n');
    expect(md).toContain('| softmax | [2,3] last axis | 0.50 | 0.00 | — | — | —× |\n');
    expect(md).toContain('- **webgpu**: skipped — navigator.gpu.requestAdapter() found no adapter');
  });
});
