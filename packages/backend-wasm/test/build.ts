import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const variants = ['simd', 'relaxed', 'simd-shared', 'relaxed-shared'];

/** Builds the kernel modules (`pnpm build:wasm`) when any is missing, so tests need no prior build. */
export function ensureWasmBuilt(): void {
  if (variants.every((v) => existsSync(`${root}wasm/kernels-${v}.wasm`))) return;
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { cwd: root, stdio: 'inherit' });
}
