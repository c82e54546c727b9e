import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the kernel modules (`pnpm build:wasm`) when any is missing, so tests need no prior build. */
export function ensureWasmBuilt(): void {
  execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--if-missing'], { cwd: root, stdio: 'inherit' });
}
