/**
 * The `nrefs` field of a sacreBLEU signature: how many references each segment has, or `'var'`
 * when the number differs between segments.
 */
export function referenceCountLabel(references: readonly (readonly string[])[]): number | 'var' {
  const first = references[0]?.length ?? 0;
  return references.every((r) => r.length === first) ? first : 'var';
}
