/**
 * Raised when a metric gets input it cannot score: a non-string where text is expected, a corpus
 * whose hypotheses and references differ in number, a hypothesis with no reference, an unknown
 * option. The message names the function, what it got and what it expected.
 *
 * @example
 * ```ts
 * try {
 *   corpusBleu(['a cat'], []);
 * } catch (error) {
 *   if (error instanceof MetricInputError) console.log(error.functionName); // 'corpusBleu'
 * }
 * ```
 */
export class MetricInputError extends Error {
  /** Always `'MetricInputError'`, so the name survives minification and shows in stack traces. */
  override readonly name = 'MetricInputError';

  /** The public function that rejected its input. */
  readonly functionName: string;

  /**
   * Creates the error; its message is `` `${functionName}: ${problem}` ``.
   *
   * @param functionName - the public function that rejected its input
   * @param problem - what was wrong, naming the value received and what was expected
   */
  constructor(functionName: string, problem: string) {
    super(`${functionName}: ${problem}`);
    this.functionName = functionName;
  }
}
