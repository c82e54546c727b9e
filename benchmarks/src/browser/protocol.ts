import type { BackendRun } from '../session.js';

/** What the browser's graphics stack reported: the WebGPU adapter and the WebGL renderer behind tfjs-webgl. */
export interface GraphicsInfo {
  /** The adapter's name (`adapterName` of its `GPUAdapterInfo`), e.g. `google swiftshader`; null without an adapter. */
  readonly webgpuAdapter: string | null;
  /** Why there is no adapter, when there is none. */
  readonly noWebgpu?: string;
  /** `UNMASKED_RENDERER_WEBGL` of a WebGL 2 context, e.g. `ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))`; null without WebGL 2. */
  readonly webglRenderer: string | null;
}

/** What the page leaves on `window.dlkitBench` for the Node driver (`run.ts`). */
export type PageResult =
  | { readonly kind: 'error'; readonly error: string }
  | (BackendRun & {
      readonly kind: 'done';
      readonly graphics: GraphicsInfo;
      readonly userAgent: string;
      readonly crossOriginIsolated: boolean;
    });

/** The page's query string: `only` (repeatable), `backend` (repeatable), `runs`. */
export interface PageQuery {
  readonly only: readonly string[];
  readonly backend: readonly string[];
  readonly runs: number | undefined;
}

/** The page's query string for `query`. */
export function toSearch(query: PageQuery): string {
  const params = new URLSearchParams();
  for (const o of query.only) params.append('only', o);
  for (const b of query.backend) params.append('backend', b);
  if (query.runs !== undefined) params.set('runs', String(query.runs));
  return params.toString();
}

/** `toSearch`'s inverse, in the page. */
export function fromSearch(search: string): PageQuery {
  const params = new URLSearchParams(search);
  const runs = params.get('runs');
  return { only: params.getAll('only'), backend: params.getAll('backend'), runs: runs === null ? undefined : Number(runs) };
}
