export { whitespaceTokenize, lowercaseTokenize, punctuationTokenize, type Tokenizer } from './tokenize.js';
export { readLines, readSentences, type TextChunks } from './corpus.js';
export { Vocabulary, sampleFromCumulative, type VocabularyOptions } from './vocabulary.js';
export { WordVectors, type MostSimilarOptions, type Neighbour, type Query } from './word-vectors.js';
export type { AnalogiesResult, AnalogySection, EvaluateOptions, WordPairsResult } from './evaluate.js';
export { readWord2vec, toWord2vecBinary, toWord2vecText, type Word2vecBinaryWriteOptions, type Word2vecReadOptions } from './formats/word2vec.js';
export { readGlove, toGloveText } from './formats/glove.js';
export { biasDirection, debias, equalize, neutralize, type DebiasOptions, type EqualizeMethod, type WordPair } from './debias.js';
