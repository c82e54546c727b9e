import { version } from '../../package.json';

/** What each loaded copy of @dlkit/core leaves on `globalThis`. */
export interface LoadedCopy {
  /** The copy's package version. */
  readonly version: string;
  /** Where the copy was loaded from (its module URL). */
  readonly url: string;
}

/** The marker's slot on `globalThis`: the global symbol registry is shared by every copy. */
const COPY_KEY = Symbol.for('@dlkit/core');

type Marked = { [COPY_KEY]?: LoadedCopy & { warned: boolean } };

/**
 * Records this copy of @dlkit/core on `globalThis` and warns, once per program, when another copy
 * (another version, or the same version from another folder) was loaded first: each copy has its
 * own backend registry and grad mode, so `setBackend` or `noGrad` in one does not reach tensors of
 * the other. The same file evaluated again (hot reload, a test runner's fresh module graph) is not
 * a second copy. Called once, when the backend registry's module loads.
 */
export function markLoadedCopy(copy: LoadedCopy = { version, url: import.meta.url }, warn: (message: string) => void = console.warn): void {
  const global = globalThis as Marked;
  const first = global[COPY_KEY];
  if (first === undefined || first.url === copy.url) {
    global[COPY_KEY] = { ...copy, warned: first?.warned ?? false };
    return;
  }
  if (first.warned) return;
  first.warned = true;
  warn(
    `@dlkit/core: a second copy was loaded (${copy.version} from ${copy.url}) while ${first.version} from ${first.url} ` +
      'is already in use. Each copy has its own backends and grad mode, so tensors and settings of one are invisible to the other. ' +
      'Install a single copy: make @dlkit/core a peer dependency of the packages that use it, then deduplicate ' +
      '(npm dedupe; npm ls @dlkit/core or pnpm why @dlkit/core shows who brings which). Two files of one install ' +
      '(index.js and index.cjs) mean the program both imports and requires @dlkit/core: use one module format.',
  );
}
