/**
 * The docs build requires TSDoc on every exported symbol: the root typedoc.json turns on
 * typedoc's `notDocumented` validation for the kinds in `requiredToBeDocumented`, and
 * `treatWarningsAsErrors` makes `pnpm run docs` (run by CI) fail on any gap. This test runs those
 * same options over a two-symbol fixture and shows the check names the undocumented one and passes
 * the documented one — so the check cannot quietly stop checking.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel, TSConfigReader, type TypeDocOptions } from 'typedoc';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The options every package is built with (`packageOptions` of the root typedoc.json, which has comments). */
function packageOptions(): Partial<TypeDocOptions> {
  const path = join(root, 'typedoc.json');
  const parsed = ts.parseConfigFileTextToJson(path, readFileSync(path, 'utf8'));
  if (parsed.error) throw new Error(ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n'));
  return (parsed.config as { packageOptions: Partial<TypeDocOptions> }).packageOptions;
}

const dir = mkdtempSync(join(tmpdir(), 'dlkit-tsdoc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Typedoc's warnings (and errors) on a fixture module built with the packages' options. */
async function warningsOn(source: string): Promise<string[]> {
  const entry = join(dir, `fixture-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', skipLibCheck: true }, files: [entry] }));
  const { validation, requiredToBeDocumented, excludeInternal, excludePrivate } = packageOptions();
  const app = await Application.bootstrap({
    entryPoints: [entry], tsconfig: join(dir, 'tsconfig.json'), validation, requiredToBeDocumented, excludeInternal, excludePrivate,
    logLevel: LogLevel.Warn, readme: 'none',
  }, [new TSConfigReader()]); // the fixture's tsconfig only, not the repository's typedoc.json
  const warnings: string[] = [];
  app.logger.log = (message: string, level: LogLevel): void => {
    if (level >= LogLevel.Warn) warnings.push(message);
  };
  const project = await app.convert();
  if (!project) throw new Error(`typedoc could not convert the fixture: ${warnings.join('; ')}`);
  app.validate(project);
  return warnings;
}

describe('TSDoc coverage check', () => {
  it('the packages are built with notDocumented validation over every kind of exported symbol', () => {
    const options = packageOptions();
    expect(options.validation).toMatchObject({ notDocumented: true });
    expect(options.requiredToBeDocumented).toEqual(expect.arrayContaining(['Function', 'Class', 'Interface', 'Constructor', 'Property', 'Method', 'Accessor', 'TypeAlias', 'Variable', 'Namespace']));
  });

  it('names an undocumented exported property and constructor, and accepts documented ones', { timeout: 60_000 }, async () => {
    const warnings = await warningsOn(`
/** A documented layer. */
export class Layer {
  /** Weights, \`[out, in]\`. */
  readonly documented = 1;
  readonly bare = 2;
  constructor() {}
}
/** A documented function. @example twice(2) // 4 */
export function twice(x: number): number { return 2 * x; }
`);
    const undocumented = warnings.filter((w) => w.includes('does not have any documentation'));
    expect(undocumented.some((w) => w.includes('Layer.bare'))).toBe(true);
    expect(undocumented.some((w) => w.includes('Layer.constructor'))).toBe(true);
    expect(undocumented.some((w) => w.includes('Layer.documented') || w.includes('twice'))).toBe(false);
    expect(undocumented).toHaveLength(2);
  });
});
