/** The docs examples test fails on a broken example: a type error names its Markdown line, a throwing block fails its run. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extract, runExample, typeErrors, writeExamples } from './code-blocks.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = mkdtempSync(join(tmpdir(), 'dlkit-broken-docs-'));
const scratch = mkdtempSync(join(tmpdir(), 'dlkit-broken-examples-'));
afterAll(() => {
  rmSync(docs, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const markdown = [
  '# A document with broken examples', // 1
  '', // 2
  '```ts', // 3
  "import { tensor } from '@dlkit/core';", // 4
  'const t: string = tensor([1, 2]);', // 5: a type error
  '```', // 6
  '', // 7
  '```ts', // 8
  "import { ShapeError, tensor } from '@dlkit/core';", // 9
  'tensor([1, 2]).reshape([3]);', // 10: throws at run time
  'export const unreachable = ShapeError;', // 11
  '```', // 12
  '', // 13
  '```ts fragment', // 14
  'not even TypeScript', // 15
  '```', // 16
].join('\n');

describe('the docs examples test on broken examples', () => {
  writeFileSync(join(docs, 'BROKEN.md'), markdown);
  const examples = writeExamples(extract(docs, 'BROKEN.md'), scratch);

  it('finds the runnable blocks and leaves fragments out', () => {
    expect(examples.map((e) => e.name)).toEqual(['BROKEN.md:3', 'BROKEN.md:8']);
  });

  it('reports a type error at its line in the Markdown file', async () => {
    const errors = await typeErrors(root, examples, scratch);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^BROKEN\.md:5:\d+: error TS2322: Type 'Tensor' is not assignable to type 'string'/);
  }, 120_000);

  it('fails the run of a block that throws', async () => {
    await expect(runExample(examples[1]!, scratch)).rejects.toThrow(/reshape/);
  });
});
