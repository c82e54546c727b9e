// sacreBLEU and NLTK are Python: their `str.split()` and `str.rstrip()` use Python's notion of
// whitespace (str.isspace), which differs from JavaScript's `\s` (Python adds U+001C–U+001F and
// U+0085; JavaScript adds U+FEFF). Matching their scores means matching their whitespace.
const PYTHON_WHITESPACE = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WORD_RUN = new RegExp(`[^${PYTHON_WHITESPACE}]+`, 'g');
const WHITESPACE_CHARACTER = new RegExp(`[${PYTHON_WHITESPACE}]`);

/** Python's `text.split()`: the runs of non-whitespace characters. */
export function splitWhitespace(text: string): string[] {
  return text.match(WORD_RUN) ?? [];
}

/** Python's `text.rstrip()`. */
export function stripTrailingWhitespace(text: string): string {
  // A backwards scan: a `[…]+$` regex would try every whitespace run in the text.
  let end = text.length;
  while (end > 0 && WHITESPACE_CHARACTER.test(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Python's `''.join(text.split())`: the text with every whitespace character removed. */
export function removeWhitespace(text: string): string {
  return splitWhitespace(text).join('');
}

/** The Unicode code points of `text`, which is what Python indexes and counts as characters. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
