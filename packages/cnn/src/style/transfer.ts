import { add, clip, noGrad, rand, tensor, ValueError, type Tensor } from '@dlkit/core';
import type { FeatureExtractor } from './extractor.js';
import { contentCost, styleCost, totalCost } from './costs.js';

/** What {@link styleTransfer} needs of an optimizer: optim's `Adam`, `SGD`, … fit it. */
export interface ImageOptimizer {
  /** Clears the generated image's gradient before each step's backward pass. */
  zeroGrad(): void;
  /** Updates the generated image from its gradient. */
  step(): void;
}

/** The costs of one step of {@link styleTransfer}, before that step's update. */
export interface StyleTransferStep {
  /** 1 … steps. */
  readonly step: number;
  /** `J(G) = α·content + β·style`. */
  readonly total: number;
  /** The content cost `J_content(C, G)`, unweighted. */
  readonly content: number;
  /** The style cost `J_style(S, G)`: the λ-weighted sum over the style layers, before β. */
  readonly style: number;
}

/** Options of {@link styleTransfer}. */
export interface StyleTransferOptions {
  /** The content image `C`, `[1, nH, nW, nC]`. */
  content: Tensor;
  /** The style image `S`, `[1, nH', nW', nC]` (any size the extractor accepts). */
  style: Tensor;
  /** Activations by layer name, e.g. {@link featureExtractor}`(vgg19, [...])`; must return every layer in `layers`. */
  extractor: FeatureExtractor | ((x: Tensor) => Record<string, Tensor>);
  /** The content layer's name and the style layers' weights λ (e.g. 0.2 each for five layers). */
  layers: {
    /** Name of the content layer, whose activations `a_C` the content cost compares. */
    content: string;
    /** Style layer name → its weight λ in the style cost. */
    style: Readonly<Record<string, number>>;
  };
  /** Weight of the content cost (default 10, the course's). */
  alpha?: number;
  /** Weight of the style cost (default 40, the course's). */
  beta?: number;
  /** Gradient steps on the generated image (default 200). */
  steps?: number;
  /** Builds the optimizer over `[generated]`, e.g. `(p) => new Adam(p, { lr: 0.01 })`. */
  optimizer: (params: Tensor[]) => ImageOptimizer;
  /** Initial noise: `G = clip(C + U(−noise, noise), range)` (default 0.25, the lab's). */
  noise?: number;
  /** Pixel range the image is clipped to after each step (default `[0, 1]`); null for none. */
  range?: readonly [number, number] | null;
  /** Seed of the initial noise (default 0). */
  seed?: number;
  /** Progress: called after each step's cost is computed. */
  onStep?: (info: StyleTransferStep) => void;
}

/** What {@link styleTransfer} returns. */
export interface StyleTransferResult {
  /** The generated image `[1, nH, nW, nC]` after the last step (detached). */
  readonly image: Tensor;
  /** The costs of every step. */
  readonly history: readonly StyleTransferStep[];
}

/**
 * Neural style transfer (Gatys et al. 2015) as the course's lab runs it: the target activations
 * `a_C` (content layer) and `a_S` (style layers) are computed once; the generated image starts
 * as the content image plus uniform noise and is itself the parameter optimized to minimize
 * `J(G) = α·J_content + β·J_style` ({@link contentCost}, {@link styleCost}), clipped to the
 * pixel range after each step. The network's weights never change: `freeze()` its model first,
 * so backward skips their gradients (the lab's `trainable = False`).
 *
 * @example
 * ```ts
 * const { image, history } = styleTransfer({
 *   content, style, extractor: featureExtractor(net, ['features.1', 'features.3']),
 *   layers: { content: 'features.3', style: { 'features.1': 0.5, 'features.3': 0.5 } },
 *   steps: 100, optimizer: (p) => new Adam(p, { lr: 0.02 }),
 * });
 * ```
 */
export function styleTransfer(options: StyleTransferOptions): StyleTransferResult {
  const { content, style, extractor, layers, alpha = 10, beta = 40, steps = 200, noise = 0.25, seed = 0, onStep } = options;
  const range = options.range === undefined ? ([0, 1] as const) : options.range;
  if (!Number.isInteger(steps) || steps < 1) throw new ValueError(`styleTransfer: steps must be a positive integer, got ${steps}`);
  if (!(noise >= 0)) throw new ValueError(`styleTransfer: noise must be non-negative, got ${noise}`);
  if (range && !(range[0] < range[1])) throw new ValueError(`styleTransfer: range must be [low, high] with low < high, got [${range.join(', ')}]`);
  const styleNames = Object.keys(layers.style);
  const targets = noGrad(() => {
    const fromContent = extractor(content);
    const fromStyle = extractor(style);
    const aC = fromContent[layers.content];
    if (!aC) throw new ValueError(`styleTransfer: the extractor returns no content layer ${JSON.stringify(layers.content)} (has ${JSON.stringify(Object.keys(fromContent))})`);
    const aS: Record<string, Tensor> = {};
    for (const name of styleNames) {
      if (!fromStyle[name]) throw new ValueError(`styleTransfer: the extractor returns no style layer ${JSON.stringify(name)} (has ${JSON.stringify(Object.keys(fromStyle))})`);
      aS[name] = fromStyle[name]!;
    }
    return { aC, aS };
  });
  const keepInRange = (x: Tensor): Tensor => (range ? clip(x, range[0], range[1]) : x);
  const start = noGrad(() => keepInRange(add(content, rand([...content.shape], { low: -noise, high: noise, dtype: content.dtype, seed }))));
  const generated = tensor(start.dataSync(), { shape: [...content.shape], dtype: content.dtype, requiresGrad: true });
  const optimizer = options.optimizer([generated]);
  const history: StyleTransferStep[] = [];
  for (let step = 1; step <= steps; step++) {
    optimizer.zeroGrad();
    const features = extractor(generated);
    const jContent = contentCost(targets.aC, features[layers.content]!);
    const jStyle = styleCost(targets.aS, features, layers.style);
    const j = totalCost(jContent, jStyle, alpha, beta);
    j.backward();
    optimizer.step();
    if (range) noGrad(() => generated.assign(keepInRange(generated)));
    const info: StyleTransferStep = { step, total: j.item(), content: jContent.item(), style: jStyle.item() };
    history.push(info);
    onStep?.(info);
  }
  return { image: generated.detach(), history };
}
