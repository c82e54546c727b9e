/**
 * The attention page: trains a small date-translation transformer in a Web Worker, drawing the
 * loss curve, the held-out accuracy, and the decoder's cross-attention on a date the reader types.
 */
import type { CrossAttention } from '@dlkit/tour/date-translation';
import { drawLossCurve } from '../shared/loss-curve.js';
import { DEFAULT_ATTENTION_CONFIG, DEFAULT_DATE, type AttentionConfig } from './config.js';
import { drawAttention } from './heatmap.js';
import type { AttentionFromWorker, AttentionToWorker } from './protocol.js';
import { backendControl } from '../shared/backend-control.js';
import { element, formNumber } from '../shared/dom.js';

const form = element<HTMLFormElement>('controls');
const lossCurve = element<HTMLCanvasElement>('loss');
const heatmap = element<HTMLCanvasElement>('heatmap');
const status = element<HTMLOutputElement>('status');
const stop = element<HTMLButtonElement>('stop');
const date = element<HTMLInputElement>('date');
const caption = element<HTMLParagraphElement>('heatmap-caption');

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const backend = backendControl(form, worker, onMessage);
const send = (message: AttentionToWorker): void => worker.postMessage(message);
let losses: { step: number; loss: number }[] = [];
date.value = DEFAULT_DATE;

/** The config the controls describe; invalid numbers fall back to the defaults. */
function readConfig(): AttentionConfig {
  const data = new FormData(form);
  return {
    ...DEFAULT_ATTENTION_CONFIG,
    learningRate: formNumber(data, 'learningRate', DEFAULT_ATTENTION_CONFIG.learningRate),
    steps: formNumber(data, 'steps', DEFAULT_ATTENTION_CONFIG.steps),
    seed: formNumber(data, 'seed', DEFAULT_ATTENTION_CONFIG.seed),
  };
}

/** The typed date, lower-cased and cut to what the model's positions cover. */
const typed = (): string => (date.value.trim().toLowerCase() || DEFAULT_DATE).slice(0, 40);

function showAttention(step: number, attention: CrossAttention): void {
  drawAttention(heatmap, attention);
  const output = attention.output.join('');
  caption.textContent = `After step ${step}: "${attention.source.join('')}" → ${output}. Each row is a character it writes, each column a character it reads; darker is more attention (averaged over the heads).`;
  // The browser test reads these.
  document.body.dataset.translation = output;
  document.body.dataset.source = attention.source.join('');
  document.body.dataset.shownStep = String(step);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  losses = [];
  drawLossCurve(lossCurve, losses);
  status.value = 'training…';
  document.body.dataset.state = 'training';
  stop.disabled = false;
  send({ type: 'train', config: readConfig(), backend: await backend.prepare(), text: typed() });
});
stop.addEventListener('click', () => send({ type: 'stop' }));
date.addEventListener('change', () => send({ type: 'translate', text: typed() }));

function onMessage(message: AttentionFromWorker): void {
  if (message.type === 'progress') {
    losses.push({ step: message.step, loss: message.loss });
    drawLossCurve(lossCurve, losses);
    showAttention(message.step, message.attention);
    status.value = `step ${message.step} · loss ${message.loss.toFixed(3)} · ${(100 * message.accuracy).toFixed(1)}% of held-out dates exact`;
    document.body.dataset.accuracy = String(message.accuracy);
  } else if (message.type === 'attention') {
    showAttention(message.step, message.attention);
  } else if (message.type === 'done') {
    status.value = `${message.stopped ? 'stopped' : 'done'} at step ${message.step} · loss ${message.loss.toFixed(3)} · ${(100 * message.accuracy).toFixed(1)}% of held-out dates exact`;
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
