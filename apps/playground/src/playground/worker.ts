/// <reference lib="webworker" />
/**
 * The playground's training worker: trains in chunks of `reportEvery` steps, posting the loss and
 * the decision boundary after each, and yields between chunks so a `stop` message is seen.
 */
import { useBackend } from '../shared/worker-backend.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { createTrainer } from './trainer.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let run = 0; // a new `train` or a `stop` ends the run in progress
let superseded = false; // it was a new `train`: the old run ends without a word, so the page keeps showing the new one

const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const current = ++run;
  superseded = message.type === 'train';
  if (message.type === 'stop') return;
  const { config } = message;
  try {
    useBackend(scope, message.backend);
    const trainer = createTrainer(config);
    post({ type: 'dataset', points: trainer.points, bounds: trainer.bounds });
    let progress = { step: 0, loss: Number.NaN, accuracy: 0 };
    while (progress.step < config.steps) {
      progress = trainer.train(Math.min(config.reportEvery, config.steps - progress.step));
      const grid = trainer.boundary(config.gridSize);
      post({ type: 'progress', ...progress, grid }, [grid.buffer]);
      await yieldToMessages();
      if (run !== current) {
        if (!superseded) post({ type: 'done', ...progress, stopped: true });
        return;
      }
    }
    post({ type: 'done', ...progress, stopped: false });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
