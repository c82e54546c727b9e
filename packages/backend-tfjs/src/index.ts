/**
 * @dlkit/backend-tfjs — runs every kernel of `@dlkit/core` on TensorFlow.js.
 *
 * ```ts
 * import { registerBackend, setBackend } from '@dlkit/core';
 * import { tfjsBackend } from '@dlkit/backend-tfjs';
 *
 * const b = await tfjsBackend({ engine: 'wasm' });
 * registerBackend(b);
 * setBackend(b.name); // 'tfjs-wasm'
 * ```
 * @packageDocumentation
 */
import { BackendError, type Backend } from '@dlkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { createKernels, TFJS_DTYPES, type TfHandle } from './kernels/index.js';
import {
  isTfjsNodeAvailable, loadEngine, resolveEngine, TFJS_BACKEND_NAMES, TFJS_ENGINES, TFJS_VERSION,
  type ResolvedTfjsEngine, type TfjsEngine, type WasmPaths,
} from './engines.js';

export { isTfjsNodeAvailable, TFJS_BACKEND_NAMES, TFJS_ENGINES, TFJS_VERSION, type ResolvedTfjsEngine, type TfjsEngine, type WasmPaths };
export type { TfHandle };
export { TFJS_DTYPES };

/** Options of {@link tfjsBackend}. */
export interface TfjsBackendOptions {
  /**
   * Which TensorFlow.js engine runs the kernels (default `'auto'`: tfjs-node when it loads in Node,
   * webgl in a browser, else wasm, else cpu). See {@link TfjsEngine}.
   */
  readonly engine?: TfjsEngine;
  /** Registry name of the backend; default `'tfjs-<engine>'` with the resolved engine, e.g. `'tfjs-wasm'`. */
  readonly name?: string;
  /**
   * Where the wasm engine reads its `.wasm` files: a folder prefix ending in `/`, or a map from file
   * name to path or URL. Default: the installed `@tensorflow/tfjs-backend-wasm` package in Node;
   * next to the script in browsers. Takes effect the first time the wasm engine starts.
   */
  readonly wasmPaths?: WasmPaths;
}

/**
 * A dlkit backend running on TensorFlow.js: core's `Backend` with tf.Tensor storage handles, plus
 * the engine it runs on.
 */
export interface TfjsBackend extends Backend<TfHandle> {
  /** The engine the kernels run on (`'auto'` resolved). */
  readonly engine: ResolvedTfjsEngine;
  /** TensorFlow.js's own name of that backend (`tf.getBackend()` while it runs): `'tensorflow'`, `'wasm'`, `'cpu'`, `'webgl'` or `'webgpu'`. */
  readonly tfjsBackendName: string;
}


/**
 * Creates a dlkit backend that runs every core kernel with TensorFlow.js ops on the chosen engine.
 * Nothing is registered on import: register the result with core yourself.
 *
 * Storage is one tf.Tensor per dlkit tensor, released by `Tensor.dispose()`, by the end of a
 * `tidy(fn)` scope, or (as a last resort) when the dlkit tensor is garbage collected.
 *
 * Engines: `'node'` (`@tensorflow/tfjs-node`, an optional peer dependency you install yourself),
 * `'wasm'` (`.wasm` files loaded from the installed package, no network), `'cpu'` (plain JS),
 * `'webgl'` and `'webgpu'` (the GPU, in browsers), and `'auto'` (the first of those that works). Asking for `'node'` where tfjs-node is not installed
 * raises a `BackendError` that says how to install it and which engines are available.
 *
 * @example
 * ```ts
 * import { registerBackend, setBackend, randn, tidy } from '@dlkit/core';
 * import { tfjsBackend } from '@dlkit/backend-tfjs';
 *
 * const b = await tfjsBackend({ engine: 'wasm' });
 * registerBackend(b);
 * setBackend(b.name);                    // 'tfjs-wasm'
 * const y = tidy(() => randn([512, 512]).matmul(randn([512, 512])).relu());
 * ```
 */
export async function tfjsBackend(options: TfjsBackendOptions = {}): Promise<TfjsBackend> {
  const requested = options.engine ?? 'auto';
  if (!TFJS_ENGINES.includes(requested)) {
    throw new BackendError(`tfjsBackend: unknown engine ${JSON.stringify(requested)}; expected one of ${TFJS_ENGINES.map((e) => `'${e}'`).join(', ')}`);
  }
  const engineOptions = options.wasmPaths !== undefined ? { wasmPaths: options.wasmPaths } : {};
  const engine = await resolveEngine(requested, engineOptions);
  const previous = tf.getBackend() as string | undefined;
  await loadEngine(engine, engineOptions);
  const tfName = TFJS_BACKEND_NAMES[engine];
  const kernels = createKernels({
    name: options.name ?? `tfjs-${engine}`,
    tfName,
    copyOnDownload: engine !== 'wasm',
    exactKernels: engine === 'cpu',
    xnnpackMatMul: engine === 'wasm',
    composeConvBackpropInput: engine === 'wasm',
    composeConvBackpropFilter: engine !== 'node',
    gpu: engine === 'webgl' || engine === 'webgpu',
  });
  // Starting an engine must not change which TensorFlow.js backend other code runs on.
  if (typeof previous === 'string' && previous !== tfName && tf.findBackend(previous) !== null) await tf.setBackend(previous);
  return Object.freeze({ ...kernels, engine, tfjsBackendName: tfName });
}
