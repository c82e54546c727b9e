/**
 * The course's 2-D classification datasets, by name: what the browser playground offers and the
 * tour's Course 1–2 chapters train on. Each is seeded and returns `X [m, 2]`, `Y [m, 1]`.
 */
import type { PlanarDataset } from './dataset.js';
import { loadCirclesDataset } from './circles.js';
import { loadPlanarDataset } from './flower.js';
import { loadMoonsDataset } from './moons.js';
import { loadSpiralsDataset } from './spirals.js';

export type { LabelledPoint, PlanarDataset } from './dataset.js';

/** The names of {@link PLANAR_DATASETS}. */
export type PlanarDatasetName = 'flower' | 'moons' | 'circles' | 'spirals';

/** Each planar dataset's loader with its default size, seeded by `seed`. */
export const PLANAR_DATASETS: Readonly<Record<PlanarDatasetName, (seed?: number) => PlanarDataset>> = {
  flower: (seed) => loadPlanarDataset({ seed }),
  moons: (seed) => loadMoonsDataset({ seed }),
  circles: (seed) => loadCirclesDataset({ seed }),
  spirals: (seed) => loadSpiralsDataset({ seed }),
};
