import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '@dlkit/core';

/**
 * A TensorFlow.js engine the adapter can run on:
 *
 * - `'node'`: `@tensorflow/tfjs-node` (native TensorFlow, multi-threaded). An optional peer
 *   dependency: install it yourself (`npm install @tensorflow/tfjs-node@4.22.0`).
 * - `'wasm'`: `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD where the runtime has it). Its `.wasm`
 *   files are loaded from the installed package; no network access is needed.
 * - `'cpu'`: `@tensorflow/tfjs-backend-cpu` (plain JavaScript; slow, but runs everywhere).
 * - `'webgl'`: `@tensorflow/tfjs-backend-webgl`, the GPU through WebGL 2 — browsers only.
 * - `'webgpu'`: `@tensorflow/tfjs-backend-webgpu`, the GPU through WebGPU — browsers that have
 *   `navigator.gpu`.
 * - `'auto'`: in Node, `'node'` when it loads, else `'wasm'`, else `'cpu'`; in a browser,
 *   `'webgl'` when it starts, else `'wasm'`, else `'cpu'` (`'webgpu'` only when asked for: it is
 *   the younger TensorFlow.js backend).
 */
export type TfjsEngine = 'node' | 'wasm' | 'cpu' | 'webgl' | 'webgpu' | 'auto';

/** An engine that actually runs: `'auto'` resolved. */
export type ResolvedTfjsEngine = Exclude<TfjsEngine, 'auto'>;

/** The TensorFlow.js backend name behind each engine (`tf.getBackend()` while it runs). */
export const TFJS_BACKEND_NAMES: Readonly<Record<ResolvedTfjsEngine, string>> = {
  node: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
  webgl: 'webgl',
  webgpu: 'webgpu',
};

/** Every engine {@link tfjsBackend} accepts. */
export const TFJS_ENGINES: readonly TfjsEngine[] = ['node', 'wasm', 'cpu', 'webgl', 'webgpu', 'auto'];

/** The version of TensorFlow.js the adapter is built and tested against. */
export const TFJS_VERSION = '4.22.0';

/** Where the wasm engine finds its `.wasm` binaries. */
export type WasmPaths = string | Readonly<Record<string, string>>;

/** Options of {@link loadEngine}. */
export interface LoadEngineOptions {
  /**
   * Overrides where the wasm engine's `.wasm` files are read from: a folder prefix (ending in `/`)
   * or a map from file name (`'tfjs-backend-wasm-simd.wasm'`, ...) to path or URL. By default
   * they are read from the installed `@tensorflow/tfjs-backend-wasm` package in Node and from
   * next to the script in browsers.
   */
  readonly wasmPaths?: WasmPaths;
}

const isNode = (): boolean =>
  typeof process !== 'undefined' && typeof process.versions === 'object' && typeof process.versions.node === 'string';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * `require` as seen from this module, in both builds: the ESM build has `import.meta.url`, and
 * tsup's shims give the CJS build one too.
 */
async function nodeRequire(): Promise<NodeJS.Require> {
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url);
}

/** The folder of the installed `@tensorflow/tfjs-backend-wasm` binaries, as a file-system path ending in a separator. */
export async function installedWasmFolder(): Promise<string> {
  const require = await nodeRequire();
  const { dirname, join, sep } = await import('node:path');
  const manifest = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return join(dirname(manifest), 'dist') + sep;
}

/** Why tfjs-node could not be loaded, remembered so that every caller gets the same answer. */
let nodeLoad: Promise<string | null> | undefined;

/**
 * Tries to load `@tensorflow/tfjs-node` (which registers TensorFlow.js's `'tensorflow'` backend).
 * Resolves to `null` on success (or when the application already loaded it), else to the reason
 * it failed.
 */
async function tryLoadTfjsNode(): Promise<string | null> {
  if (tf.findBackendFactory(TFJS_BACKEND_NAMES.node) != null) return null;
  nodeLoad ??= (async () => {
    if (!isNode()) return 'tfjs-node runs only in Node.js';
    try {
      // A computed name: bundlers and TypeScript must not resolve this optional peer at build time.
      const name = ['@tensorflow', 'tfjs-node'].join('/');
      try {
        (await nodeRequire())(name);
      } catch (error) {
        // Strict layouts may not link an optional peer next to us: try the application's own.
        if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
        const { createRequire } = await import('node:module');
        const { join } = await import('node:path');
        createRequire(join(process.cwd(), 'index.js'))(name);
      }
      return tf.findBackendFactory(TFJS_BACKEND_NAMES.node) == null
        ? "@tensorflow/tfjs-node loaded but registered no 'tensorflow' backend (is its @tensorflow/tfjs-core a different major version?)"
        : null;
    } catch (error) {
      return errorText(error);
    }
  })();
  return nodeLoad;
}

