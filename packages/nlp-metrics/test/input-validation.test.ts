import { describe, expect, it } from 'vitest';
import {
  cer,
  chrF,
  corpusBleu,
  corpusRouge,
  MetricInputError,
  nltkCorpusBleu,
  nltkSentenceBleu,
  perplexity,
  rouge,
  sentenceBleu,
  sentenceChrF,
  tokenizeForBleu,
  wer,
} from '@dlkit/nlp-metrics';

/** Calls `fn` with input its types forbid, as a JavaScript caller could. */
const untyped = <T>(value: unknown): T => value as T;

function expectInputError(call: () => unknown, functionName: string, message: RegExp): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MetricInputError);
  const error = caught as MetricInputError;
  expect(error.functionName).toBe(functionName);
  expect(error.message.startsWith(`${functionName}: `)).toBe(true);
  expect(error.message).toMatch(message);
}

describe('bad input raises MetricInputError naming the function, what it got and what it expected', () => {
  it('corpusBleu and sentenceBleu', () => {
    expectInputError(() => corpusBleu([], []), 'corpusBleu', /hypotheses must hold at least one string/);
    expectInputError(() => corpusBleu(['a', 'b'], [['a']]), 'corpusBleu', /one entry of references per hypothesis \(2\), got 1/);
    expectInputError(() => corpusBleu(['a'], [[]]), 'corpusBleu', /references\[0\] must hold at least one string/);
    expectInputError(() => corpusBleu(['a', untyped(3)], [['a'], ['b']]), 'corpusBleu', /hypotheses\[1\] must be a string, got number 3/);
    expectInputError(() => corpusBleu(untyped('a cat'), [['a cat']]), 'corpusBleu', /hypotheses must be an array of strings, got string "a cat"/);
    expectInputError(() => corpusBleu(['a'], untyped([['a', null]])), 'corpusBleu', /references\[0\]\[1\] must be a string, got null/);
    expectInputError(() => sentenceBleu('a', untyped('a')), 'sentenceBleu', /references must be an array of strings/);
    expectInputError(() => sentenceBleu(untyped(undefined), ['a']), 'sentenceBleu', /hypothesis must be a string, got undefined/);
    expectInputError(() => sentenceBleu('a', ['a'], { tokenize: untyped('zh') }), 'sentenceBleu', /options.tokenize must be one of "13a", "intl", "char", "none", got string "zh"/);
    expectInputError(() => sentenceBleu('a', ['a'], { smooth: untyped('add-one') }), 'sentenceBleu', /options.smooth/);
    expectInputError(() => sentenceBleu('a', ['a'], { smoothValue: -1 }), 'sentenceBleu', /options.smoothValue must be a finite number >= 0/);
    expectInputError(() => sentenceBleu('a', ['a'], { smoothValue: Number.NaN }), 'sentenceBleu', /options.smoothValue/);
    expectInputError(() => sentenceBleu('a', ['a'], { maxNgramOrder: 0 }), 'sentenceBleu', /options.maxNgramOrder must be an integer >= 1, got number 0/);
    expectInputError(() => sentenceBleu('a', ['a'], { maxNgramOrder: 2.5 }), 'sentenceBleu', /maxNgramOrder/);
    expectInputError(() => sentenceBleu('a', ['a'], untyped(null)), 'sentenceBleu', /options must be an object, got null/);
    expectInputError(() => sentenceBleu('a', ['a'], { lowercase: untyped('yes') }), 'sentenceBleu', /options.lowercase must be a boolean/);
    expectInputError(() => tokenizeForBleu('a', untyped('moses')), 'tokenizeForBleu', /tokenizer must be one of/);
  });

  it('nltkCorpusBleu and nltkSentenceBleu', () => {
    expectInputError(() => nltkCorpusBleu([], []), 'nltkCorpusBleu', /hypotheses must hold at least one token array/);
    expectInputError(() => nltkCorpusBleu([[['a']]], [['a'], ['b']]), 'nltkCorpusBleu', /one entry of listOfReferences per hypothesis \(2\), got 1/);
    expectInputError(() => nltkCorpusBleu([[]], [['a']]), 'nltkCorpusBleu', /listOfReferences\[0\] must hold at least one token array/);
    expectInputError(() => nltkSentenceBleu([['a']], untyped('a b')), 'nltkSentenceBleu', /hypothesis must be an array of strings/);
    expectInputError(() => nltkSentenceBleu([untyped(['a', 1])], ['a']), 'nltkSentenceBleu', /references\[0\]\[1\] must be a string, got number 1/);
    expectInputError(() => nltkSentenceBleu([['a']], ['a'], { weights: [] }), 'nltkSentenceBleu', /options.weights must be a non-empty array of finite numbers/);
    expectInputError(() => nltkSentenceBleu([['a']], ['a'], { weights: [0.5, Number.NaN] }), 'nltkSentenceBleu', /options.weights/);
    expectInputError(() => nltkSentenceBleu([['a']], ['a'], { smoothing: untyped(8) }), 'nltkSentenceBleu', /options.smoothing must be one of 0, 1, 2, 3, 4, 5, 6, 7, got number 8/);
    expectInputError(() => nltkSentenceBleu([['a']], ['a'], { epsilon: 0 }), 'nltkSentenceBleu', /options.epsilon must be a finite number > 0/);
    // NLTK's method 6 needs a trigram match: NLTK raises AssertionError, this raises a clear error.
    expectInputError(() => nltkSentenceBleu([['a', 'b', 'c']], ['a', 'b', 'd'], { smoothing: 6 }), 'nltkSentenceBleu', /method 6 needs/);
  });

  it('chrF, ROUGE, WER/CER and perplexity', () => {
    expectInputError(() => chrF(['a'], [['a'], ['b']]), 'chrF', /one entry of references per hypothesis/);
    expectInputError(() => chrF(['a'], [['a']], { charOrder: 0 }), 'chrF', /options.charOrder must be an integer >= 1/);
    expectInputError(() => sentenceChrF('a', ['a'], { beta: 0 }), 'sentenceChrF', /options.beta must be a finite number > 0/);
    expectInputError(() => rouge('a', []), 'rouge', /references must hold at least one string/);
    expectInputError(() => rouge('a', 'a', { tokenize: untyped('porter') }), 'rouge', /options.tokenize must be 'rouge-score', 'unicode' or a function/);
    expectInputError(() => rouge('a', 'a', { tokenize: untyped(() => [1]) }), 'rouge', /the tokens returned by options.tokenize\[0\] must be a string/);
    expectInputError(() => corpusRouge(['a'], ['a', 'b']), 'corpusRouge', /one entry of references per hypothesis/);
    expectInputError(() => wer(['a'], untyped('a')), 'wer', /expected two strings or two arrays of strings/);
    expectInputError(() => wer(['a', 'b'], ['a']), 'wer', /one entry of references per hypothesis/);
    expectInputError(() => wer('a b', ''), 'wer', /the references hold no words, so the error rate .* is undefined/);
    expectInputError(() => cer(['abc'], ['   ']), 'cer', /the references hold no characters/);
    expectInputError(() => perplexity([]), 'perplexity', /at least one value/);
    expectInputError(() => perplexity([-1, 0.5]), 'perplexity', /logProbabilities\[1\] must be a log-probability \(a number <= 0\), got number 0.5/);
    expectInputError(() => perplexity([Number.NaN]), 'perplexity', /logProbabilities\[0\]/);
    expectInputError(() => perplexity([-1], { base: 1 }), 'perplexity', /options.base must be a finite number > 1/);
    expectInputError(() => perplexity(untyped('-1 -2')), 'perplexity', /must be an array of numbers, got string/);
  });
});

