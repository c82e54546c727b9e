import { binaryCrossEntropyWithLogits, manualSeed, nn, noGrad, sigmoid, tensor, type Tensor } from '@dlkit/core';
import { Adam, Momentum, RMSprop, SGD, l2Penalty, weightsOf, type Optimizer } from '@dlkit/optim';
import { PLANAR_DATASETS, type LabelledPoint } from '@dlkit/tour/planar-datasets';
import type { ActivationName, OptimizerName, TrainConfig } from './config.js';
import type { PlotBounds } from './protocol.js';

/** Loss and training-set accuracy after a number of steps. */
export interface TrainProgress {
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
}

/** A network being trained on one planar dataset, step by step (no DOM: it runs in a worker or in Node). */
export interface Trainer {
  readonly points: readonly LabelledPoint[];
  readonly bounds: PlotBounds;
  /** Runs `n` full-batch gradient steps; returns the cost of the last step and the accuracy after it. */
  train(n: number): TrainProgress;
  /** `P(y = 1)` on a `size × size` grid over {@link bounds}, row-major from the top-left (x1 right, x2 up). */
  boundary(size: number): Float32Array;
}

const ACTIVATIONS: Record<ActivationName, () => nn.Module> = {
  relu: () => new nn.ReLU(),
  tanh: () => new nn.Tanh(),
  sigmoid: () => new nn.Sigmoid(),
};

const OPTIMIZERS: Record<OptimizerName, (params: Tensor[], lr: number) => Optimizer> = {
  sgd: (params, lr) => new SGD(params, { lr }),
  momentum: (params, lr) => new Momentum(params, { lr }),
  rmsprop: (params, lr) => new RMSprop(params, { lr }),
  adam: (params, lr) => new Adam(params, { lr }),
};

/** The square holding every point with a 10% margin, so the boundary shows around the data. */
function boundsOf(points: readonly LabelledPoint[]): PlotBounds {
  const extent = Math.max(...points.map((p) => Math.max(Math.abs(p.x1), Math.abs(p.x2))));
  return { min: -1.1 * extent, max: 1.1 * extent };
}

/**
 * Builds the dataset and the network of `config` (seeded) and returns a {@link Trainer}: the
 * 2 → hidden… → 1 network trained on binary cross-entropy (from logits) plus the L2 penalty.
 * @example const trainer = createTrainer(DEFAULT_CONFIG); trainer.train(100).accuracy;
 */
export function createTrainer(config: TrainConfig): Trainer {
  const { X, Y, points } = PLANAR_DATASETS[config.dataset](config.seed);
  manualSeed(config.seed);
  const layers: nn.Module[] = [];
  let width = 2;
  for (const size of config.hidden) {
    layers.push(new nn.Linear(width, size), ACTIVATIONS[config.activation]());
    width = size;
  }
  layers.push(new nn.Linear(width, 1));
  const model = new nn.Sequential(...layers);
  const optimizer = OPTIMIZERS[config.optimizer](model.parameters(), config.learningRate);
  const m = X.shape[0]!;
  const bounds = boundsOf(points);
  let step = 0;

  const accuracyOf = (logits: Tensor): number => {
    const z = logits.dataSync();
    const y = Y.dataSync();
    let correct = 0;
    for (let i = 0; i < m; i++) if ((z[i]! > 0 ? 1 : 0) === y[i]) correct++;
    return correct / m;
  };

  return {
    points,
    bounds,
    train(n) {
      let loss = Number.NaN;
      for (let i = 0; i < n; i++) {
        let cost = binaryCrossEntropyWithLogits(model.forward(X), Y);
        if (config.l2 > 0) cost = cost.add(l2Penalty(weightsOf(model), { lambda: config.l2, m }));
        optimizer.zeroGrad();
        cost.backward();
        optimizer.step();
        loss = cost.item();
        step++;
      }
      return { step, loss, accuracy: accuracyOf(noGrad(() => model.forward(X))) };
    },
    boundary(size) {
      const cells: number[][] = [];
      for (let row = 0; row < size; row++) {
        const x2 = bounds.max - ((row + 0.5) * (bounds.max - bounds.min)) / size;
        for (let col = 0; col < size; col++) cells.push([bounds.min + ((col + 0.5) * (bounds.max - bounds.min)) / size, x2]);
      }
      return Float32Array.from(noGrad(() => sigmoid(model.forward(tensor(cells)))).dataSync());
    },
  };
}
