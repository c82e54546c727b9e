/**
 * @internal The shortest decimal that reads back as the same float32, written as NumPy 1.x's
 * `repr(np.float32(x))` (which gensim's text writer uses): positional for 1e-4 ≤ |x| < 1e16 with
 * at least one fractional digit (`1.0`, `0.00012345`, `123456790.0`), otherwise scientific with a
 * signed exponent of at least two digits (`1e-05`, `3.4e+38`).
 */
export function float32Repr(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  let precision = 1;
  while (precision < 9 && Math.fround(Number(x.toPrecision(precision))) !== x) precision++;
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential(precision - 1).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const exponent = Number(exponentText);
  const sign = x < 0 ? '-' : '';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction.length > 0 ? fraction : '0'}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${head}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
