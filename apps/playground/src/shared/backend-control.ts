/**
 * The page side of the backend choice: a "Backend" select added to a training form, offering
 * WebGPU only where {@link probeWebGPU} finds it, serving the worker's WebGPU kernels on this
 * thread, and restarting a run in progress when the choice changes.
 */
import { serveWebGPU } from '@dlkit/backend-webgpu';
import { BACKEND_LABELS, isTrainerMessage, probeWebGPU, type BackendChoice, type BackendMessage, type WebGPUEnvironment } from './backend-choice.js';

/** A training page's backend select. */
export interface BackendControl {
  /**
   * The chosen backend, once this page serves the worker's WebGPU kernels if it is WebGPU. Call it
   * as a run is submitted: until the worker's {@link BackendMessage} for that run, the old run's
   * messages are dropped.
   */
  prepare(): Promise<BackendChoice>;
}

/**
 * Adds the backend select (and a line saying what runs) to `form` before its `#train` button, and
 * hands the worker's own messages to `onMessage`, keeping back the WebGPU kernel traffic and the
 * {@link BackendMessage} that names the backend a run trains on (shown beside the select and in
 * `body[data-backend]`). `body[data-webgpu]` becomes `available` or `unavailable` once probed.
 * @example const control = backendControl(form, worker, onMessage); send({ type: 'train', config, backend: await control.prepare() });
 */
export function backendControl<T>(form: HTMLFormElement, worker: Worker, onMessage: (message: T) => void): BackendControl {
  const label = document.createElement('label');
  label.htmlFor = 'backend';
  label.textContent = 'Backend';
  const select = document.createElement('select');
  select.id = select.name = 'backend';
  for (const choice of ['ts', 'webgpu'] as const) select.add(new Option(BACKEND_LABELS[choice], choice));
  const gpuOption = select.options[1]!;
  gpuOption.disabled = true;
  const note = document.createElement('output');
  note.id = 'backend-note';
  note.className = 'wide';
  note.value = 'looking for WebGPU…';
  form.querySelector('#train')!.before(label, select, note);

  let adapter = '';
  const unavailable = (reason: string): void => {
    gpuOption.disabled = true;
    gpuOption.title = reason;
    select.value = 'ts';
    note.value = `GPU unavailable: ${reason}`;
    document.body.dataset.webgpu = 'unavailable';
  };
  const gpu = (navigator as { gpu?: WebGPUEnvironment['gpu'] }).gpu;
  void probeWebGPU({ gpu, crossOriginIsolated: globalThis.crossOriginIsolated === true }).then((result) => {
    if (!result.available) return unavailable(result.reason);
    adapter = result.adapter;
    gpuOption.disabled = false;
    gpuOption.title = adapter;
    note.value = `GPU available: ${adapter}`;
    document.body.dataset.webgpu = 'available';
  });

  // A changed choice restarts a run in progress on the new backend.
  select.addEventListener('change', () => {
    if (document.body.dataset.state === 'training') form.requestSubmit();
  });

  // From a submit until the worker names the backend of the new run, what arrives is the old run's
  // (it posts until it sees the new `train`), so it is dropped; errors always pass.
  let starting = false;
  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isTrainerMessage(message)) return;
    if (message.type !== 'backend') {
      if (!starting || message.type === 'error') onMessage(message as T);
      return;
    }
    starting = false;
    const { name } = message as BackendMessage;
    note.value = name === 'webgpu' ? `training on ${BACKEND_LABELS.webgpu} · ${adapter}` : `training on ${BACKEND_LABELS.ts}`;
    document.body.dataset.backend = name;
  });

  let served: Promise<unknown> | undefined;
  return {
    async prepare() {
      starting = true;
      const choice = select.value as BackendChoice;
      if (choice !== 'webgpu') return choice;
      try {
        await (served ??= serveWebGPU(worker));
        return choice;
      } catch (error) {
        served = undefined;
        unavailable(`no WebGPU device: ${error instanceof Error ? error.message : String(error)}`);
        return 'ts';
      }
    },
  };
}
