/**
 * @dlkit/nlp-metrics — evaluation metrics for generated text, in pure TypeScript: BLEU
 * (sacreBLEU- and NLTK-compatible), chrF/chrF++, ROUGE-1/2/L, WER/CER with alignments, perplexity.
 *
 * @module @dlkit/nlp-metrics
 */
export { MetricInputError } from './errors.js';
export { SACREBLEU_VERSION } from './sacrebleu-version.js';

export { corpusBleu, sentenceBleu, type BleuScore } from './bleu/corpus-bleu.js';
export { BLEU_SMOOTHINGS, type BleuOptions, type BleuSmoothing } from './bleu/options.js';
export { BLEU_TOKENIZERS, tokenizeForBleu, type BleuTokenizer } from './bleu/tokenizers.js';

export { nltkCorpusBleu, nltkSentenceBleu, type NltkBleuScore } from './nltk/nltk-bleu.js';
export { NLTK_SMOOTHING_METHODS, type NltkBleuOptions, type NltkSmoothingMethod } from './nltk/options.js';

export { chrF, sentenceChrF, type ChrFScore } from './chrf/chrf.js';
export type { ChrFOptions } from './chrf/options.js';

export { corpusRouge, rouge, type RougeMeasure, type RougeOptions, type RougeScore, type RougeTokenizer } from './rouge.js';
export { cer, wer, type ErrorRate } from './error-rate.js';
export type { AlignmentStep } from './edit-alignment.js';
export { perplexity, type PerplexityOptions } from './perplexity.js';
