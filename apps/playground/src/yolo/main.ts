/**
 * The YOLO page: trains the tour's small shape YOLO in a Web Worker, drawing the loss curve, the
 * held-out mAP@0.5 and a few held-out scenes with their predicted boxes beside the ground truth.
 */
import type { Detection } from '@dlkit/detection';
import { SHAPE_CLASSES, type ShapeScene } from '@dlkit/tour/shape-scenes';
import { drawLossCurve } from '../shared/loss-curve.js';
import { DEFAULT_SCORE_THRESHOLD, DEFAULT_YOLO_CONFIG, YOLO_SCENE, type YoloPageConfig } from './config.js';
import { classColour, drawScenes } from './draw.js';
import type { YoloFromWorker, YoloToWorker } from './protocol.js';
import { backendControl } from '../shared/backend-control.js';
import { element, formNumber } from '../shared/dom.js';

const form = element<HTMLFormElement>('controls');
const lossCurve = element<HTMLCanvasElement>('loss');
const truthCanvas = element<HTMLCanvasElement>('truth');
const predictedCanvas = element<HTMLCanvasElement>('predicted');
const status = element<HTMLOutputElement>('status');
const stop = element<HTMLButtonElement>('stop');
const threshold = element<HTMLInputElement>('threshold');
const caption = element<HTMLParagraphElement>('predicted-caption');

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const backend = backendControl(form, worker, onMessage);
const send = (message: YoloToWorker): void => worker.postMessage(message);
let losses: { step: number; loss: number }[] = [];
let shown: readonly ShapeScene[] = [];
let latest: { step: number; detections: readonly (readonly Detection[])[] } | undefined;

element('legend').replaceChildren(
  ...SHAPE_CLASSES.map((name, label) => {
    const item = document.createElement('span');
    item.textContent = `■ ${name}`;
    item.style.color = classColour(label);
    item.style.marginRight = '1rem';
    return item;
  }),
);

/** The config the controls describe; invalid numbers fall back to the defaults. */
function readConfig(): YoloPageConfig {
  const data = new FormData(form);
  return {
    ...DEFAULT_YOLO_CONFIG,
    learningRate: formNumber(data, 'learningRate', DEFAULT_YOLO_CONFIG.learningRate),
    steps: formNumber(data, 'steps', DEFAULT_YOLO_CONFIG.steps),
    reportEvery: Math.max(1, formNumber(data, 'reportEvery', DEFAULT_YOLO_CONFIG.reportEvery)),
    seed: formNumber(data, 'seed', DEFAULT_YOLO_CONFIG.seed),
  };
}

/** Redraws the latest detections that score at least the threshold field's value. */
function showDetections(): void {
  if (!latest) return;
  const value = Number(threshold.value);
  const minimum = Number.isFinite(value) ? value : DEFAULT_SCORE_THRESHOLD;
  const kept = latest.detections.map((list) => list.filter((d) => d.score >= minimum).map((d) => ({ box: d.box, label: Number(d.label), score: d.score })));
  drawScenes(predictedCanvas, shown, kept);
  const count = kept.reduce((sum, list) => sum + list.length, 0);
  caption.textContent = `Predicted after step ${latest.step}: ${count} box${count === 1 ? '' : 'es'} after NMS scoring ≥ ${minimum}`;
  // The browser test reads these.
  document.body.dataset.boxes = String(count);
  document.body.dataset.shownStep = String(latest.step);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  losses = [];
  latest = undefined;
  drawLossCurve(lossCurve, losses);
  status.value = 'generating scenes…';
  document.body.dataset.state = 'training';
  stop.disabled = false;
  send({ type: 'train', config: readConfig(), backend: await backend.prepare() });
});
stop.addEventListener('click', () => send({ type: 'stop' }));
threshold.addEventListener('input', showDetections);

function onMessage(message: YoloFromWorker): void {
  if (message.type === 'started') {
    shown = message.shown;
    drawScenes(truthCanvas, shown, shown.map((s) => s.objects));
    const pixels = message.anchors.map(([w, h]) => `${(w * YOLO_SCENE.side).toFixed(1)}×${(h * YOLO_SCENE.side).toFixed(1)}`);
    element('anchors').textContent = `Anchors from k-means on the training boxes: ${pixels.join(', ')} pixels.`;
  } else if (message.type === 'progress') {
    if (message.step > 0) losses.push({ step: message.step, loss: message.loss });
    drawLossCurve(lossCurve, losses);
    latest = message;
    showDetections();
    status.value = message.step === 0 ? `step 0 · mAP@0.5 ${message.map.toFixed(3)}` : `step ${message.step} · loss ${message.loss.toFixed(3)} · mAP@0.5 ${message.map.toFixed(3)}`;
    document.body.dataset.map = String(message.map);
    if (message.step === 0) document.body.dataset.firstMap = String(message.map);
  } else if (message.type === 'done') {
    status.value = `${message.stopped ? 'stopped' : 'done'} at step ${message.step} · loss ${message.loss.toFixed(3)} · mAP@0.5 ${message.map.toFixed(3)}`;
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
