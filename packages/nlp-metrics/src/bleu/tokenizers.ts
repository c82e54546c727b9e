import { codePoints, removeWhitespace, splitWhitespace, stripTrailingWhitespace } from '../python-text.js';
import { expectOneOf, expectString } from '../validate.js';

/**
 * sacreBLEU's tokenizers: `13a` (mteval-v13a.pl, sacreBLEU's default), `intl` (mteval-v14.pl's
 * international tokenization), `char` (every character a token) and `none` (whitespace only).
 *
 * @example
 * ```ts
 * const tokenizer: BleuTokenizer = 'intl';
 * corpusBleu(hypotheses, references, { tokenize: tokenizer });
 * ```
 */
export type BleuTokenizer = '13a' | 'intl' | 'char' | 'none';

/**
 * Every {@link BleuTokenizer} name.
 *
 * @example
 * ```ts
 * BLEU_TOKENIZERS.map((name) => tokenizeForBleu('a-b, c', name));
 * ```
 */
export const BLEU_TOKENIZERS: readonly BleuTokenizer[] = ['13a', 'intl', 'char', 'none'];

// mteval-v13a.pl's language-dependent part, as sacreBLEU's TokenizerRegexp writes it.
const MTEVAL_SYMBOL = /([{-~\[-` -&(-+:-@\/])/gu;
const PERIOD_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/gu;
const PERIOD_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/gu;
const DASH_AFTER_DIGIT = /([0-9])(-)/gu;

// mteval-v14.pl's international rules: split punctuation off unless it sits between digits, and
// split every symbol off.
const PUNCTUATION_AFTER_NON_NUMBER = /(\P{N})(\p{P})/gu;
const PUNCTUATION_BEFORE_NON_NUMBER = /(\p{P})(\P{N})/gu;
const SYMBOL = /(\p{S})/gu;

function tokenize13a(line: string): string[] {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (text.includes('&')) {
    text = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  // The padding spaces let the period/comma rules fire at the line's edges, as in mteval-v13a.
  text = ` ${text} `
    .replace(MTEVAL_SYMBOL, ' $1 ')
    .replace(PERIOD_COMMA_AFTER_NON_DIGIT, '$1 $2 ')
    .replace(PERIOD_COMMA_BEFORE_NON_DIGIT, ' $1 $2')
    .replace(DASH_AFTER_DIGIT, '$1 $2 ');
  return splitWhitespace(text);
}

function tokenizeIntl(line: string): string[] {
  return splitWhitespace(
    line
      .replace(PUNCTUATION_AFTER_NON_NUMBER, '$1 $2 ')
      .replace(PUNCTUATION_BEFORE_NON_NUMBER, ' $1 $2')
      .replace(SYMBOL, ' $1 '),
  );
}

const TOKENIZE: Record<BleuTokenizer, (line: string) => string[]> = {
  '13a': tokenize13a,
  intl: tokenizeIntl,
  char: (line) => codePoints(removeWhitespace(line)),
  none: splitWhitespace,
};

/**
 * Splits a segment into the words that sacreBLEU's BLEU counts n-grams over: trailing whitespace
 * removed, the named tokenizer applied, the result split on whitespace. Lowercasing, when wanted,
 * comes first and is the caller's.
 *
 * @param text - one segment (a sentence)
 * @param tokenizer - which sacreBLEU tokenizer; `13a` by default
 * @returns the tokens, in order
 *
 * @example
 * ```ts
 * tokenizeForBleu('Hello, world!'); // ['Hello', ',', 'world', '!']
 * tokenizeForBleu('3.14, 1,000 and 2-3', 'intl'); // ['3.14', ',', '1,000', 'and', '2-3']
 * ```
 */
export function tokenizeForBleu(text: string, tokenizer: BleuTokenizer = '13a'): string[] {
  expectString('tokenizeForBleu', 'text', text);
  expectOneOf('tokenizeForBleu', 'tokenizer', tokenizer, BLEU_TOKENIZERS);
  return bleuWords(text, tokenizer);
}

/** {@link tokenizeForBleu} without the input checks, for callers that validated already. */
export function bleuWords(text: string, tokenizer: BleuTokenizer): string[] {
  return TOKENIZE[tokenizer](stripTrailingWhitespace(text));
}
