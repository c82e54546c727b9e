import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ValueError } from '@dlkit/core';
import type { Callback } from '../callbacks/callback.js';
import type { Logs } from '../training/types.js';
import { ensureParentDir } from './parent-dir.js';

/** Options of {@link csvLogger}. */
export interface CsvLoggerOptions {
  /** Column separator (default `,`). */
  separator?: string;
  /** Add to an existing file (a resumed run) instead of starting a new one (default false). */
  append?: boolean;
}

/**
 * Writes one CSV row per epoch (`epoch` from 0, then every log in the order of the first row's
 * keys), flushing each row as it comes so a crashed run keeps its history. Missing parent
 * folders are created.
 * @example fit(model, { …, callbacks: [csvLogger('run/history.csv')] });
 */
export function csvLogger(path: string, options: CsvLoggerOptions = {}): Callback {
  const separator = options.separator ?? ',';
  if (typeof path !== 'string' || path.length === 0) throw new ValueError(`csvLogger: path must be a non-empty string, got ${String(path)}`);
  if (separator.length === 0 || /[\n"]/.test(separator)) throw new ValueError(`csvLogger: separator must be non-empty without quotes or newlines, got ${JSON.stringify(separator)}`);
  let columns: string[] | null = null;
  const quote = (text: string): string => (text.includes(separator) || /[\n"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return {
    onTrainBegin() {
      columns = null;
      ensureParentDir(path);
      if (options.append && existsSync(path)) {
        const header = readFileSync(path, 'utf8').split('\n')[0];
        if (header) columns = header.split(separator).slice(1);
      } else {
        writeFileSync(path, '');
      }
    },
    onEpochEnd(epoch: number, logs: Logs) {
      if (columns === null) {
        columns = Object.keys(logs);
        appendFileSync(path, `${['epoch', ...columns].map(quote).join(separator)}\n`);
      }
      const row = [String(epoch), ...columns.map((name) => (logs[name] === undefined ? '' : String(logs[name])))];
      appendFileSync(path, `${row.join(separator)}\n`);
    },
  };
}
