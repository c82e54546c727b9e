import { readFileSync } from 'node:fs';
import { SerializationError } from '@dlkit/core';
import { writeFileAtomic } from '@dlkit/core/node';
import type { OptimizerStateDict } from '../optimizers/optimizer.js';
import { restoreTrainingState, serializeTrainingState, type RestoredTrainingState, type TrainingStateContents } from '../training/training-state.js';
import type { Trainable } from '../training/types.js';
import { ensureParentDir } from './parent-dir.js';

/**
 * Saves a model's weights and an optimizer's state to one safetensors file, atomically (a
 * temporary file, fsync, rename: a crash leaves the old file or the new one, never half).
 * Missing parent folders are created.
 * @example saveTrainingCheckpoint('run/last.safetensors', { model, optimizer, epoch: 5 });
 */
export function saveTrainingCheckpoint(path: string, contents: TrainingStateContents): void {
  const bytes = serializeTrainingState(contents);
  ensureParentDir(path);
  writeFileAtomic(path, bytes);
}

/**
 * Loads a file written by {@link saveTrainingCheckpoint} (or the `modelCheckpoint` callback) into
 * a model and optionally its optimizer, validating everything first. Returns the completed epoch
 * count to resume from.
 * @example
 * ```ts
 * const { epoch } = loadTrainingCheckpoint('run/last.safetensors', { model, optimizer });
 * fit(model, { …, optimizer, initialEpoch: epoch, epochs: 20, seed: 0 });
 * ```
 */
export function loadTrainingCheckpoint(path: string, target: { model: Trainable; optimizer?: { loadStateDict(state: OptimizerStateDict): void } }): RestoredTrainingState {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new SerializationError(`loadTrainingCheckpoint: cannot read '${path}': ${(error as Error).message}`);
  }
  return restoreTrainingState(bytes, target);
}
