/**
 * The names page: trains a character-level GRU on dinosaur names in a Web Worker, drawing the
 * loss curve and listing freshly sampled names as it learns.
 */
import { drawLossCurve } from '../shared/loss-curve.js';
import { DEFAULT_NAMES_CONFIG, type NamesConfig } from './config.js';
import { DINOSAUR_NAMES } from './dinosaurs.js';
import type { NameSamples, NamesFromWorker, NamesToWorker } from './protocol.js';
import { backendControl } from '../shared/backend-control.js';
import { element, formNumber } from '../shared/dom.js';

const form = element<HTMLFormElement>('controls');
const lossCurve = element<HTMLCanvasElement>('loss');
const status = element<HTMLOutputElement>('status');
const stop = element<HTMLButtonElement>('stop');
const temperature = element<HTMLInputElement>('temperature');
const list = element<HTMLOListElement>('samples');
const caption = element<HTMLParagraphElement>('samples-caption');

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const backend = backendControl(form, worker, onMessage);
const send = (message: NamesToWorker): void => worker.postMessage(message);
let losses: { step: number; loss: number }[] = [];

element('about').textContent = `${DINOSAUR_NAMES.length} dinosaur names, e.g. ${DINOSAUR_NAMES.slice(0, 5).join(', ')}…`;

/** The config the controls describe; invalid numbers fall back to the defaults. */
function readConfig(): NamesConfig {
  const data = new FormData(form);
  return {
    ...DEFAULT_NAMES_CONFIG,
    hidden: formNumber(data, 'hidden', DEFAULT_NAMES_CONFIG.hidden),
    learningRate: formNumber(data, 'learningRate', DEFAULT_NAMES_CONFIG.learningRate),
    steps: formNumber(data, 'steps', DEFAULT_NAMES_CONFIG.steps),
    seed: formNumber(data, 'seed', DEFAULT_NAMES_CONFIG.seed),
    temperature: formNumber(data, 'temperature', DEFAULT_NAMES_CONFIG.temperature),
  };
}

function showSamples(samples: NameSamples): void {
  caption.textContent = `Sampled after step ${samples.step} at temperature ${samples.temperature} (a tick marks a name from the training list):`;
  list.replaceChildren(
    ...samples.names.map(({ name, known }) => {
      const item = document.createElement('li');
      item.textContent = (name.length > 0 ? name[0]!.toUpperCase() + name.slice(1) : '(empty)') + (known ? ' ✓' : '');
      return item;
    }),
  );
  // The browser test reads these.
  document.body.dataset.samples = JSON.stringify(samples.names.map((n) => n.name));
  document.body.dataset.sampleTemperature = String(samples.temperature);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  losses = [];
  drawLossCurve(lossCurve, losses);
  status.value = 'training…';
  document.body.dataset.state = 'training';
  stop.disabled = false;
  send({ type: 'train', config: readConfig(), backend: await backend.prepare() });
});
stop.addEventListener('click', () => send({ type: 'stop' }));
temperature.addEventListener('change', () => {
  const value = Number(temperature.value);
  if (Number.isFinite(value) && value >= 0) send({ type: 'temperature', temperature: value });
});

function onMessage(message: NamesFromWorker): void {
  if (message.type === 'progress') {
    losses.push({ step: message.step, loss: message.loss });
    drawLossCurve(lossCurve, losses);
    showSamples(message.samples);
    status.value = `step ${message.step} · loss ${message.loss.toFixed(3)} per character`;
  } else if (message.type === 'samples') {
    showSamples(message.samples);
  } else if (message.type === 'done') {
    status.value = `${message.stopped ? 'stopped' : 'done'} at step ${message.step} · loss ${message.loss.toFixed(3)} per character`;
    // The browser test waits for this attribute.
    document.body.dataset.state = message.stopped ? 'stopped' : 'done';
    document.body.dataset.firstLoss = String(losses[0]?.loss ?? Number.NaN);
    document.body.dataset.lastLoss = String(message.loss);
    stop.disabled = true;
  } else {
    status.value = `error: ${message.message}`;
    document.body.dataset.state = 'error';
  }
}
