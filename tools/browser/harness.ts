/**
 * Builds a Vite site, serves it on a free local port and opens Debian's Chromium through
 * playwright-core (which downloads no browser of its own): what the browser tests share.
 * `.ci/run` installs Chromium; elsewhere a test without it skips and says why, except under CI.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type InlineConfig } from 'vite';

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether Chromium is here. Without it a browser test skips (with a warning naming `what`), but
 * under CI, where `.ci/run` installs it, its absence is an error.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${what}: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium)`);
  console.warn(`${what} skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

/** A built site being served, and a browser to look at it with. */
export interface ServedSite {
  /** The site's base URL, ending in `/`. */
  readonly url: string;
  readonly browser: Browser;
  /** Closes the browser and the server. */
  close(): Promise<void>;
}

/**
 * Builds the Vite project at `root` (its own `vite.config.ts` applies, `config` on top) into
 * `outDir`, serves it and launches headless Chromium. `args` are extra Chromium flags (e.g.
 * SwiftShader for WebGL).
 */
export async function serveSite(root: string, outDir: string, options: { config?: InlineConfig; args?: readonly string[] } = {}): Promise<ServedSite> {
  const config = { ...options.config, root, logLevel: 'warn' as const };
  await build({ ...config, build: { ...options.config?.build, outDir, emptyOutDir: true } });
  const server = await preview({ ...config, build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', ...(options.args ?? [])] });
  return {
    url: server.resolvedUrls!.local[0]!,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}
