import { add, matmul, mul, reshape, ShapeError, square, sub, sum, ValueError, type Tensor } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';

function assertActivations(a: Tensor, where: string, name = 'activations'): [number, number, number, number] {
  if (a.rank !== 4) throw new ShapeError(`${where}: expected ${name} [m, nH, nW, nC], got ${formatShape(a.shape)}`);
  return a.shape as [number, number, number, number];
}

function assertSameShape(a: Tensor, b: Tensor, where: string): [number, number, number, number] {
  const shape = assertActivations(a, where);
  if (b.rank !== 4 || b.shape.some((d, i) => d !== a.shape[i])) {
    throw new ShapeError(`${where}: the two activations must have one shape [m, nH, nW, nC], got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  return shape;
}

/**
 * The style (Gram) matrix of each example's activations: with `A` the activations unrolled to
 * `[nC, nH·nW]`, `G = A·Aᵀ`, so `G[k, k'] = Σ_{i,j} a[i, j, k]·a[i, j, k']` — how strongly
 * channels `k` and `k'` fire together. Unnormalized, as the course defines it.
 *
 * Shapes: `[m, nH, nW, nC]` → `[m, nC, nC]`.
 * @example gramMatrix(randn([1, 4, 4, 3])) // [1, 3, 3]
 */
export function gramMatrix(a: Tensor): Tensor {
  const [m, nH, nW, nC] = assertActivations(a, 'gramMatrix');
  const unrolled = reshape(a, [m, nH * nW, nC]);
  return matmul(unrolled, unrolled, { transposeA: true });
}

/**
 * The course's content cost between the content image's activations `aC` and the generated
 * image's `aG` at one layer: `J_content = 1/(4·nH·nW·nC) · Σ (aC − aG)²`, summed over the batch
 * (the course uses m = 1).
 *
 * Shapes: two `[m, nH, nW, nC]` → scalar.
 * @example contentCost(features(content)['features.8'], features(generated)['features.8'])
 */
export function contentCost(aC: Tensor, aG: Tensor): Tensor {
  const [, nH, nW, nC] = assertSameShape(aC, aG, 'contentCost');
  return mul(sum(square(sub(aC, aG))), 1 / (4 * nH * nW * nC));
}

/**
 * The course's style cost of one layer: `1/(4·nC²·(nH·nW)²) · Σ (G_S − G_G)²` with `G` the
 * {@link gramMatrix} of the style image's activations `aS` and the generated image's `aG`.
 *
 * Shapes: two `[m, nH, nW, nC]` → scalar.
 * @example layerStyleCost(featuresS['features.3'], featuresG['features.3'])
 */
export function layerStyleCost(aS: Tensor, aG: Tensor): Tensor {
  const [, nH, nW, nC] = assertSameShape(aS, aG, 'layerStyleCost');
  return mul(sum(square(sub(gramMatrix(aS), gramMatrix(aG)))), 1 / (4 * nC * nC * (nH * nW) ** 2));
}

/**
 * The style cost over several layers, `J_style = Σ_l λ_l · J_style^[l]` ({@link layerStyleCost}),
 * with the layer weights λ given per layer name (the course uses 0.2 for each of five layers).
 *
 * Shapes: records of `[m, nH, nW, nC]` activations keyed by layer name → scalar.
 * @example styleCost(featuresS, featuresG, { 'features.1': 0.5, 'features.6': 0.5 })
 */
export function styleCost(style: Readonly<Record<string, Tensor>>, generated: Readonly<Record<string, Tensor>>, weights: Readonly<Record<string, number>>): Tensor {
  const names = Object.keys(weights);
  if (names.length === 0) throw new ValueError('styleCost: expected at least one layer weight, got none');
  let total: Tensor | null = null;
  for (const name of names) {
    const aS = style[name];
    const aG = generated[name];
    if (!aS || !aG) throw new ValueError(`styleCost: layer ${JSON.stringify(name)} is missing from the ${aS ? 'generated' : 'style'} activations (have ${JSON.stringify(Object.keys(aS ? generated : style))})`);
    const term = mul(layerStyleCost(aS, aG), weights[name]!);
    total = total ? add(total, term) : term;
  }
  return total!;
}

/**
 * The neural-style-transfer objective `J(G) = α·J_content(C, G) + β·J_style(S, G)` (course defaults α = 10, β = 40).
 * @example totalCost(jContent, jStyle, 10, 40)
 */
export function totalCost(jContent: Tensor, jStyle: Tensor, alpha = 10, beta = 40): Tensor {
  return add(mul(jContent, alpha), mul(jStyle, beta));
}
