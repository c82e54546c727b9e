import { Random32 } from '../src/random.js';

/**
 * A generated corpus with planted structure: a grid of words `w{r}_{c}` (say, rows = countries,
 * columns = attributes such as capital, currency, language). Each sentence holds one grid word,
 * three context words of its row (`row{r}_k`), three of its column (`col{c}_k`) and two noise
 * words, shuffled. So `w{r}_{c}` ≈ row r + column c, and `w{r1}_{c1} : w{r1}_{c2} :: w{r2}_{c1} : w{r2}_{c2}`
 * holds for every choice: the analogies are planted.
 */
export function plantedCorpus(options: { rows: number; cols: number; sentences: number; seed: number }): string[][] {
  const { rows, cols, sentences, seed } = options;
  const rng = new Random32(seed);
  const pick = (k: number) => rng.nextUint32() % k;
  const corpus: string[][] = [];
  for (let s = 0; s < sentences; s++) {
    const r = pick(rows);
    const c = pick(cols);
    const words = [`w${r}_${c}`];
    for (let k = 0; k < 3; k++) words.push(`row${r}_${pick(4)}`, `col${c}_${pick(4)}`);
    words.push(`noise${pick(40)}`, `noise${pick(40)}`);
    for (let i = words.length - 1; i > 0; i--) {
      const j = pick(i + 1);
      [words[i], words[j]] = [words[j]!, words[i]!];
    }
    corpus.push(words);
  }
  return corpus;
}

/** The planted analogies in the Google analogy format, one section. */
export function plantedAnalogies(rows: number, cols: number): string {
  const lines = [': grid'];
  for (let r1 = 0; r1 < rows; r1++)
    for (let r2 = 0; r2 < rows; r2++)
      for (let c1 = 0; c1 < cols; c1++)
        for (let c2 = 0; c2 < cols; c2++) if (r1 !== r2 && c1 !== c2) lines.push(`w${r1}_${c1} w${r1}_${c2} w${r2}_${c1} w${r2}_${c2}`);
  return `${lines.join('\n')}\n`;
}
