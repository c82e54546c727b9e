/**
 * The sacreBLEU release whose BLEU and chrF this package reproduces, and which its signature
 * strings name (`…|version:2.6.0`).
 *
 * @example
 * ```ts
 * SACREBLEU_VERSION; // '2.6.0'
 * ```
 */
export const SACREBLEU_VERSION = '2.6.0';
