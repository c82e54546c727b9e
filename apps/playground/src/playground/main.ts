/**
 * The playground page: reads the controls into a {@link TrainConfig}, runs it in the training
 * worker, and redraws the loss curve and the decision boundary as progress arrives.
 */
import type { PlanarDatasetName } from '@dlkit/tour/planar-datasets';
import { DEFAULT_CONFIG, type ActivationName, type OptimizerName, type TrainConfig } from './config.js';
import { drawLossCurve } from '../shared/loss-curve.js';
import { drawBoundary, drawPoints } from './draw.js';
import type { FromWorker, PlotBounds, ToWorker } from './protocol.js';
import { backendControl } from '../shared/backend-control.js';
import { element, formNumber } from '../shared/dom.js';

const form = element<HTMLFormElement>('controls');
const boundary = element<HTMLCanvasElement>('boundary');
const lossCurve = element<HTMLCanvasElement>('loss');
const status = element<HTMLOutputElement>('status');
const stop = element<HTMLButtonElement>('stop');

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const backend = backendControl(form, worker, onMessage);
const send = (message: ToWorker): void => worker.postMessage(message);

let losses: { step: number; loss: number }[] = [];
let points: Extract<FromWorker, { type: 'dataset' }>['points'] = [];
let bounds: PlotBounds = { min: -1, max: 1 };

/** The config the controls describe; invalid numbers fall back to the defaults. */
function readConfig(): TrainConfig {
  const data = new FormData(form);
  const hidden = String(data.get('hidden') ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return {
    ...DEFAULT_CONFIG,
    dataset: String(data.get('dataset')) as PlanarDatasetName,
    hidden: hidden.length > 0 ? hidden : DEFAULT_CONFIG.hidden,
    activation: String(data.get('activation')) as ActivationName,
    optimizer: String(data.get('optimizer')) as OptimizerName,
    learningRate: formNumber(data, 'learningRate', DEFAULT_CONFIG.learningRate),
    l2: formNumber(data, 'l2', DEFAULT_CONFIG.l2),
    seed: formNumber(data, 'seed', DEFAULT_CONFIG.seed),
    steps: formNumber(data, 'steps', DEFAULT_CONFIG.steps),
  };
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

function onMessage(message: FromWorker): void {
  if (message.type === 'dataset') {
    ({ points, bounds } = message);
    const context = boundary.getContext('2d')!;
    context.fillStyle = 'white';
    context.fillRect(0, 0, boundary.width, boundary.height);
    drawPoints(context, boundary, points, bounds);
  } else if (message.type === 'progress') {
    losses.push({ step: message.step, loss: message.loss });
    drawLossCurve(lossCurve, losses);
    drawBoundary(boundary, message.grid, Math.round(Math.sqrt(message.grid.length)), points, bounds);
    status.value = `step ${message.step} · cost ${message.loss.toFixed(4)} · accuracy ${(100 * message.accuracy).toFixed(1)}%`;
  } else if (message.type === 'done') {
    status.value = `${message.stopped ? 'stopped' : 'done'} at step ${message.step} · cost ${message.loss.toFixed(4)} · accuracy ${(100 * message.accuracy).toFixed(1)}%`;
    // The browser test waits for this attribute.
    document.body.dataset.state = message.stopped ? 'stopped' : 'done';
    document.body.dataset.accuracy = String(message.accuracy);
    document.body.dataset.firstLoss = String(losses[0]?.loss ?? Number.NaN);
    document.body.dataset.lastLoss = String(message.loss);
    stop.disabled = true;
  } else {
    status.value = `error: ${message.message}`;
    document.body.dataset.state = 'error';
  }
}
