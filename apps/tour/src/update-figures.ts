/**
 * Quotes a tour run in the README: copies the run's `figures.json` (default: the one `pnpm start`
 * wrote, `tour-report/figures.json`) to `apps/tour/figures.json` and regenerates the README's
 * figures block from it. `pnpm --filter @dlkit/tour figures [-- <figures.json>]`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { figuresMarkdown, readFigures, replaceFiguresBlock } from './figures.js';

const QUOTED = new URL('../figures.json', import.meta.url);
const README = new URL('../README.md', import.meta.url);

async function main(): Promise<void> {
  const source = process.argv.slice(2).find((a) => a !== '--') ?? fileURLToPath(new URL('../tour-report/figures.json', import.meta.url));
  const figures = await readFigures(source);
  await writeFile(QUOTED, `${JSON.stringify(figures, null, 2)}\n`, 'utf8');
  await writeFile(README, replaceFiguresBlock(await readFile(README, 'utf8'), figuresMarkdown(figures)), 'utf8');
  console.log(`README figures now quote ${source}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