/** Whether `@tensorflow/tfjs-node` is installed and loads here (the `'node'` engine is available). */
export async function isTfjsNodeAvailable(): Promise<boolean> {
  return (await tryLoadTfjsNode()) === null;
}

/** Whether the webgl engine starts in this browser. */
async function startsWebgl(): Promise<boolean> {
  try {
    await loadEngine('webgl');
    return true;
  } catch {
    return false;
  }
}

let wasmRegistered: Promise<void> | undefined;

async function registerWasm(options: LoadEngineOptions): Promise<void> {
  wasmRegistered ??= (async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const paths = options.wasmPaths ?? (isNode() ? await installedWasmFolder() : undefined);
    if (paths !== undefined) wasm.setWasmPaths(paths as string);
  })();
  return wasmRegistered;
}

async function registerCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
}

/** Loads a GPU engine's package (it registers its TensorFlow.js backend), or says why it cannot run here. */
async function registerGpu(engine: 'webgl' | 'webgpu'): Promise<void> {
  if (isNode()) {
    throw new BackendError(
      `tfjsBackend: engine '${engine}' runs in browsers (TensorFlow.js's ${engine} backend needs a page's ` +
        `${engine === 'webgl' ? 'WebGL 2 context' : 'navigator.gpu'}); in Node use 'node', 'wasm', 'cpu' or 'auto'.`,
    );
  }
  if (engine === 'webgpu' && !('gpu' in navigator)) {
    throw new BackendError("tfjsBackend: engine 'webgpu' needs WebGPU (navigator.gpu), which this browser does not expose; use 'webgl' or 'auto'.");
  }
  if (engine === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else await import('@tensorflow/tfjs-backend-webgpu');
}

/**
 * Makes TensorFlow.js's backend for `engine` ready (loads its package, initializes it) and makes it
 * the active TensorFlow.js backend. Throws a {@link BackendError} that says how to get the engine
 * when it cannot run here.
 */
export async function loadEngine(engine: ResolvedTfjsEngine, options: LoadEngineOptions = {}): Promise<void> {
  const tfName = TFJS_BACKEND_NAMES[engine];
  if (engine === 'node') {
    const reason = await tryLoadTfjsNode();
    if (reason !== null) {
      throw new BackendError(
        `tfjsBackend: engine 'node' needs @tensorflow/tfjs-node, which could not be loaded (${reason}). ` +
          `Install it next to @dlkit/backend-tfjs with \`npm install @tensorflow/tfjs-node@${TFJS_VERSION}\` ` +
          '(its install downloads a native TensorFlow library), or pick an engine that is available here: ' +
          "'wasm', 'cpu' or 'auto' (which falls back to wasm, then cpu).",
      );
    }
  } else if (engine === 'wasm') {
    await registerWasm(options);
  } else if (engine === 'webgl' || engine === 'webgpu') {
    await registerGpu(engine);
  } else {
    await registerCpu();
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(tfName);
  } catch (error) {
    throw new BackendError(`tfjsBackend: TensorFlow.js's '${tfName}' backend failed to start: ${errorText(error)}`);
  }
  // The cpu backend greets its first tensor in Node with advice to install tfjs-node; whoever
  // asked for 'cpu' chose it (and 'auto' prefers node when it is installed).
  const started = tf.findBackend(tfName) as { firstUse?: boolean } | null;
  if (started !== null && typeof started.firstUse === 'boolean') started.firstUse = false;
  if (!ok || tf.getBackend() !== tfName) {
    throw new BackendError(
      `tfjsBackend: TensorFlow.js's '${tfName}' backend failed to initialize` +
        (engine === 'wasm' ? ' (could its .wasm files be read? pass `wasmPaths` to point at them)' : ''),
    );
  }
}

/**
 * Picks the engine for `'auto'`: in Node `'node'` when tfjs-node loads, in a browser `'webgl'`
 * when it starts; else `'wasm'` when it starts, else `'cpu'`. Other engines are returned as they are.
 */
export async function resolveEngine(engine: TfjsEngine, options: LoadEngineOptions = {}): Promise<ResolvedTfjsEngine> {
  if (engine !== 'auto') return engine;
  if (isNode() ? await isTfjsNodeAvailable() : await startsWebgl()) return isNode() ? 'node' : 'webgl';
  try {
    await loadEngine('wasm', options);
    return 'wasm';
  } catch {
    return 'cpu';
  }
}
