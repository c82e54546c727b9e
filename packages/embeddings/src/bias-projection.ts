import { ValueError } from '@dlkit/core';

/** How {@link equalize} moves a pair (see there). */
export type EqualizeMethod = 'lab' | 'debiaswe';

/**
 * Removes the bias component: `e − (e·g / ‖g‖²) g` (the lab's `neutralize`).
 * @returns Float64Array [vectorSize], orthogonal to g.
 * @example neutralize(wv.vector('receptionist'), g)
 */
export function neutralize(e: ArrayLike<number>, g: ArrayLike<number>): Float64Array {
  checkDirection('neutralize', e, g);
  const scale = dot(e, g) / dot(g, g);
  return Float64Array.from(e, (x, d) => x - scale * g[d]!);
}

/**
 * Equalizes a pair so that both are equally far from every neutralized word.
 * `'lab'` (the course's formulas): `μ = (e1 + e2)/2`, `μ_B = (μ·g/‖g‖²) g`, `μ⊥ = μ − μ_B`,
 * `e_iB = (e_i·g/‖g‖²) g`, `ê_iB = √|1 − ‖μ⊥‖²| (e_iB − μ_B) / ‖e_i − μ⊥ − μ_B‖`, result
 * `ê_iB + μ⊥`. `'debiaswe'` (Bolukbasi et al.'s code, for unit vectors): with u_i the unit vectors
 * and ĝ = g/‖g‖, `y = drop((u1 + u2)/2, ĝ)`, `z = √(1 − ‖y‖²)` negated when `(u1 − u2)·ĝ < 0`,
 * results `z ĝ + y` and `−z ĝ + y` (unit vectors).
 * @returns the two equalized vectors, Float64Array [vectorSize] each.
 * @example const [eMan, eWoman] = equalize(wv.vector('man'), wv.vector('woman'), g);
 */
export function equalize(e1: ArrayLike<number>, e2: ArrayLike<number>, g: ArrayLike<number>, method: EqualizeMethod = 'lab'): [Float64Array, Float64Array] {
  checkDirection('equalize', e1, g);
  checkDirection('equalize', e2, g);
  if (method === 'debiaswe') {
    const gHat = unit(g);
    const u1 = unit(e1);
    const u2 = unit(e2);
    const y = neutralize(u1.map((x, d) => (x + u2[d]!) / 2), gHat);
    let z = Math.sqrt(Math.max(0, 1 - dot(y, y)));
    if (dot(u1.map((x, d) => x - u2[d]!), gHat) < 0) z = -z;
    return [y.map((x, d) => z * gHat[d]! + x), y.map((x, d) => -z * gHat[d]! + x)];
  }
  if (method !== 'lab') throw new ValueError(`equalize: method must be 'lab' or 'debiaswe', got ${JSON.stringify(method)}`);
  const gg = dot(g, g);
  const mu = Float64Array.from(e1, (x, d) => (x + e2[d]!) / 2);
  const muB = Float64Array.from(g, (x) => (dot(mu, g) / gg) * x);
  const muOrth = mu.map((x, d) => x - muB[d]!);
  const scale = Math.sqrt(Math.abs(1 - dot(muOrth, muOrth)));
  const corrected = (e: ArrayLike<number>): Float64Array => {
    const eB = Float64Array.from(g, (x) => (dot(e, g) / gg) * x);
    const rest = Float64Array.from(e, (x, d) => x - muOrth[d]! - muB[d]!);
    const restNorm = Math.sqrt(dot(rest, rest));
    return eB.map((x, d) => (scale * (x - muB[d]!)) / restNorm + muOrth[d]!);
  };
  return [corrected(e1), corrected(e2)];
}

function checkDirection(fn: string, e: ArrayLike<number>, g: ArrayLike<number>): void {
  if (e.length !== g.length) throw new ValueError(`${fn}: the vector has length ${e.length} but the direction g has ${g.length}`);
  if (dot(g, g) === 0) throw new ValueError(`${fn}: the direction g is the zero vector`);
}

/** @internal */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

function unit(v: ArrayLike<number>): Float64Array {
  const length = Math.sqrt(dot(v, v));
  return Float64Array.from(v, (x) => x / length);
}
