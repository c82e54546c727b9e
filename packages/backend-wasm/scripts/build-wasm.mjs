// Builds the kernels (assembly/*.ts, AssemblyScript) into wasm/: four variants of one source,
// {plain SIMD, relaxed SIMD (FMA)} × {private memory, shared memory for the worker pool}.
// Run by `pnpm build`; with `--if-missing` (the tests and `pnpm bench`) only when a variant is
// missing. Several test files may run it at once, so each module is written under a temporary
// name and renamed into place. Not committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json')), 'bin', 'asc.js');
mkdirSync(join(root, 'wasm'), { recursive: true });

// Pages of 64 KiB; shared memory needs a maximum (4 GiB would exceed 32-bit pointers' headroom).
const MAX_PAGES = 32768;
const variants = [false, true].flatMap((relaxed) => [false, true].map((shared) => ({ relaxed, shared })));
const fileOf = ({ relaxed, shared }) => `kernels-${relaxed ? 'relaxed' : 'simd'}${shared ? '-shared' : ''}.wasm`;
if (process.argv.includes('--if-missing') && variants.every((v) => existsSync(join(root, 'wasm', fileOf(v))))) process.exit(0);
for (const { relaxed, shared } of variants) {
  const name = fileOf({ relaxed, shared });
  const features = ['simd', ...(relaxed ? ['relaxed-simd'] : []), ...(shared ? ['threads'] : [])];
  const temp = join('wasm', `.${process.pid}-${name}`);
  execFileSync(process.execPath, [
    asc, 'assembly/index.ts', '-o', temp,
    '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--initialMemory', '2',
    '--maximumMemory', String(MAX_PAGES), ...(shared ? ['--sharedMemory'] : []),
    ...features.flatMap((f) => ['--enable', f]),
  ], { cwd: root, stdio: 'inherit' });
  renameSync(join(root, temp), join(root, 'wasm', name));
}
console.log('backend-wasm: built wasm/kernels-{simd,relaxed}{,-shared}.wasm');
