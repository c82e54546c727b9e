import { BackendError, type Backend, type RequiredKernels, type TensorInfo, type TypedArray } from '@dlkit/core';
import { WEBGPU_DTYPES } from './dtypes.js';
import { type Arg, type Command, type TensorRef } from './protocol.js';

/** The storage handle core holds for a tensor on the WebGPU backend: an id the executor maps to a GPU buffer. */
export interface WebGPUHandle {
  /** The id of this handle's storage (each handle, shared or not, has its own). */
  readonly id: number;
}

/** Where the front end sends its commands: an executor in this thread, or one in another. */
export interface Channel {
  /** Queues a command. */
  submit(command: Command): void;
  /** Queues an upload of `values` (ownership passes) as storage `out`. */
  upload(out: number, values: TypedArray): void;
  /** The values of `ref` after every earlier command. */
  read(ref: TensorRef): Promise<TypedArray>;
  /** The same, blocking; absent where the thread cannot wait (a browser's main thread). */
  readSync?(ref: TensorRef): TypedArray;
}

type Kernels = RequiredKernels<WebGPUHandle>;
type Forwarded = Exclude<keyof Kernels, 'upload' | 'download' | 'reshape'>;

const toRef = (x: TensorInfo<WebGPUHandle>): TensorRef => ({ $tensor: x.handle.id, shape: [...x.shape], dtype: x.dtype });

function isInfo(arg: unknown): arg is TensorInfo<WebGPUHandle> {
  return typeof arg === 'object' && arg !== null && 'handle' in arg && 'shape' in arg && 'dtype' in arg;
}

/** Kernel arguments as plain data: tensors become {@link TensorRef}s (lists of them too). */
function toArgs(args: readonly unknown[]): Arg[] {
  return args.map((arg) => {
    if (isInfo(arg)) return toRef(arg);
    if (Array.isArray(arg) && arg.length > 0 && isInfo(arg[0])) return (arg as TensorInfo<WebGPUHandle>[]).map(toRef);
    return arg as Arg;
  });
}

/**
 * The backend object core sees: every kernel allocates an id and queues a command on `channel`,
 * returning at once; only reads wait. `reshape` and `shareStorage` give a new id on the same
 * buffer (a reference count), `dispose` drops one.
 */
export function frontEnd(name: string, channel: Channel): Backend<WebGPUHandle> {
  let next = 0;
  const handle = (): WebGPUHandle => ({ id: next++ });
  const share = (x: TensorInfo<WebGPUHandle>): WebGPUHandle => {
    const out = handle();
    channel.submit({ kind: 'share', out: out.id, of: x.handle.id });
    return out;
  };
  const forward = <K extends Forwarded>(kernel: K): Kernels[K] =>
    ((...args: unknown[]) => {
      const out = handle();
      channel.submit({ kind: 'kernel', kernel, out: out.id, args: toArgs(args) });
      return out;
    }) as Kernels[K];
  const readSync = channel.readSync?.bind(channel);
  const kernels: Kernels = {
    upload(values) {
      const out = handle();
      channel.upload(out.id, values);
      return out;
    },
    download(x) {
      if (readSync === undefined) {
        throw new BackendError(
          `backend '${name}' reads GPU memory asynchronously: use \`await t.data()\` instead of dataSync()/toArray()/item() (or run dlkit in a worker with webgpuWorkerBackend)`,
        );
      }
      return readSync(toRef(x));
    },
    reshape: share,
    fill: forward('fill'), unary: forward('unary'), clip: forward('clip'), binary: forward('binary'), where: forward('where'),
    cast: forward('cast'), reduce: forward('reduce'), matmul: forward('matmul'), transpose: forward('transpose'),
    slice: forward('slice'), pad: forward('pad'), concat: forward('concat'), broadcastTo: forward('broadcastTo'),
    gather: forward('gather'), scatterAdd: forward('scatterAdd'), takeAlongAxis: forward('takeAlongAxis'),
    scatterAddAlongAxis: forward('scatterAddAlongAxis'), topk: forward('topk'), scan: forward('scan'),
    conv2d: forward('conv2d'), conv2dBackpropInput: forward('conv2dBackpropInput'), conv2dBackpropFilter: forward('conv2dBackpropFilter'),
    maxPool2d: forward('maxPool2d'), maxPool2dBackprop: forward('maxPool2dBackprop'), avgPool2d: forward('avgPool2d'),
    avgPool2dBackprop: forward('avgPool2dBackprop'), adaptiveAvgPool2d: forward('adaptiveAvgPool2d'),
    adaptiveAvgPool2dBackprop: forward('adaptiveAvgPool2dBackprop'), resizeBilinear: forward('resizeBilinear'),
    resizeBilinearBackprop: forward('resizeBilinearBackprop'), resizeNearest: forward('resizeNearest'),
    resizeNearestBackprop: forward('resizeNearestBackprop'),
  };
  return {
    name,
    dtypes: WEBGPU_DTYPES,
    ...kernels,
    downloadAsync: (x) => channel.read(toRef(x)),
    shareStorage: share,
    dispose(h) {
      channel.submit({ kind: 'release', id: h.id });
    },
    softmax(x) {
      const out = handle();
      channel.submit({ kind: 'kernel', kernel: 'softmax', out: out.id, args: [toRef(x)] });
      return out;
    },
    logSoftmax(x) {
      const out = handle();
      channel.submit({ kind: 'kernel', kernel: 'logSoftmax', out: out.id, args: [toRef(x)] });
      return out;
    },
  };
}
