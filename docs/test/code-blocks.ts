/**
 * The machinery of the docs examples test: find the ```ts blocks of Markdown files, write each as a
 * module, type-check them all in one strict program, and run one. Shared by `examples.test.ts`
 * (the repository's documents) and `code-blocks.test.ts` (which proves a broken block fails).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A ```ts block: where it is, its code, whether it runs. */
export interface Block {
  /** The Markdown file (relative to the root it was read from) and the line of the opening fence. */
  readonly path: string;
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
}

/** A block written out as a module file. */
export interface Example extends Block {
  /** `path:line`. */
  readonly name: string;
  readonly file: string;
}

/**
 * The ```ts blocks of one Markdown file under `root`, fragments left out. Info-string flags:
 * `ts no-run` is type-checked only, `ts fragment` is neither.
 */
export function extract(root: string, path: string): Block[] {
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

/** Writes each block as a module of its own in `dir` (`export {}` gives it its own scope and top-level await). */
export function writeExamples(blocks: readonly Block[], dir: string): Example[] {
  return blocks.map((block, k) => {
    const name = `${block.path}:${block.line}`;
    const file = join(dir, `${String(k).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.ts`);
    writeFileSync(file, `${block.code}\nexport {};\n`);
    return { ...block, name, file };
  });
}

/**
 * Type-checks every example in one program, in a child process so the test worker stays
 * responsive; returns tsc's errors, each named by its Markdown file and line
 * (`README.md:42:7: error TS…`). Options: tsconfig.base.json's (strict, workspace paths) without
 * the repository's own lint flags, i.e. what a user's `strict` project sees.
 */
export async function typeErrors(root: string, examples: readonly Example[], dir: string): Promise<string[]> {
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
  const lines = String(result.stdout ?? '').split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line) => {
    const example = examples.find((e) => line.includes(basename(e.file)));
    const at = /\((\d+),(\d+)\): (.*)$/.exec(line);
    return example && at ? `${example.path}:${example.line + Number(at[1])}:${at[2]}: ${at[3]}` : line;
  });
}

/** Runs one example (imports its module) with `cwd` as the working directory. */
export async function runExample(example: Example, cwd: string): Promise<void> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    await import(pathToFileURL(example.file).href);
  } finally {
    process.chdir(previous);
  }
}
