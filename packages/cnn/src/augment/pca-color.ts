import { ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { readImages, writeImages } from './images.js';
import type { ImageTransform } from './transform.js';

/** The principal components of a data set's pixel colours (see {@link colorPrincipalComponents}). */
export interface ColorComponents {
  /** Eigenvalues `λᵢ` of the channels' covariance, largest first. */
  readonly eigenvalues: readonly number[];
  /** Unit eigenvectors `pᵢ`, one row per eigenvalue, in the same order. */
  readonly eigenvectors: readonly (readonly number[])[];
}

/**
 * Eigen-decomposition of the `c × c` covariance of every pixel's colour over a batch of images
 * (all `m·h·w` pixels): what AlexNet's colour augmentation perturbs along.
 * Shapes: `[m, h, w, c]` → `c` eigenvalues and `c` eigenvectors of length `c`.
 * @example const components = colorPrincipalComponents(trainImages);
 */
export function colorPrincipalComponents(images: Tensor): ColorComponents {
  const { data, m, h, w, c } = readImages(images, 'colorPrincipalComponents');
  const pixels = m * h * w;
  if (pixels < 2) throw new ShapeError(`colorPrincipalComponents: need at least 2 pixels, got ${pixels}`);
  const mean = new Float64Array(c);
  for (let i = 0; i < data.length; i++) mean[i % c]! += data[i]!;
  for (let k = 0; k < c; k++) mean[k]! /= pixels;
  const cov = Array.from({ length: c }, () => new Float64Array(c));
  for (let p = 0; p < pixels; p++) {
    for (let a = 0; a < c; a++) {
      const da = data[p * c + a]! - mean[a]!;
      for (let b = a; b < c; b++) cov[a]![b]! += da * (data[p * c + b]! - mean[b]!);
    }
  }
  for (let a = 0; a < c; a++) for (let b = a; b < c; b++) cov[b]![a] = cov[a]![b]! /= pixels - 1;
  return symmetricEigen(cov);
}

/** Cyclic Jacobi rotations on a small symmetric matrix: exact to rounding, a few sweeps for c ≤ 4. */
function symmetricEigen(matrix: Float64Array[]): ColorComponents {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const v = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p]![q] === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = cs * akp - sn * akq;
          a[k]![q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = cs * apk - sn * aqk;
          a[q]![k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = cs * vkp - sn * vkq;
          v[k]![q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]!);
  return {
    eigenvalues: order.map((i) => Math.max(0, a[i]![i]!)),
    eigenvectors: order.map((i) => Array.from({ length: n }, (_, k) => v[k]![i]!)),
  };
}

/** Options of {@link pcaColorAugmentation}. */
export interface PcaColorOptions {
  /** The data set's colour components, from {@link colorPrincipalComponents}. */
  components: ColorComponents;
  /** Standard deviation of each `αᵢ` (default 0.1, AlexNet's). */
  std?: number;
}

/**
 * AlexNet's colour augmentation ("fancy PCA", Krizhevsky et al. 2012, §4.1): to every pixel of
 * an image adds the same colour shift `Σᵢ αᵢ·λᵢ·pᵢ`, with `αᵢ ~ N(0, std²)` drawn once per image
 * and `λᵢ`, `pᵢ` the eigenvalues and eigenvectors of the training set's pixel-colour covariance:
 * lighting changes along the directions colours really vary in. `std = 0` is the identity.
 * Shapes: `[m, h, w, c]` → the same (`c` = the components' size).
 * @example pcaColorAugmentation({ components: colorPrincipalComponents(train) })(batch, new Generator(0))
 */
export function pcaColorAugmentation(options: PcaColorOptions): ImageTransform {
  const { components } = options;
  const std = options.std ?? 0.1;
  if (!(Number.isFinite(std) && std >= 0)) throw new ValueError(`pcaColorAugmentation: std must be a finite number >= 0, got ${String(std)}`);
  const size = components?.eigenvalues?.length ?? 0;
  if (size === 0 || components.eigenvectors.length !== size || !components.eigenvectors.every((row) => row.length === size)) {
    throw new ValueError('pcaColorAugmentation: components must hold c eigenvalues and c eigenvectors of length c (from colorPrincipalComponents)');
  }
  return (images, random) => {
    const { data, m, h, w, c } = readImages(images, 'pcaColorAugmentation');
    if (c !== size) throw new ShapeError(`pcaColorAugmentation: the components are for ${size} channels, the images have ${c}`);
    const shift = new Float64Array(c);
    for (let n = 0; n < m; n++) {
      shift.fill(0);
      for (let i = 0; i < c; i++) {
        const scale = std === 0 ? 0 : random.nextNormal() * std * components.eigenvalues[i]!;
        for (let k = 0; k < c; k++) shift[k]! += scale * components.eigenvectors[i]![k]!;
      }
      for (let i = n * h * w * c; i < (n + 1) * h * w * c; i++) data[i]! += shift[i % c]!;
    }
    return writeImages(data, [m, h, w, c], images);
  };
}
