/// <reference lib="webworker" />
/**
 * The playground's training worker: trains in chunks of `reportEvery` steps, posting the loss and
 * the decision boundary after each, and yields between chunks so a `stop` message is seen.
 */
import type { FromWorker, ToWorker } from './protocol.js';
import { createTrainer } from './trainer.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let run = 0; // a new `train` or a `stop` ends the run in progress

const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const current = ++run;
  if (message.type === 'stop') return;
  const { config } = message;
  try {
    const trainer = createTrainer(config);
    post({ type: 'dataset', points: trainer.points, bounds: trainer.bounds });
    let progress = { step: 0, loss: Number.NaN, accuracy: 0 };
    while (progress.step < config.steps) {
      progress = trainer.train(Math.min(config.reportEvery, config.steps - progress.step));
      const grid = trainer.boundary(config.gridSize);
      post({ type: 'progress', ...progress, grid }, [grid.buffer]);
      await yieldToMessages();
      if (run !== current) return post({ type: 'done', ...progress, stopped: true });
    }
    post({ type: 'done', ...progress, stopped: false });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
