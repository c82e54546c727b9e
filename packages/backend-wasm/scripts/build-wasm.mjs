// Builds the kernels (assembly/*.ts, AssemblyScript) into wasm/: four variants of one source,
// {plain SIMD, relaxed SIMD (FMA)} × {private memory, shared memory for the worker pool}.
// Run by `pnpm build`; the tests run it when a variant is missing (several test files at once, so
// each module is written under a temporary name and renamed into place). Not committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json')), 'bin', 'asc.js');
mkdirSync(join(root, 'wasm'), { recursive: true });

// Pages of 64 KiB; shared memory needs a maximum (4 GiB would exceed 32-bit pointers' headroom).
const MAX_PAGES = 32768;
for (const relaxed of [false, true]) {
  for (const shared of [false, true]) {
    const name = `kernels-${relaxed ? 'relaxed' : 'simd'}${shared ? '-shared' : ''}.wasm`;
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
}
console.log('backend-wasm: built wasm/kernels-{simd,relaxed}{,-shared}.wasm');
