/**
 * Every ```ts block of the README, the guides and the package READMEs is a program: each is
 * extracted to a module, all are type-checked in one strict TypeScript program against the
 * workspace sources (the `paths` of tsconfig.base.json), then each is run (vitest's aliases resolve
 * `@dlkit/*` to the sources too). Info-string flags: `ts no-run` is type-checked only (say why
 * beside it); `ts fragment` is neither (a piece of the block before it, or an excerpt of an
 * internal source file the text names). Keep both rare.
 * `pnpm test` runs this file; alone: `npx vitest run docs/test/examples.test.ts`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { setBackend } from '@dlkit/core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

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

/** A ```ts block: where it is, its code, whether it runs. */
interface Block {
  /** The Markdown file and the line of the opening fence. */
  readonly path: string;
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
}

/** The ```ts blocks of one Markdown file, fragments left out. */
function extract(path: string): Block[] {
  const lines = readFileSync(join(root, path), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```ts(?:\s+(.*))?$/.exec(lines[i]!);
    if (!open) continue;
    const flags = (open[1] ?? '').split(/\s+/);
    const line = i + 1;
    const body: string[] = [];
    while (++i < lines.length && !lines[i]!.startsWith('```')) body.push(lines[i]!);
    if (!flags.includes('fragment')) blocks.push({ path, line, code: body.join('\n'), run: !flags.includes('no-run') });
  }
  return blocks;
}

const dir = mkdtempSync(join(tmpdir(), 'dlkit-examples-'));
/** Every block, as a module file of its own in a scratch folder. */
const examples = sources.flatMap(extract).map((block, k) => {
  const name = `${block.path}:${block.line}`;
  const file = join(dir, `${String(k).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.ts`);
  // `export {}` makes each block a module: its own scope, top-level await allowed.
  writeFileSync(file, `${block.code}\nexport {};\n`);
  return { ...block, name, file };
});

/**
 * Type-checks every block in one program, in a child process so the test worker stays responsive;
 * returns tsc's error lines. Options: tsconfig.base.json's (strict, workspace paths) without the
 * repository's own lint flags, i.e. what a user's `strict` project sees.
 */
async function typeErrors(): Promise<string[]> {
  const config = {
    extends: join(root, 'tsconfig.base.json'),
    compilerOptions: {
      noEmit: true,
      noUnusedLocals: false,
      noUnusedParameters: false,
      noUncheckedIndexedAccess: false,
      typeRoots: [join(root, 'node_modules/@types')],
    },
    files: examples.map((e) => e.file),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false']).catch((e: { stdout?: string }) => e);
  return String(result.stdout ?? '').split('\n').filter((line) => line.trim().length > 0);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('code examples in the docs', () => {
  it('are found, and the documents left to other tests have those tests', () => {
    expect(examples.length).toBeGreaterThan(10);
    for (const test of Object.values(checkedElsewhere)) expect(existsSync(join(root, test)), test).toBe(true);
  });

  it('type-check under strict TypeScript, all in one program', async () => {
    // Each error names its block (Markdown file and line) instead of the scratch file.
    const named = (await typeErrors()).map((line) => {
      const example = examples.find((e) => line.includes(basename(e.file)));
      const at = /\((\d+),(\d+)\): (.*)$/.exec(line);
      return example && at ? `${example.path}:${example.line + Number(at[1])}:${at[2]}: ${at[3]}` : line;
    });
    expect(named).toEqual([]);
  }, 300_000);

  for (const example of examples.filter((e) => e.run)) {
    it(`${example.name} runs`, async () => {
      // Blocks that write files (checkpoints) write them into a scratch folder.
      const cwd = process.cwd();
      const scratch = join(dir, `run-${examples.indexOf(example)}`);
      mkdirSync(scratch, { recursive: true });
      process.chdir(scratch);
      try {
        await import(pathToFileURL(example.file).href);
      } finally {
        process.chdir(cwd);
        setBackend('ts');
      }
    }, 60_000);
  }
});
