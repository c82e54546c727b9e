/**
 * The page's vitest stand-in is backend-tfjs's (`describe`/`it`/`expect` collected for a plain
 * browser page); re-exported so this package's page modules and core/testing share one instance.
 */
export * from '../../../backend-tfjs/test/browser/vitest-shim.js';
