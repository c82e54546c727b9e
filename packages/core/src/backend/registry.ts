import { BackendError } from '../errors.js';
import { tsBackend } from '../backends/ts/index.js';
import type { Backend } from './backend.js';
import { markLoadedCopy } from './copies.js';

// Two copies of core in one program mean two of these registries: say so as the second loads.
markLoadedCopy();

const backends = new Map<string, Backend>([[tsBackend.name, tsBackend]]);
let current: Backend = tsBackend;

/**
 * Makes a backend available to {@link setBackend}. Registering a name twice replaces the old one.
 * @example registerBackend(await tfjsBackend({ engine: 'wasm' }));
 */
export function registerBackend(backend: Backend): void {
  if (typeof backend?.name !== 'string' || backend.name.length === 0) {
    throw new BackendError(`registerBackend: expected a backend object with a non-empty name, got ${String(backend)}`);
  }
  if (backend.dispose !== undefined && backend.shareStorage === undefined) {
    throw new BackendError(`registerBackend: backend '${backend.name}' has dispose but no shareStorage; a backend that releases storage must give detach and assign their own reference to it`);
  }
  backends.set(backend.name, backend);
}

/**
 * Selects the backend that new tensors are created on. The built-in `'ts'` is the default.
 * @example setBackend('ts');
 */
export function setBackend(name: string): void {
  const backend = findBackend(name, 'setBackend');
  current = backend;
}

/** The backend that new tensors are created on. */
export function getBackend(): Backend {
  return current;
}

/** The names of every registered backend. */
export function listBackends(): string[] {
  return [...backends.keys()];
}

/** @internal The registered backend called `name`, or a BackendError naming `where` and the registered names. */
export function findBackend(name: string, where: string): Backend {
  const backend = backends.get(name);
  if (backend === undefined) {
    throw new BackendError(`${where}: no backend named '${name}'; registered: ${[...backends.keys()].join(', ')}`);
  }
  return backend;
}
