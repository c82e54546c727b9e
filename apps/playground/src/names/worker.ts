/// <reference lib="webworker" />
/**
 * The names page's training worker: trains the character GRU in chunks of `reportEvery` steps,
 * posting the loss and fresh samples after each, and yields between chunks so `stop` and
 * `temperature` messages are seen.
 */
import { DINOSAUR_NAMES } from './dinosaurs.js';
import { useBackend } from '../shared/worker-backend.js';
import type { NameSamples, NamesFromWorker, NamesToWorker } from './protocol.js';
import { createNamesTrainer, type NamesTrainer } from './trainer.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const known = new Set(DINOSAUR_NAMES);
let run = 0; // a new `train` or a `stop` ends the run in progress
let superseded = false; // it was a new `train`: the old run ends without a word, so the page keeps showing the new one
let trainer: NamesTrainer | undefined;
let temperature = 1;
let seed = 1;
let step = 0;
let count = 10; // names per sample

const post = (message: NamesFromWorker): void => scope.postMessage(message);
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The same sample seed at every report, so the names change only as the model learns. */
function samplesNow(count: number): NameSamples {
  const names = trainer!.sample(count, temperature, seed).map((name) => ({ name, known: known.has(name) }));
  return { step, temperature, names };
}

scope.onmessage = async (event: MessageEvent<NamesToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'temperature') {
      temperature = message.temperature;
      if (trainer) post({ type: 'samples', samples: samplesNow(count) });
      return;
    }
    const current = ++run;
    superseded = message.type === 'train';
    if (message.type === 'stop') return;
    const { config } = message;
    useBackend(scope, message.backend);
    ({ temperature, seed } = config);
    count = config.samples;
    trainer = createNamesTrainer(DINOSAUR_NAMES, config);
    let progress = { step: 0, loss: Number.NaN };
    while (progress.step < config.steps) {
      progress = trainer.train(Math.min(config.reportEvery, config.steps - progress.step));
      step = progress.step;
      post({ type: 'progress', ...progress, samples: samplesNow(count) });
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
