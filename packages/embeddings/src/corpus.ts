import { type Tokenizer, whitespaceTokenize } from './tokenize.js';

/** Chunks of a text stream: what `fs.createReadStream(path)`, a `ReadableStream` or a fetch body yields. */
export type TextChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * The lines of a text stream, decoded as UTF-8, one at a time: a large file is never held as one
 * string (memory is one chunk plus the current line). `\n` and `\r\n` both end a line; a last line
 * without a newline is yielded too.
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * for await (const line of readLines(createReadStream('corpus.txt'))) console.log(line);
 * ```
 */
export async function* readLines(source: TextChunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of source) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      yield stripCarriageReturn(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending.length > 0) yield stripCarriageReturn(pending);
}

/**
 * Sentences of tokens from a text stream: each line through `tokenizer` (default
 * {@link whitespaceTokenize}); lines without tokens are skipped. The result feeds
 * {@link Vocabulary.build} (flattened) or {@link trainWord2Vec} directly.
 * @example
 * ```ts
 * const sentences = readSentences(createReadStream('corpus.txt'), lowercaseTokenize);
 * const model = await trainWord2Vec(sentences, { vectorSize: 50 });
 * ```
 */
export async function* readSentences(source: TextChunks, tokenizer: Tokenizer = whitespaceTokenize): AsyncGenerator<string[]> {
  for await (const line of readLines(source)) {
    const tokens = tokenizer(line);
    if (tokens.length > 0) yield tokens;
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
