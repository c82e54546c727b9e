import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listBackends } from '@dlkit/core';
import { markLoadedCopy, type LoadedCopy } from '../src/backend/copies.js';
import { MISSING_VITEST, vitestLoadError } from '../src/testing/vitest-missing.js';
import pkg from '../package.json';

const KEY = Symbol.for('@dlkit/core');
const slot = globalThis as { [KEY]?: LoadedCopy & { warned: boolean } };
const other: LoadedCopy = { version: '9.9.9', url: 'file:///app/node_modules/some-lib/node_modules/@dlkit/core/dist/index.js' };

describe('a second copy of @dlkit/core', () => {
  let ours: (LoadedCopy & { warned: boolean }) | undefined;
  beforeEach(() => {
    ours = slot[KEY];
  });
  afterEach(() => {
    slot[KEY] = ours;
    vi.restoreAllMocks();
  });

  it('each copy records its version and location on globalThis when its registry loads', () => {
    expect(listBackends()).toContain('ts');
    expect(ours?.version).toBe(pkg.version);
    expect(ours?.url).toMatch(/\/packages\/core\/src\/backend\/copies\.ts/);
  });

  it('warns once, naming both copies and what to do, when another copy was loaded first', () => {
    slot[KEY] = { ...other, warned: false };
    const warn = vi.fn();
    markLoadedCopy({ version: '0.1.0', url: 'file:///app/node_modules/@dlkit/core/dist/index.js' }, warn);
    markLoadedCopy({ version: '0.2.0', url: 'file:///elsewhere/@dlkit/core/dist/index.js' }, warn);
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]![0]);
    expect(message).toContain('0.1.0 from file:///app/node_modules/@dlkit/core/dist/index.js');
    expect(message).toContain(`9.9.9 from ${other.url}`);
    expect(message).toMatch(/own backends and grad mode/);
    expect(message).toMatch(/peer dependency.*dedupe/);
  });

  it('does not warn when the same file is evaluated again (hot reload, fresh module graphs)', () => {
    slot[KEY] = { ...other, warned: false };
    const warn = vi.fn();
    markLoadedCopy(other, warn);
    expect(warn).not.toHaveBeenCalled();
  });

  it('the registry module checks as it loads: a fresh copy of it warns when another copy is present', async () => {
    slot[KEY] = { ...other, warned: false };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.resetModules();
    await import('../src/backend/registry.js');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(`${pkg.version} from `);
  });
});

describe('@dlkit/core/testing without vitest', () => {
  it('turns "cannot find vitest" into an error that says to install it', () => {
    const esm = Object.assign(new Error("Cannot find package 'vitest' imported from /app/node_modules/@dlkit/core/dist/testing/index.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const cjs = Object.assign(new Error("Cannot find module 'vitest'"), { code: 'MODULE_NOT_FOUND' });
    for (const raw of [esm, cjs]) {
      const error = vitestLoadError(raw) as Error;
      expect(error.message).toBe(MISSING_VITEST);
      expect(error.message).toMatch(/npm i -D vitest/);
      expect(error.cause).toBe(raw);
    }
  });

  it('passes other errors on unchanged (vitest refusing require(), a missing module of vitest\'s own)', () => {
    const refused = new Error('Vitest cannot be imported in a CommonJS module using require(). Please use "import" instead.');
    const other = Object.assign(new Error("Cannot find package 'tinyspy'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(vitestLoadError(refused)).toBe(refused);
    expect(vitestLoadError(other)).toBe(other);
  });

  it('src/testing reaches vitest only through vitest.ts (so the message above is what users see)', () => {
    const dir = new URL('../src/testing/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !/^vitest(\.cjs)?\.ts$/.test(f));
    const direct = files.filter((f) => /from\s+['"]vitest['"]|import\(\s*['"]vitest['"]\s*\)/.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(direct).toEqual([]);
  });
});
