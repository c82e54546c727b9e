/**
 * Python's `f'{value:.{digits}f}'` for a non-negative number. JavaScript's `toFixed` rounds an
 * exact tie (0.125 to two places) up, Python rounds it to even; elsewhere both round the exact
 * binary value correctly and agree.
 */
export function formatFixed(value: number, digits: number): string {
  // toFixed(100) prints the exact binary value: a double's expansion never needs more digits here.
  const exact = value.toFixed(100);
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + digits);
  const isTie = rest[0] === '5' && /^50*$/.test(rest);
  if (!isTie) return value.toFixed(digits);
  const truncated = exact.slice(0, digits > 0 ? point + 1 + digits : point);
  const lastDigit = Number(truncated[truncated.length - 1]);
  return lastDigit % 2 === 0 ? truncated : value.toFixed(digits);
}
