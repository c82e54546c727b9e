/**
 * In-place discrete Fourier transform `X_k = Σ_n x_n e^{−2πi kn/N}` of `re`/`im` (length N): an
 * iterative radix-2 FFT when N is a power of two, else the direct O(N²) sum.
 */
export function dft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) !== 0) {
    directDft(re, im);
    return;
  }
  // Bit-reversal permutation, then log2(N) butterfly passes.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = (-2 * Math.PI) / size;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
      for (let start = 0; start < n; start += size) {
        const a = start + k;
        const b = a + half;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

/** `cos`/`sin` of `−2πj/N`, `j = 0 … N−1`, for the direct sum (the last size asked for is kept). */
let twiddles: { n: number; cos: Float64Array; sin: Float64Array } | null = null;

function directDft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (twiddles?.n !== n) {
    twiddles = { n, cos: new Float64Array(n), sin: new Float64Array(n) };
    for (let j = 0; j < n; j++) {
      twiddles.cos[j] = Math.cos((-2 * Math.PI * j) / n);
      twiddles.sin[j] = Math.sin((-2 * Math.PI * j) / n);
    }
  }
  const { cos, sin } = twiddles;
  const xr = Float64Array.from(re);
  const xi = Float64Array.from(im);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    // k·t mod N indexes the table, so the angle stays exact however long the input.
    for (let t = 0, j = 0; t < n; t++, j = (j + k) % n) {
      sr += xr[t]! * cos[j]! - xi[t]! * sin[j]!;
      si += xr[t]! * sin[j]! + xi[t]! * cos[j]!;
    }
    re[k] = sr;
    im[k] = si;
  }
}
