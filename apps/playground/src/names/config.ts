/** Everything that defines one training run of the names page; the same config gives the same run. */
export interface NamesConfig {
  /** Width of the character embedding. */
  readonly embedding: number;
  /** GRU units. */
  readonly hidden: number;
  /** Adam's step size α. */
  readonly learningRate: number;
  /** Names per mini-batch. */
  readonly batchSize: number;
  /** Mini-batch steps to run. */
  readonly steps: number;
  /** Steps between two progress reports (loss point and fresh samples). */
  readonly reportEvery: number;
  /** Seeds the initial weights, the batch order and the samples. */
  readonly seed: number;
  /** Sampling temperature: below 1 sharpens the softmax, above 1 flattens it, 0 is greedy. */
  readonly temperature: number;
  /** Names sampled at each report. */
  readonly samples: number;
  /** A sampled name stops at this many characters if the model has not ended it. */
  readonly maxLength: number;
}

/** The names page's starting point: a 64-unit GRU, Adam, batches of 32 names. */
export const DEFAULT_NAMES_CONFIG: NamesConfig = {
  embedding: 16,
  hidden: 64,
  learningRate: 0.01,
  batchSize: 32,
  steps: 800,
  reportEvery: 20,
  seed: 1,
  temperature: 0.8,
  samples: 10,
  maxLength: 25,
};
