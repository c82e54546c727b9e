import { loadSafetensors, saveSafetensors, SerializationError, Tensor, DlkitError } from '@dlkit/core';
import type { OptimizerStateDict, ParamGroupState, ParamState } from '../optimizers/optimizer.js';
import { snapshotState } from './snapshot.js';
import type { Logs, Trainable } from './types.js';

const FORMAT = 'dlkit-training-state';
const VERSION = '1';
const MODEL_PREFIX = 'model.';
const OPTIMIZER_PREFIX = 'optimizer.';

/** What {@link serializeTrainingState} stores. */
export interface TrainingStateContents {
  /** The model whose parameters and buffers are saved. */
  model: Trainable;
  /** The optimizer whose state dict is saved (omit to save the model only). */
  optimizer?: {
    /** The optimizer's state (moments, step counts, hyperparameters) to save. */
    stateDict(): OptimizerStateDict;
  };
  /** Epochs completed, the `initialEpoch` to resume with (default 0). */
  epoch?: number;
  /** Logs to keep beside, e.g. the last epoch's. */
  logs?: Logs;
  /** Extra string metadata. */
  metadata?: Record<string, string>;
}

/** What {@link restoreTrainingState} read back. */
export interface RestoredTrainingState {
  /** Epochs completed when saved: pass it to `fit` as `initialEpoch`. */
  epoch: number;
  /** The logs saved with it. */
  logs: Logs;
  /** The extra metadata saved with it. */
  metadata: Record<string, string>;
}

/**
 * A model's weights and an optimizer's state in one safetensors file (bytes; no file system, so
 * it also works in browsers). Tensors are named `model.<name>` and
 * `optimizer.<param index>.<state name>`; options and step counts go to the metadata as JSON.
 * Readers of safetensors (PyTorch, Hugging Face) can open it.
 * @example const bytes = serializeTrainingState({ model, optimizer, epoch: 5 });
 */
export function serializeTrainingState(contents: TrainingStateContents): Uint8Array {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(contents.model.stateDict())) tensors[MODEL_PREFIX + name] = t;
  const metadata: Record<string, string> = {
    ...(contents.metadata ?? {}),
    format: FORMAT,
    version: VERSION,
    epoch: String(contents.epoch ?? 0),
    logs: JSON.stringify(contents.logs ?? {}),
  };
  let copies: Tensor[] = [];
  if (contents.optimizer) {
    const { state, paramGroups } = contents.optimizer.stateDict();
    copies = Object.values(state).flatMap((entry) => Object.values(entry).filter((v): v is Tensor => v instanceof Tensor));
    const numbers: Record<string, Record<string, number>> = {};
    for (const [index, entry] of Object.entries(state)) {
      for (const [name, value] of Object.entries(entry)) {
        if (value instanceof Tensor) tensors[`${OPTIMIZER_PREFIX}${index}.${name}`] = value;
        else (numbers[index] ??= {})[name] = value;
      }
    }
    metadata.optimizer = JSON.stringify({ paramGroups, numbers, indices: Object.keys(state) });
  }
  const bytes = saveSafetensors(tensors, metadata);
  for (const t of copies) t.dispose(); // stateDict() made them for us alone
  return bytes;
}

function parseJson<T>(text: string | undefined, what: string): T {
  try {
    return JSON.parse(text ?? '') as T;
  } catch {
    throw new SerializationError(`restoreTrainingState: the ${what} metadata is not valid JSON`);
  }
}

/**
 * Loads bytes from {@link serializeTrainingState} into a model and, when given, an optimizer
 * built over the same parameters. Everything is validated before the model changes; if the
 * optimizer then refuses its state, the model is put back, so a bad file changes nothing.
 * @example const { epoch } = restoreTrainingState(bytes, { model, optimizer }); fit(model, { …, initialEpoch: epoch });
 */
export function restoreTrainingState(bytes: Uint8Array, target: { model: Trainable; optimizer?: { loadStateDict(state: OptimizerStateDict): void } }): RestoredTrainingState {
  const { tensors, metadata } = loadSafetensors(bytes);
  if (metadata.format !== FORMAT) throw new SerializationError(`restoreTrainingState: not a training state (format '${metadata.format ?? 'missing'}', expected '${FORMAT}')`);
  const modelState: Record<string, Tensor> = {};
  const optimizerTensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (name.startsWith(MODEL_PREFIX)) modelState[name.slice(MODEL_PREFIX.length)] = t;
    else if (name.startsWith(OPTIMIZER_PREFIX)) optimizerTensors[name.slice(OPTIMIZER_PREFIX.length)] = t;
    else throw new SerializationError(`restoreTrainingState: unexpected tensor '${name}'`);
  }
  let optimizerState: OptimizerStateDict | null = null;
  if (target.optimizer) {
    if (metadata.optimizer === undefined) throw new SerializationError('restoreTrainingState: the file holds no optimizer state (it was saved without one)');
    const saved = parseJson<{ paramGroups: ParamGroupState[]; numbers: Record<string, Record<string, number>>; indices: string[] }>(metadata.optimizer, 'optimizer');
    const state: Record<number, ParamState> = {};
    for (const index of saved.indices) state[Number(index)] = { ...(saved.numbers[index] ?? {}) };
    for (const [key, t] of Object.entries(optimizerTensors)) {
      const dot = key.indexOf('.');
      const entry = state[Number(key.slice(0, dot))];
      if (dot < 0 || !entry) throw new SerializationError(`restoreTrainingState: optimizer tensor '${key}' belongs to no saved parameter`);
      entry[key.slice(dot + 1)] = t;
    }
    optimizerState = { state, paramGroups: saved.paramGroups };
  }
  const before = optimizerState ? snapshotState(target.model) : null;
  try {
    target.model.loadStateDict(modelState);
  } catch (error) {
    throw error instanceof DlkitError ? new SerializationError(`restoreTrainingState: the saved weights do not fit the model: ${error.message}`) : error;
  }
  if (optimizerState && target.optimizer) {
    try {
      target.optimizer.loadStateDict(optimizerState);
    } catch (error) {
      target.model.loadStateDict(before!);
      for (const t of Object.values(before!)) t.dispose();
      throw error instanceof DlkitError ? new SerializationError(`restoreTrainingState: the saved optimizer state does not fit the optimizer: ${error.message}`) : error;
    }
  }
  for (const t of Object.values(before ?? {})) t.dispose();
  for (const t of Object.values(tensors)) t.dispose();
  const { format: _f, version: _v, epoch, logs, optimizer: _o, ...rest } = metadata;
  const epochNumber = Number(epoch ?? '0');
  if (!Number.isInteger(epochNumber) || epochNumber < 0) throw new SerializationError(`restoreTrainingState: bad epoch '${epoch}'`);
  return { epoch: epochNumber, logs: parseJson<Logs>(logs ?? '{}', 'logs'), metadata: rest };
}
