/**
 * @dlkit/embeddings/node — the Node.js-only parts of @dlkit/embeddings (they read files): the
 * Brown corpus's file list and a reader of tagged-sentence files.
 * @module @dlkit/embeddings/node
 */
export { brownCorpusFiles, type BrownCorpusOptions } from './brown-corpus.js';
export { readTaggedSentences } from './tagged-sentences.js';
