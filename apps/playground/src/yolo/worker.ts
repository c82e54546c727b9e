/// <reference lib="webworker" />
/**
 * The YOLO page's training worker: trains the tour's shape YOLO in chunks of `reportEvery` steps,
 * posting the loss, the held-out mAP and the shown scenes' detections after each, and yields
 * between chunks so a `stop` (or a new `train`) is seen.
 */
import { useBackend } from '../shared/worker-backend.js';
import type { YoloFromWorker, YoloToWorker } from './protocol.js';
import { createYoloTrainer } from './trainer.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let run = 0; // a new `train` or a `stop` ends the run in progress
let superseded = false; // it was a new `train`: the old run ends without a word, so the page keeps showing the new one

const post = (message: YoloFromWorker): void => scope.postMessage(message);
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

scope.onmessage = async (event: MessageEvent<YoloToWorker>) => {
  const message = event.data;
  try {
    const current = ++run;
    superseded = message.type === 'train';
    if (message.type === 'stop') return;
    const { config } = message;
    useBackend(scope, message.backend);
    const trainer = createYoloTrainer(config);
    post({ type: 'started', shown: trainer.shown, anchors: trainer.yolo.anchors });
    let progress = { step: 0, loss: Number.NaN };
    let evaluation = trainer.evaluate();
    post({ type: 'progress', ...progress, ...evaluation });
    while (progress.step < config.steps) {
      await yieldToMessages();
      if (run !== current) {
        if (!superseded) post({ type: 'done', ...progress, map: evaluation.map, stopped: true });
        return;
      }
      progress = trainer.train(config.reportEvery);
      evaluation = trainer.evaluate();
      post({ type: 'progress', ...progress, ...evaluation });
    }
    post({ type: 'done', ...progress, map: evaluation.map, stopped: false });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
