import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Creates the folders above `path` that do not exist yet, so `run/epoch-1.safetensors` can be written into a fresh `run/`. */
export function ensureParentDir(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}
