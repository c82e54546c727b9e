/**
 * A pool of worker threads (Node `worker_threads`, browser Web Workers) over one shared
 * WebAssembly memory. A job is one exported kernel `(args, task, tasks)`: the calling thread runs
 * task 0 and each worker one more, then the caller waits (Atomics) until all are done. Jobs go
 * through a small shared control block, never through messages, so a dispatch costs microseconds.
 */
import { BackendError } from '@dlkit/core';
import { TASK_KERNELS } from './module.js';

// Control words: generation, kernel index, args address, tasks, workers still running.
const GEN = 0, KERNEL = 1, ARGS = 2, TASKS = 3, PENDING = 4;

/** What each worker receives once. */
interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  readonly index: number;
  readonly names: readonly string[];
}

// The worker's whole program. It is stringified into the worker, so it references nothing outside.
function workerMain(init: WorkerInit, ready: () => void): void {
  const exports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const kernels = init.names.map((name) => exports[name] as (args: number, task: number, tasks: number) => void);
  const ctrl = new Int32Array(init.control);
  let gen = Atomics.load(ctrl, 0);
  ready();
  for (;;) {
    Atomics.wait(ctrl, 0, gen);
    const now = Atomics.load(ctrl, 0);
    if (now === gen) continue;
    gen = now;
    const tasks = ctrl[3]!;
    if (init.index < tasks) kernels[ctrl[1]!]!(ctrl[2]!, init.index, tasks);
    if (Atomics.sub(ctrl, 4, 1) === 1) Atomics.notify(ctrl, 4);
  }
}

/** Something that can be told to stop: a Node Worker or a Web Worker. */
interface Stoppable { terminate(): unknown }

/** The worker threads of one backend and their shared control block. */
export class ThreadPool {
  private readonly ctrl: Int32Array;
  private constructor(private readonly workers: readonly Stoppable[], control: SharedArrayBuffer, private readonly spin: boolean) {
    this.ctrl = new Int32Array(control);
  }

  /** Threads a job runs on, the caller's included. */
  get size(): number {
    return this.workers.length + 1;
  }

  /** Starts `threads - 1` workers on `module` over shared `memory` and waits until each has instantiated it. */
  static async start(threads: number, module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<ThreadPool> {
    if (typeof SharedArrayBuffer === 'undefined') {
      throw new BackendError(`wasmBackend: threads: ${threads} needs SharedArrayBuffer, which this context lacks (browsers: serve the page cross-origin isolated); use threads: 1`);
    }
    const control = new SharedArrayBuffer(64);
    const inits = Array.from({ length: threads - 1 }, (_, i): WorkerInit => ({ module, memory, control, index: i + 1, names: TASK_KERNELS }));
    const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
    const workers = isNode ? await startNodeWorkers(inits) : await startWebWorkers(inits);
    // A browser's main thread may not block in Atomics.wait: it spins instead.
    const spin = !isNode && typeof window !== 'undefined';
    return new ThreadPool(workers, control, spin);
  }

  /** Runs `TASK_KERNELS[kernel](args, task, size)` for every task; task 0 on this thread via `self`. */
  run(kernel: number, args: number, self: (args: number, task: number, tasks: number) => void): void {
    const ctrl = this.ctrl;
    const tasks = this.size;
    ctrl[KERNEL] = kernel;
    ctrl[ARGS] = args;
    ctrl[TASKS] = tasks;
    Atomics.store(ctrl, PENDING, this.workers.length);
    Atomics.add(ctrl, GEN, 1);
    Atomics.notify(ctrl, GEN);
    self(args, 0, tasks);
    for (let left = Atomics.load(ctrl, PENDING); left !== 0; left = Atomics.load(ctrl, PENDING)) {
      if (!this.spin) Atomics.wait(ctrl, PENDING, left);
    }
  }

  /** Stops the workers. */
  terminate(): void {
    for (const w of this.workers) void w.terminate();
  }
}

async function startNodeWorkers(inits: readonly WorkerInit[]): Promise<Stoppable[]> {
  const { Worker } = await import('node:worker_threads');
  const source = `const { workerData, parentPort } = require('node:worker_threads');
(${workerMain.toString()})(workerData, () => parentPort.postMessage('ready'));`;
  return Promise.all(inits.map((init) => new Promise<Stoppable>((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: init });
    worker.once('message', () => {
      // A pool never keeps the process alive: its workers only ever wait for jobs.
      worker.unref();
      resolve(worker);
    });
    worker.once('error', (e) => reject(new BackendError(`wasmBackend: a worker thread failed to start: ${e.message}`)));
  })));
}

async function startWebWorkers(inits: readonly WorkerInit[]): Promise<Stoppable[]> {
  const source = `self.onmessage = (e) => { self.onmessage = null; (${workerMain.toString()})(e.data, () => self.postMessage('ready')); };`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return Promise.all(inits.map((init) => new Promise<Stoppable>((resolve, reject) => {
    const worker = new Worker(url);
    worker.onmessage = () => resolve(worker);
    worker.onerror = (e) => reject(new BackendError(`wasmBackend: a web worker failed to start: ${e.message}`));
    worker.postMessage(init);
  })));
}
