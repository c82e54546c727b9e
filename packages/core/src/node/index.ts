/**
 * @dlkit/core/node — Node.js-only helpers (file system): atomic checkpoints.
 * @packageDocumentation
 */
export { saveCheckpoint, loadCheckpoint, writeFileAtomic } from './checkpoint.js';
