import { ValueError, type Generator as RandomGenerator } from '@dlkit/core';
import type { Dimension } from './dimensions.js';

/** A search space: one {@link Dimension} per hyperparameter name. */
export type SearchSpace = Record<string, Dimension<unknown>>;

/** One configuration drawn from a space: a value per name, typed from the dimensions. */
export type Configuration<S extends SearchSpace> = { [K in keyof S]: S[K] extends Dimension<infer T> ? T : never };

/** Throws unless `space` has at least one dimension and each entry is one. */
export function checkSpace(where: string, space: SearchSpace): void {
  const entries = Object.entries(space);
  if (entries.length === 0) throw new ValueError(`${where}: the search space is empty`);
  for (const [name, dimension] of entries) {
    if (!dimension || typeof dimension.sample !== 'function' || typeof dimension.grid !== 'function') {
      throw new ValueError(`${where}: '${name}' is not a dimension; build it with uniform, logUniform, integer or choice`);
    }
  }
}

/**
 * A random configuration (the course's advice: sample at random rather than on a grid, since a
 * grid wastes trials on the hyperparameters that do not matter).
 * @example sampleConfiguration({ lr: logUniform(1e-4, 1) }, new Generator(0)) // { lr: 0.0031… }
 */
export function sampleConfiguration<S extends SearchSpace>(space: S, random: RandomGenerator): Configuration<S> {
  checkSpace('sampleConfiguration', space);
  return Object.fromEntries(Object.entries(space).map(([name, dimension]) => [name, dimension.sample(random)])) as Configuration<S>;
}

/** Every combination of each dimension's grid values (the first name varies slowest). */
export function gridConfigurations<S extends SearchSpace>(space: S, pointsPerDimension: number): Configuration<S>[] {
  checkSpace('gridConfigurations', space);
  if (!(Number.isInteger(pointsPerDimension) && pointsPerDimension > 0)) throw new ValueError(`gridConfigurations: pointsPerDimension must be a positive integer, got ${String(pointsPerDimension)}`);
  let configurations: Record<string, unknown>[] = [{}];
  for (const [name, dimension] of Object.entries(space)) {
    const values = dimension.grid(pointsPerDimension);
    configurations = configurations.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return configurations as Configuration<S>[];
}
