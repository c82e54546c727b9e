import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { brownCorpusFiles, readTaggedSentences } from '../src/node/index.js';

describe('brownCorpusFiles', () => {
  it("lists the installed corpus's 500 files in name order, or one genre's", () => {
    const all = brownCorpusFiles().map((file) => basename(file));
    expect(all).toHaveLength(500);
    expect([all[0], all[499]]).toEqual(['ca01', 'cr09']);
    // Genre k (general fiction) is ck01 … ck29 in the Brown manual.
    expect(brownCorpusFiles({ genres: 'k' }).map((file) => basename(file))).toEqual(all.filter((name) => name.startsWith('ck')));
    expect(brownCorpusFiles({ genres: 'k' })).toHaveLength(29);
  });

  it('raises a ValueError for genres outside a–r and for a folder without corpus files', () => {
    expect(() => brownCorpusFiles({ genres: 'kz' })).toThrow(ValueError);
    expect(() => brownCorpusFiles({ genres: 'kz' })).toThrow(/brownCorpusFiles: genres must be letters a–r, got 'kz'/);
    expect(() => brownCorpusFiles({ dir: mkdtempSync(join(tmpdir(), 'brown-')) })).toThrow(/no Brown corpus files/);
  });
});

describe('readTaggedSentences', () => {
  it('strips tags line by line, keeps the options of taggedTokenize and drops empty lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagged-'));
    writeFileSync(join(dir, 'a'), "\tThe/at jury/nn said/vbd ./.\n\n\t``/`` 1913/cd Fulton/np-tl '/' s/nn\n");
    writeFileSync(join(dir, 'b'), 'It/pps rained/vbd\n');
    const files = [join(dir, 'a'), join(dir, 'b')];
    expect(readTaggedSentences(files)).toEqual([['The', 'jury', 'said', '.'], ['``', '1913', 'Fulton', "'", 's'], ['It', 'rained']]);
    expect(readTaggedSentences(files, { lowercase: true, wordsOnly: true })).toEqual([['the', 'jury', 'said'], ['fulton', 's'], ['it', 'rained']]);
  });
});
