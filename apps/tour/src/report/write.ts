import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { renderReportHtml } from './html.js';
import type { TourReport } from './types.js';

/** Writes `bytes` to `file` atomically: a temporary file, then a rename. */
async function writeAtomically(file: string, bytes: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, bytes, typeof bytes === 'string' ? 'utf8' : undefined);
  await rename(temp, file);
}

/**
 * Writes the report to `<dir>/index.html` and the sections' files beside it (each atomically) and
 * returns the page's absolute path.
 */
export async function writeReport(report: TourReport, dir: string): Promise<string> {
  const html = await renderReportHtml(report);
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  for (const attachment of report.sections.flatMap((s) => s.files ?? [])) await writeAtomically(join(folder, basename(attachment.name)), attachment.bytes);
  const file = join(folder, 'index.html');
  await writeAtomically(file, html);
  return file;
}
