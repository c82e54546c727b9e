/**
 * @dlkit/optim/node — the Node.js-only parts of @dlkit/optim (they use the file system):
 * atomic training checkpoints and the callbacks that write files.
 * @module @dlkit/optim/node
 */
export { saveTrainingCheckpoint, loadTrainingCheckpoint } from './training-checkpoint.js';
export { modelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';
export { csvLogger, type CsvLoggerOptions } from './csv-logger.js';
