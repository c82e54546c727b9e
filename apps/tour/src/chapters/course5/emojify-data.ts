import { Generator } from '@dlkit/core';

/** The lab's five classes, by label: 0 ❤️ love, 1 ⚾ sports, 2 😄 happy, 3 😞 sad, 4 🍴 food. */
export const EMOJIS = ['❤️', '⚾', '😄', '😞', '🍴'] as const;

/** One example: a short lower-case sentence, its class, and the class word it was built around. */
export interface EmojiSentence {
  readonly words: readonly string[];
  readonly label: number;
  readonly keyword: string;
}

interface ClassPlan {
  /** Slot → class words; the first `trainShare` of each list may appear in training, the rest only in the test set. */
  readonly slots: Readonly<Record<string, readonly string[]>>;
  /** Sentence templates; `{slot}` is filled with a class word. */
  readonly templates: readonly string[];
}

// Class words are frequent enough in the Brown corpus (≥ 5 times) to get a trained vector.
const PLANS: readonly ClassPlan[] = [
  {
    slots: { v: ['love', 'loved', 'kissed', 'embrace', 'adore'], n: ['darling', 'wife', 'husband', 'heart', 'lover', 'beloved', 'sweetheart', 'dear'] },
    templates: ['i {v} you', 'i {v} you so much', 'you are my {n}', 'my {n} is waiting for me', 'i miss my {n}', 'she {v} him', 'he is the {n} of my life', 'i {v} my {n}'],
  },
  {
    slots: { v: ['play', 'win', 'score', 'pitch'], p: ['played', 'won'], n: ['ball', 'game', 'team', 'baseball', 'football', 'league', 'match', 'golf', 'tennis', 'pitcher', 'coach', 'season'] },
    templates: ['lets go {v} now', 'did you watch the {n} yesterday', 'the {n} starts at noon', 'i want to {v} today', 'how many points did he {v}', 'he is on the {n}', 'we {p} the {n}', 'my brother watches {n}'],
  },
  {
    slots: { a: ['happy', 'glad', 'pleased', 'excited', 'proud', 'delighted', 'lucky', 'cheerful', 'wonderful'], v: ['smile', 'laugh', 'smiled', 'laughed', 'enjoyed'] },
    templates: ['i am so {a}', 'that was {a}', 'you make me {v}', 'we {v} all day', 'she is {a} today', 'they {v} a lot', 'i feel {a}', 'what a {a} day'],
  },
  {
    slots: { a: ['sad', 'sorry', 'afraid', 'lonely', 'angry', 'worried', 'terrible', 'unhappy', 'miserable', 'upset', 'disappointed', 'depressed'], v: ['cried', 'lost', 'died', 'hurt', 'cry'] },
    templates: ['i am so {a}', 'this is {a}', 'i {v} today', 'he feels {a}', 'we {v} again', 'she was {a} all day', 'i feel {a}', 'my dog {v}'],
  },
  {
    slots: { n: ['food', 'dinner', 'lunch', 'breakfast', 'meat', 'bread', 'coffee', 'meal', 'supper', 'soup', 'cake', 'tea', 'milk'], v: ['eat', 'cook', 'ate', 'eating'] },
    templates: ['lets have {n}', 'i want to {v}', 'the {n} is ready', 'do you want some {n}', 'we {v} at home', 'what is for {n}', 'i {v} too much', 'i like {n}'],
  },
];

/** Share of each class-word list that training sentences may use (the rest appear only in the test set). */
const TRAIN_SHARE = 0.7;

/** Options of {@link emojifyData}. */
export interface EmojifyDataOptions {
  /** Training sentences (default 132, the size of the lab's `train_emoji.csv`). */
  train?: number;
  /** Test sentences (default 56, the size of the lab's `tesss.csv`). */
  test?: number;
  seed?: number;
}

/**
 * Generated Emojify data in the form of the lab's (its CSVs are not shipped in any package): short
 * sentences labelled with one of five emoji, built from per-class templates and class words.
 * Training sentences use the first 70% of each class's words only; test sentences draw from all of
 * them, so part of the test set hinges on words never seen in training — the case the lab shows
 * pretrained vectors handle ("I adore you" → ❤️). Seeded and balanced over classes.
 * @example emojifyData({ train: 2, test: 1 }).train[0] // { words: ['i', 'love', 'you'], label: 0, keyword: 'love' }
 */
export function emojifyData(options: EmojifyDataOptions = {}): { train: EmojiSentence[]; test: EmojiSentence[] } {
  const generator = new Generator(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(generator.nextFloat() * list.length)]!;
  const make = (count: number, split: 'train' | 'test'): EmojiSentence[] =>
    Array.from({ length: count }, (_, i) => {
      const label = i % PLANS.length;
      const plan = PLANS[label]!;
      const template = pick(plan.templates);
      let keyword = '';
      const text = template.replace(/\{(\w+)\}/g, (_match, slot: string) => {
        const words = plan.slots[slot]!;
        const allowed = split === 'train' ? words.slice(0, Math.ceil(words.length * TRAIN_SHARE)) : words;
        keyword = pick(allowed);
        return keyword;
      });
      return { words: text.split(' '), label, keyword };
    });
  return { train: make(options.train ?? 132, 'train'), test: make(options.test ?? 56, 'test') };
}

/** Whether a test sentence's class word never occurs in the training sentences. */
export function unseenKeyword(sentence: EmojiSentence, train: readonly EmojiSentence[]): boolean {
  return !train.some((s) => s.words.includes(sentence.keyword));
}
