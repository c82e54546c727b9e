/**
 * @dlkit/embeddings — word embeddings: vocabularies and tokenizers, word2vec (skip-gram, CBOW,
 * negative sampling, hierarchical softmax) and GloVe training, similarity and analogies,
 * debiasing, PCA and t-SNE, word2vec/GloVe file formats, and embedding layers for `@dlkit/core`.
 * Browser-safe; file-reading parts live in `@dlkit/embeddings/node`.
 * @module @dlkit/embeddings
 */
export { whitespaceTokenize, lowercaseTokenize, punctuationTokenize, taggedTokenize, type TaggedTokenizeOptions, type Tokenizer } from './tokenize.js';
export { readLines, readSentences, type TextChunks } from './corpus.js';
export { Vocabulary, sampleFromCumulative, type VocabularyOptions } from './vocabulary.js';
export { WordVectors, type MostSimilarOptions, type Neighbour, type Query } from './word-vectors.js';
export type { AnalogiesResult, AnalogySection, EvaluateOptions, WordPairsResult } from './evaluate.js';
export { readWord2vec, toWord2vecBinary, toWord2vecText, type Word2vecBinaryWriteOptions, type Word2vecReadOptions } from './formats/word2vec.js';
export { readGlove, toGloveText } from './formats/glove.js';
export { biasDirection, debias, type DebiasOptions, type WordPair } from './debias.js';
export { equalize, neutralize, type EqualizeMethod } from './bias-projection.js';
export type { SentenceSource } from './corpus-ids.js';
export { trainWord2Vec, type Word2VecModel, type Word2VecOptions } from './word2vec.js';
export { pca, type PcaResult } from './pca.js';
export { huffmanTree, type HuffmanTree } from './huffman.js';
export { trainGlove, type GloveModel, type GloveOptions } from './glove.js';
export { tsne, type TsneOptions, type TsneResult } from './tsne/tsne.js';
export { trustworthiness } from './tsne/trustworthiness.js';
export { embeddingFrom, sentencesToIndices, type EmbeddingFromOptions } from './embedding-layer.js';
export { MeanEmbeddingClassifier } from './mean-embedding-classifier.js';
