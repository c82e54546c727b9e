import type { PlanarDatasetName } from '@dlkit/tour/planar-datasets';

/** The hidden-layer activations the playground offers. */
export type ActivationName = 'relu' | 'tanh' | 'sigmoid';
/** The optimizers the playground offers (all from `@dlkit/optim`). */
export type OptimizerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam';

/** Everything that defines one training run of the playground; the same config and seed give the same run. */
export interface TrainConfig {
  readonly dataset: PlanarDatasetName;
  /** Hidden layer sizes, e.g. `[8, 8]`; the output is one logit. */
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** L2 regularization strength λ (the course's `λ/2m·Σ‖W‖²`), 0 for none. */
  readonly l2: number;
  /** Seeds the dataset and the initial weights. */
  readonly seed: number;
  /** Full-batch gradient steps to run. */
  readonly steps: number;
  /** Steps between two progress reports (and boundary redraws). */
  readonly reportEvery: number;
  /** The decision boundary is sampled on a `gridSize × gridSize` grid. */
  readonly gridSize: number;
}

/** The playground's starting point: the course's flower with a 2-layer tanh network. */
export const DEFAULT_CONFIG: TrainConfig = {
  dataset: 'flower',
  hidden: [8, 8],
  activation: 'tanh',
  optimizer: 'adam',
  learningRate: 0.03,
  l2: 0,
  seed: 1,
  steps: 600,
  reportEvery: 20,
  gridSize: 48,
};
