import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DlkitError, SerializationError } from '@dlkit/core';
import { loadSafetensors, saveSafetensors, type SaveSafetensorsOptions } from '@dlkit/core';
import type { nn } from '@dlkit/core';

/**
 * Writes `bytes` to `path` atomically: a temporary file beside it, fsync, then rename over the
 * target. A crash at any point leaves either the old file or the new one, never half of one.
 * Missing parent folders are created first (like `mkdir -p`).
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temporary, 'w');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  // Persist the rename itself (POSIX); directories cannot be fsynced on every platform.
  try {
    const dir = openSync(dirname(path), 'r');
    try { fsyncSync(dir); } finally { closeSync(dir); }
  } catch {
    // best effort
  }
}

/**
 * Saves a module's state dict to a safetensors file, atomically, creating missing parent folders;
 * `options.dtype` stores its float tensors as F16 or BF16 (see `saveSafetensors`).
 * @example saveCheckpoint('model.safetensors', model, { epoch: '10' });
 */
export function saveCheckpoint(
  path: string,
  module: nn.Module<unknown[], unknown>,
  metadata: Record<string, string> = {},
  options: SaveSafetensorsOptions = {},
): void {
  writeFileAtomic(path, saveSafetensors(module.stateDict(), metadata, options));
}

/**
 * Loads a safetensors file into a module. The file is validated (header, offsets, sizes, dtypes)
 * and matched against the module's names and shapes before any parameter changes, so a bad file
 * leaves the module as it was. Returns the file's metadata.
 * @example loadCheckpoint('model.safetensors', model);
 */
export function loadCheckpoint(path: string, module: nn.Module<unknown[], unknown>, options: { strict?: boolean } = {}): Record<string, string> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new SerializationError(`loadCheckpoint: cannot read '${path}': ${(error as Error).message}`);
  }
  let contents: ReturnType<typeof loadSafetensors>;
  try {
    contents = loadSafetensors(bytes);
  } catch (error) {
    throw error instanceof SerializationError ? new SerializationError(`loadCheckpoint: '${path}' is not a valid safetensors file: ${error.message}`) : error;
  }
  const { tensors, metadata } = contents;
  try {
    module.loadStateDict(tensors, options);
  } catch (error) {
    throw error instanceof DlkitError ? new SerializationError(`loadCheckpoint: '${path}' does not fit the module: ${error.message}`) : error;
  }
  return metadata;
}
