import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FIGURES_BEGIN, FIGURES_END, figureDrift, figuresMarkdown, readFigures, replaceFiguresBlock, type TourFigures } from '../src/figures.js';

const QUOTED = new URL('../figures.json', import.meta.url);
const README = new URL('../README.md', import.meta.url);

describe('README figures', () => {
  it('the README block is the one generated from figures.json (the quoted run)', async () => {
    const readme = await readFile(README, 'utf8');
    const figures = await readFigures(QUOTED);
    expect(figures.models.length).toBeGreaterThan(0);
    expect(replaceFiguresBlock(readme, figuresMarkdown(figures))).toBe(readme);
    expect(readme).toContain(FIGURES_BEGIN);
    expect(readme).toContain(FIGURES_END);
  });

  it('figureDrift names the models whose rounded accuracies moved, and only those', () => {
    const run: TourFigures = {
      backend: 'ts',
      cores: 2,
      seconds: { course1: 30, course2: 35, total: 70 },
      models: [
        { chapter: 'Course 1 · week 3', model: 'Shallow network', train: 0.925, heldOut: null, heldOutSet: 'test' },
        { chapter: 'Course 2 · week 1', model: 'L2', train: 0.919, heldOut: 0.915, heldOutSet: 'dev' },
      ],
    };
    const slower = { ...run, seconds: { course1: 60, course2: 70, total: 140 } };
    expect(figureDrift(run, slower)).toEqual([]);
    const moved = { ...run, models: [run.models[0]!, { ...run.models[1]!, heldOut: 0.9 }] };
    expect(figureDrift(run, moved)).toEqual(['Course 2 · week 1 · L2: README 91.9% / 91.5%, this run 91.9% / 90.0%']);
    expect(figureDrift(run, { ...run, models: [run.models[0]!] })).toEqual(['no longer trained: Course 2 · week 1 · L2']);
    // A run of some chapters is compared only on the models it trained.
    expect(figureDrift(run, { ...run, models: [run.models[0]!] }, { partial: true })).toEqual([]);
  });

  it('replaceFiguresBlock refuses a README without the markers', () => {
    expect(() => replaceFiguresBlock('# no block', 'x')).toThrow(/no figures block/);
  });
});
