/**
 * The part of vitest that `@dlkit/core/testing` defines its suites with (`describe`, `it`,
 * `beforeAll`, `afterAll`, `expect`), for a plain browser page: suites are collected, then
 * {@link runCollected} runs them in order. `expect` is vitest's own (`@vitest/expect` on chai),
 * so every assertion means what it means under vitest.
 */
import * as chai from 'chai';
import { JestAsymmetricMatchers, JestChaiExpect, JestExtend } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Hook = () => unknown;
interface Test {
  readonly name: string;
  readonly fn: Hook;
}
interface Suite {
  readonly name: string;
  readonly beforeAll: Hook[];
  readonly afterAll: Hook[];
  readonly children: (Suite | Test)[];
}

const root: Suite = { name: '', beforeAll: [], afterAll: [], children: [] };
let current = root;

export function describe(name: string, fn: () => void): void {
  const suite: Suite = { name, beforeAll: [], afterAll: [], children: [] };
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    fn();
  } finally {
    current = parent;
  }
}

export function it(name: string, fn: Hook): void {
  current.children.push({ name, fn });
}

export function beforeAll(fn: Hook): void {
  current.beforeAll.push(fn);
}

export function afterAll(fn: Hook): void {
  current.afterAll.push(fn);
}

export const expect = ((value: unknown, message?: string) => chai.expect(value, message)) as unknown as typeof import('vitest').expect;

/** What {@link runCollected} found: the number of passing tests and each failure with its full name. */
export interface RunResult {
  passed: number;
  failed: { name: string; error: string }[];
}

/** Runs every collected test, suite by suite with its hooks, and reports each result to `onTest`. */
export async function runCollected(onTest: (name: string, error: string | null) => void = () => {}): Promise<RunResult> {
  const result: RunResult = { passed: 0, failed: [] };
  const run = async (suite: Suite, path: string): Promise<void> => {
    for (const hook of suite.beforeAll) await hook();
    for (const child of suite.children) {
      const name = path ? `${path} > ${child.name}` : child.name;
      if ('fn' in child) {
        try {
          await child.fn();
          result.passed++;
          onTest(name, null);
        } catch (error) {
          const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          result.failed.push({ name, error: text });
          onTest(name, text);
        }
      } else {
        await run(child, name);
      }
    }
    for (const hook of suite.afterAll) await hook();
  };
  await run(root, '');
  return result;
}
