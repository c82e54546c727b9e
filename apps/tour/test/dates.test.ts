import { describe, expect, it } from 'vitest';
import { dateVocabularies, generateDatePairs } from '../src/data/dates.js';

describe('generateDatePairs', () => {
  const pairs = generateDatePairs(5000);

  it('pairs every human date with the ISO date it names', () => {
    for (const { human, machine } of pairs) {
      expect(machine).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [year, month, day] = machine.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(year, month - 1, day));
      expect(date.getUTCDate()).toBe(day); // a real calendar date
      const text = human.toLowerCase();
      expect(text.includes(String(day)) || text.includes(String(day).padStart(2, '0'))).toBe(true);
      expect(text.includes(String(year)) || text.includes(String(year % 100).padStart(2, '0'))).toBe(true);
    }
  });

  it('is seeded, varied and bounded in length', () => {
    expect(generateDatePairs(50)).toEqual(pairs.slice(0, 50));
    expect(new Set(pairs.map((p) => p.human)).size).toBeGreaterThan(4900);
    expect(Math.max(...pairs.map((p) => p.human.length))).toBeLessThanOrEqual(30);
    const { human, machine } = dateVocabularies(pairs);
    expect(machine).toEqual(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(human.slice(0, 2)).toEqual(['<pad>', '<unk>']);
  });
});
