/** Everything that defines one training run of the attention page; the same config gives the same run. */
export interface AttentionConfig {
  /** Generated training dates (the tour's `generateDatePairs`, seed 5). */
  readonly trainPairs: number;
  /** Held-out dates the exact-match accuracy is measured on. */
  readonly heldOutPairs: number;
  /** Model width d_model. */
  readonly dModel: number;
  /** Attention heads; must divide `dModel`. */
  readonly heads: number;
  /** Encoder layers (the decoder has one). */
  readonly encoderLayers: number;
  /** Dates per mini-batch. */
  readonly batchSize: number;
  /** Adam's peak step size, reached after `warmup` steps, then cosine-annealed to 0 over the run. */
  readonly learningRate: number;
  /** Steps of linear warmup. */
  readonly warmup: number;
  /** Mini-batch steps to run. */
  readonly steps: number;
  /** Steps between two reports (loss point, accuracy, redrawn heatmap). */
  readonly reportEvery: number;
  /** Seeds the initial weights and the batch order. */
  readonly seed: number;
}

/** The attention page's starting point: a one-layer-each transformer small enough to learn in a browser in about 15 s. */
export const DEFAULT_ATTENTION_CONFIG: AttentionConfig = {
  trainPairs: 5000,
  heldOutPairs: 200,
  dModel: 24,
  heads: 2,
  encoderLayers: 1,
  batchSize: 32,
  learningRate: 0.02,
  warmup: 50,
  steps: 300,
  reportEvery: 25,
  seed: 1,
};

/** The date the page shows first. */
export const DEFAULT_DATE = 'saturday, march 15, 2022';
