import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's and the Courses 2–3 guide's code blocks live, verbatim, in `examples/*.ts`, which
 * `pnpm typecheck` compiles under the repository's strict settings. Here: every ```ts block of the
 * document is in its example file, and the example file runs.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const documents = [
  { doc: 'packages/optim/README.md', example: 'packages/optim/examples/readme.ts' },
  { doc: 'docs/guides/improving-deep-networks.md', example: 'packages/optim/examples/guide-courses-2-3.ts' },
];

const codeBlocks = (markdown: string): string[] => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

const workDir = mkdtempSync(join(tmpdir(), 'dlkit-optim-docs-'));
const previousDir = process.cwd();
beforeAll(() => process.chdir(workDir)); // the README's checkpoint goes to run/ under the current directory
afterAll(() => {
  process.chdir(previousDir);
  rmSync(workDir, { recursive: true, force: true });
});

describe.each(documents)('$doc', ({ doc, example }) => {
  it(`every ts block is in ${example}, verbatim`, () => {
    const blocks = codeBlocks(readFileSync(join(root, doc), 'utf8'));
    const source = readFileSync(join(root, example), 'utf8');
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(source, `block not in ${example}:\n${block}`).toContain(block);
  });

  it('runs', async () => {
    await import(/* @vite-ignore */ join(root, example));
    if (doc.endsWith('README.md')) expect(existsSync(join(workDir, 'run', 'last.safetensors'))).toBe(true);
  });
});
