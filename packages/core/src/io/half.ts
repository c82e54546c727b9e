/**
 * IEEE half (float16) and bfloat16 bit patterns to and from float32, for safetensors' F16 and BF16.
 * Encoding rounds to nearest, ties to even, on the float32 bits (PyTorch's `.half()` and
 * `.bfloat16()`, whose NaN patterns 0x7E00 and 0x7FC0 it also uses); decoding is exact.
 */
import type { TypedArray } from '../dtype.js';

/** The float32 bit patterns of `values` (float64 values rounded to float32 first). */
function float32Bits(values: TypedArray): Uint32Array {
  const f = values instanceof Float32Array ? values : Float32Array.from(values);
  return new Uint32Array(f.buffer, f.byteOffset, f.length);
}

/** Float16 bits of each value: subnormals kept, beyond ±65504 (after rounding) ±Infinity. */
export function toFloat16Bits(values: TypedArray): Uint16Array {
  const bits = float32Bits(values);
  const out = new Uint16Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    const sign = (b >>> 16) & 0x8000;
    const exp = (b >>> 23) & 0xff;
    const mant = b & 0x7fffff;
    const e = exp - 112; // the float16 exponent field: bias 15 instead of 127
    let h: number;
    if (exp === 0xff) h = mant !== 0 ? 0x7e00 : 0x7c00;
    else if (e >= 31) h = 0x7c00;
    else if (e <= 0) {
      // Subnormal (or zero): the 24-bit significand shifted to units of 2^-24, rounded half to even.
      if (e < -10) h = 0;
      else {
        const shift = 14 - e;
        const m = mant | 0x800000;
        const rest = m & ((1 << shift) - 1);
        const halfway = 1 << (shift - 1);
        h = m >>> shift;
        if (rest > halfway || (rest === halfway && (h & 1) === 1)) h++;
      }
    } else {
      const rest = mant & 0x1fff;
      h = (e << 10) | (mant >>> 13);
      // A carry out of the mantissa bumps the exponent, up to Infinity (0x7C00): still correct.
      if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
    }
    out[i] = sign | h;
  }
  return out;
}

/** Bfloat16 bits of each value: the top 16 float32 bits, rounded half to even. */
export function toBFloat16Bits(values: TypedArray): Uint16Array {
  const bits = float32Bits(values);
  const out = new Uint16Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    const isNaN = (b & 0x7fffffff) > 0x7f800000;
    out[i] = isNaN ? 0x7fc0 : (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
  }
  return out;
}

let float16Table: Float32Array | undefined;

/** Every float16 bit pattern's value, built on first use (256 KiB). */
function float16Values(): Float32Array {
  if (float16Table !== undefined) return float16Table;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) table[h] = sign * mant * 2 ** -24;
    else if (exp === 31) table[h] = mant === 0 ? sign * Infinity : NaN;
    else table[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  float16Table = table;
  return table;
}

/** The float32 values of float16 bit patterns (exact). */
export function fromFloat16Bits(bits: Uint16Array): Float32Array {
  const table = float16Values();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]!]!;
  return out;
}

/** The float32 values of bfloat16 bit patterns (exact: the low 16 float32 bits are zero). */
export function fromBFloat16Bits(bits: Uint16Array): Float32Array {
  const wide = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) wide[i] = bits[i]! << 16;
  return new Float32Array(wide.buffer);
}
