/**
 * @dlkit/core/node — Node.js-only helpers (file system): atomic checkpoints.
 * @module @dlkit/core/node
 */
export { saveCheckpoint, loadCheckpoint, writeFileAtomic } from './checkpoint.js';
