/**
 * Every `@dlkit/<pkg>` import (and subpath entries such as `@dlkit/core/testing`, which are
 * `src/<subpath>/index.ts`) resolved to the package's sources: what the root vitest config and the
 * Vite builds of the browser pages and the playground use, so nothing needs `pnpm build` first.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A Vite/vitest `resolve.alias` entry. */
export interface WorkspaceAlias {
  readonly find: RegExp;
  readonly replacement: string;
}

const packagesDir = fileURLToPath(new URL('../packages/', import.meta.url));

/** The aliases of every workspace package with a `src/index.ts`, subpath entries first. */
export function workspaceAliases(): WorkspaceAlias[] {
  return readdirSync(packagesDir)
    .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
    .flatMap((name) => {
      const subpaths = readdirSync(`${packagesDir}${name}/src`).filter((sub) => existsSync(`${packagesDir}${name}/src/${sub}/index.ts`));
      return [
        ...subpaths.map((sub) => ({ find: new RegExp(`^@dlkit/${name}/${sub}$`), replacement: `${packagesDir}${name}/src/${sub}/index.ts` })),
        { find: new RegExp(`^@dlkit/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` },
      ];
    });
}
