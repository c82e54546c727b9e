/**
 * Every ```ts block of the README, the guides and the package READMEs is a program: each is
 * extracted to a module, all are type-checked in one strict TypeScript program against the
 * workspace sources (the `paths` of tsconfig.base.json), then each is run (vitest's aliases resolve
 * `@dlkit/*` to the sources too). Info-string flags: `ts no-run` is type-checked only (say why
 * beside it); `ts fragment` is neither (a piece of the block before it, or an excerpt of an
 * internal source file the text names). Keep both rare.
 * `pnpm test` runs this file; alone: `npx vitest run docs/test/examples.test.ts`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { setBackend } from '@dlkit/core';
import { extract, runExample, typeErrors, writeExamples } from './code-blocks.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Documents whose blocks are pieces of one program written out in full elsewhere (with the data
 * they assume), which that program's test type-checks and runs instead.
 */
const checkedElsewhere: Record<string, string> = {
  'packages/optim/README.md': 'packages/optim/test/doc-examples.test.ts',
  'docs/guides/improving-deep-networks.md': 'packages/optim/test/doc-examples.test.ts',
};

/** The Markdown files whose examples must run. */
const sources = [
  'README.md',
  ...readdirSync(join(root, 'docs/guides')).filter((f) => f.endsWith('.md')).map((f) => `docs/guides/${f}`),
  ...readdirSync(join(root, 'packages')).map((p) => `packages/${p}/README.md`),
].filter((path) => !(path in checkedElsewhere));

const dir = mkdtempSync(join(tmpdir(), 'dlkit-examples-'));
/** Every block, as a module file of its own in a scratch folder. */
const examples = writeExamples(sources.flatMap((path) => extract(root, path)), dir);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('code examples in the docs', () => {
  it(`are found (${examples.length} blocks, ${examples.filter((e) => e.run).length} of them run), and the documents left to other tests have those tests`, () => {
    expect(examples.length).toBeGreaterThan(10);
    for (const test of Object.values(checkedElsewhere)) expect(existsSync(join(root, test)), test).toBe(true);
  });

  it('type-check under strict TypeScript, all in one program', async () => {
    expect(await typeErrors(root, examples, dir)).toEqual([]);
  }, 300_000);

  for (const example of examples.filter((e) => e.run)) {
    it(`${example.name} runs`, async () => {
      // Blocks that write files (checkpoints) write them into a scratch folder.
      const scratch = join(dir, `run-${examples.indexOf(example)}`);
      mkdirSync(scratch, { recursive: true });
      try {
        await runExample(example, scratch);
      } finally {
        setBackend('ts');
      }
    }, 60_000);
  }
});
