import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderReportHtml } from './html.js';
import type { TourReport } from './types.js';

/**
 * Writes the report to `<dir>/index.html` (atomically: a temporary file, then a rename) and returns
 * the file's absolute path.
 */
export async function writeReport(report: TourReport, dir: string): Promise<string> {
  const html = await renderReportHtml(report);
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'index.html');
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, html, 'utf8');
  await rename(temp, file);
  return file;
}
