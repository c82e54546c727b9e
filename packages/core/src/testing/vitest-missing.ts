/** The message when `@dlkit/core/testing` is loaded without vitest installed. */
export const MISSING_VITEST =
  '@dlkit/core/testing needs vitest, an optional peer dependency of @dlkit/core that its conformance suite is written with: npm i -D vitest';

/**
 * What loading vitest threw, made actionable: "module not found" for vitest itself becomes an
 * error that says to install it (the original as `cause`); any other error is returned unchanged.
 */
export function vitestLoadError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  return notFound && String((error as Error).message).includes('vitest') ? new Error(MISSING_VITEST, { cause: error }) : error;
}
