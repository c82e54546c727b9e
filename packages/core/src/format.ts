import type { Tensor } from './tensor.js';
import { formatShape } from './shape.js';

const EDGE_ITEMS = 3;
const MAX_FULL_SIZE = 1000;

function formatValue(value: number, dtype: Tensor['dtype']): string {
  if (dtype === 'bool') return value ? 'true' : 'false';
  if (dtype === 'int32') return String(value);
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? `${value}.` : value.toPrecision(4).replace(/\.?0+(e|$)/, '$1');
}

/** Renders values like NumPy: nested brackets, middle elided for large tensors, then shape and dtype. */
export function formatTensor(t: Tensor): string {
  const values = t.dataSync();
  const elide = t.size > MAX_FULL_SIZE;
  const render = (dim: number, offset: number, stride: number): string => {
    if (dim === t.rank) return formatValue(values[offset]!, t.dtype);
    const n = t.shape[dim]!;
    const inner = stride / Math.max(n, 1);
    const indices = elide && n > 2 * EDGE_ITEMS
      ? [...Array(EDGE_ITEMS).keys(), -1, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)]
      : [...Array(n).keys()];
    const parts = indices.map((i) => (i < 0 ? '...' : render(dim + 1, offset + i * inner, inner)));
    const sep = dim === t.rank - 1 ? ', ' : `,\n${' '.repeat(dim + 8)}`;
    return `[${parts.join(sep)}]`;
  };
  return `tensor(${render(0, 0, t.size)}, shape=${formatShape(t.shape)}, dtype=${t.dtype})`;
}