describe('degenerate but valid input gets the defined value, never NaN', () => {
  it('BLEU of an empty hypothesis is 0 with brevity penalty 0, as sacreBLEU', () => {
    const bleu = sentenceBleu('', ['the cat sat']);
    expect(bleu).toMatchObject({ score: 0, brevityPenalty: 0, hypothesisLength: 0, referenceLength: 3, counts: [0, 0, 0, 0] });
  });

  it('BLEU against an empty reference is 0; empty against empty is 0 with ratio 0', () => {
    expect(sentenceBleu('the cat', ['']).score).toBe(0);
    expect(sentenceBleu('', [''])).toMatchObject({ score: 0, brevityPenalty: 1, ratio: 0, precisions: [0, 0, 0, 0] });
  });

  it('BLEU of a hypothesis shorter than the n-gram order is finite, and 100 for a perfect match with effectiveOrder', () => {
    expect(sentenceBleu('hello there', ['hello there']).score).toBe(0);
    expect(sentenceBleu('hello there', ['hello there'], { effectiveOrder: true }).score).toBeCloseTo(100, 12);
  });

  it('the signature says nrefs:var when the number of references varies', () => {
    expect(corpusBleu(['a', 'b'], [['a'], ['b', 'c']]).signature).toBe('nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(sentenceBleu('a', ['a'], { smooth: 'floor', smoothValue: 0.125 }).signature).toContain('smooth:floor[0.12]');
  });

  it('NLTK BLEU of an empty hypothesis or without unigram matches is 0', () => {
    expect(nltkSentenceBleu([['the', 'cat']], []).score).toBe(0);
    expect(nltkSentenceBleu([[]], ['the']).score).toBe(0);
    expect(nltkSentenceBleu([['a']], ['b'], { smoothing: 7 }).score).toBe(0);
  });

  it('chrF of empty strings is 0', () => {
    expect(sentenceChrF('', ['the cat']).score).toBe(0);
    expect(sentenceChrF('the cat', ['']).score).toBe(0);
    expect(sentenceChrF('', ['']).score).toBe(0);
    expect(sentenceChrF('', [''], { epsSmoothing: true }).score).toBeCloseTo(0, 12);
  });

  it('ROUGE with an empty side is 0 everywhere', () => {
    const zero = { precision: 0, recall: 0, f: 0 };
    expect(rouge('', 'the cat')).toEqual({ rouge1: zero, rouge2: zero, rougeL: zero });
    expect(rouge('the cat', '')).toEqual({ rouge1: zero, rouge2: zero, rougeL: zero });
  });

  it('WER of an empty hypothesis is 1 (all deletions); perplexity with a zero-probability token is +Infinity', () => {
    expect(wer('', 'the cat')).toMatchObject({ errorRate: 1, deletions: 2 });
    expect(perplexity([-1, Number.NEGATIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
  });
});
