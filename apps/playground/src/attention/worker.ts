/// <reference lib="webworker" />
/**
 * The attention page's training worker: trains the date transformer in chunks of `reportEvery`
 * steps, posting the loss, the held-out accuracy and the cross-attention on the page's date after
 * each, and yields between chunks so `stop` and `translate` messages are seen.
 */
import { useBackend } from '../shared/worker-backend.js';
import type { AttentionFromWorker, AttentionToWorker } from './protocol.js';
import { createDateTrainer, type DateTrainer } from './trainer.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let run = 0; // a new `train` or a `stop` ends the run in progress
let superseded = false; // it was a new `train`: the old run ends without a word, so the page keeps showing the new one
let trainer: DateTrainer | undefined;
let text = '';
let step = 0;

const post = (message: AttentionFromWorker): void => scope.postMessage(message);
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

scope.onmessage = async (event: MessageEvent<AttentionToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'translate') {
      text = message.text;
      if (trainer) post({ type: 'attention', step, attention: trainer.translate(text) });
      return;
    }
    const current = ++run;
    superseded = message.type === 'train';
    if (message.type === 'stop') return;
    const { config } = message;
    useBackend(scope, message.backend);
    text = message.text;
    trainer = createDateTrainer(config);
    step = 0;
    let progress = { step: 0, loss: Number.NaN };
    let accuracy = 0;
    while (progress.step < config.steps) {
      progress = trainer.train(config.reportEvery);
      step = progress.step;
      accuracy = trainer.accuracy();
      post({ type: 'progress', ...progress, accuracy, attention: trainer.translate(text) });
      await yieldToMessages();
      if (run !== current) {
        if (!superseded) post({ type: 'done', ...progress, accuracy, stopped: true });
        return;
      }
    }
    post({ type: 'done', ...progress, accuracy, stopped: false });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
