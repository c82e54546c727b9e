import { formatFixed } from '../python-format.js';
import { SACREBLEU_VERSION } from '../sacrebleu-version.js';
import type { BleuSettings } from './options.js';

/**
 * sacreBLEU's BLEU signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`.
 * `referenceCount` is the number of references per segment, or `'var'` when it varies.
 */
export function bleuSignature(settings: BleuSettings, referenceCount: number | 'var'): string {
  const smooth = settings.smoothValue === undefined ? settings.smooth : `${settings.smooth}[${formatFixed(settings.smoothValue, 2)}]`;
  return [
    `nrefs:${referenceCount}`,
    `case:${settings.lowercase ? 'lc' : 'mixed'}`,
    `eff:${settings.effectiveOrder ? 'yes' : 'no'}`,
    `tok:${settings.tokenize}`,
    `smooth:${smooth}`,
    `version:${SACREBLEU_VERSION}`,
  ].join('|');
}
