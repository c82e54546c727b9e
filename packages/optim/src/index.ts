/**
 * @dlkit/optim — optimizers, learning-rate schedules, regularization and gradient clipping, the
 * training loop (`fit` and callbacks), data splitting/batching/normalization, hyperparameter
 * search and ML-strategy diagnostics. Browser-safe; file-writing parts live in `@dlkit/optim/node`.
 * @module @dlkit/optim
 */

// Optimizers
export {
  Optimizer, type BaseOptimizerOptions, type OptimizerStateDict, type ParamState, type ParamGroupState, type ParameterUpdate, type OptionValue,
} from './optimizers/optimizer.js';
export type { ParamGroup, Params, ResolvedGroup } from './optimizers/param-groups.js';
export { SGD, type SGDOptions, type SGDState } from './optimizers/sgd.js';
export { Momentum, type MomentumOptions, type MomentumState } from './optimizers/momentum.js';
export { RMSprop, type RMSpropOptions, type RMSpropState } from './optimizers/rmsprop.js';
export { Adam, type AdamOptions, type AdamState } from './optimizers/adam.js';
export { AdamW, type AdamWOptions } from './optimizers/adamw.js';
export { Adagrad, type AdagradOptions, type AdagradState } from './optimizers/adagrad.js';
export { ExponentiallyWeightedAverage, exponentiallyWeightedAverages, type EwaOptions } from './ewa.js';

// Learning-rate schedules
export { constant, type Schedule } from './schedules/schedule.js';
export {
  inverseTimeDecay, exponentialDecay, inverseSqrtDecay, stepDecay, piecewiseConstant,
  type InverseTimeDecayOptions, type ExponentialDecayOptions, type InverseSqrtDecayOptions, type StepDecayOptions, type PiecewiseConstantOptions,
} from './schedules/decay.js';
export { cosineDecay, type CosineDecayOptions } from './schedules/cosine.js';
export { linearWarmup, transformerSchedule, type LinearWarmupOptions, type TransformerScheduleOptions } from './schedules/warmup.js';
export { LRScheduler } from './schedules/lr-scheduler.js';

// Regularization and clipping
export { l2Penalty, l1Penalty, type PenaltyOptions } from './regularization/penalties.js';
export { weightsOf, weightDecayGroups, decoupledWeightDecay, type NamedParameters } from './regularization/weight-decay.js';
export { clipGradNorm, clipGradValue, type ClipGradNormOptions } from './regularization/clip-grad.js';

// Data
export { TensorDataset, type Dataset, type SupervisedData } from './data/dataset.js';
export type { BatchSource, StepData, TensorRecord } from './data/batch-source.js';
export { batchIndices, miniBatches, type BatchOptions } from './data/batches.js';
export { permutation } from './data/shuffle.js';
export {
  trainDevTestSplit, trainDevSplit, type TrainDevTestSplit, type TrainDevTestSplitOptions, type TrainDevSplitOptions,
} from './data/split.js';
export { Standardizer, standardize, type StandardizeOptions } from './data/standardize.js';
export { oneHot } from './data/one-hot.js';

// Training loop and callbacks
export {
  fit, fitAsync, type FitBaseOptions, type FitOptions, type StepFitOptions, type FitAsyncOptions, type StepFitAsyncOptions, type YieldOptions, type FitResult,
} from './training/fit.js';
export { evaluate, predict, type EvaluateOptions, type StepEvaluateOptions } from './training/evaluate.js';
export type { Model, Trainable, LossFn, MetricFn, Logs, StepFn, StepOutput } from './training/types.js';
export {
  serializeTrainingState, restoreTrainingState, type TrainingStateContents, type RestoredTrainingState,
} from './training/training-state.js';
export type { Callback, TrainingState } from './callbacks/callback.js';
export type { MonitorMode } from './callbacks/monitor.js';
export { earlyStopping, type EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export { lrScheduler, type LrSchedulerOptions } from './callbacks/lr-scheduler-callback.js';
export { reduceLrOnPlateau, type ReduceLrOnPlateau, type ReduceLrOnPlateauOptions } from './callbacks/reduce-lr-on-plateau.js';
export {
  ProgressBar, progressBar, formatDuration, type ProgressBarInit, type ProgressBarOptions, type ProgressDrawOptions, type ProgressStream,
} from './callbacks/progress-bar.js';

// Hyperparameter search
export { uniform, logUniform, oneMinusLogUniform, integer, choice, type Dimension } from './search/dimensions.js';
export { sampleConfiguration, gridConfigurations, type SearchSpace, type Configuration } from './search/space.js';
export { randomSearch, gridSearch, type Trial, type TrialOutcome, type TrialResult, type SearchOptions } from './search/search.js';

// ML-strategy diagnostics
export { diagnose, REMEDIES, type ErrorLevels, type Diagnosis, type Problem } from './diagnostics/diagnose.js';
export { tallyErrors, type TaggedError, type ErrorTally } from './diagnostics/error-analysis.js';
export { selectByMetrics, type MetricSelection, type SatisficingConstraint, type SelectionResult } from './diagnostics/metric-selection.js';
