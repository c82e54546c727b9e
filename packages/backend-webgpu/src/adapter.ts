/**
 * The fields of `GPUAdapterInfo` that name an adapter (browsers leave some empty); a plain object
 * with them stands in for one in tests.
 */
export interface AdapterInfoLike {
  /** e.g. `'google'`, `'nvidia'`. */
  readonly vendor?: string;
  /** e.g. `'swiftshader'`. */
  readonly architecture?: string;
  /** A device name or id. */
  readonly device?: string;
  /** A full human-readable name, when the browser gives one. */
  readonly description?: string;
}

/**
 * A readable name of a WebGPU adapter from its `GPUAdapterInfo`: the description, else vendor,
 * architecture and device joined, else `'unnamed adapter'`.
 * @example adapterName({ vendor: 'google', architecture: 'swiftshader' }) // 'google swiftshader'
 */
export function adapterName(info: AdapterInfoLike | undefined): string {
  if (info?.description) return info.description;
  const parts = [info?.vendor, info?.architecture, info?.device].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' ') : 'unnamed adapter';
}
