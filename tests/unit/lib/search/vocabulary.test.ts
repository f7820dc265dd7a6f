import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  checkQuery,
  COMMON_SHARE,
  editDistance,
  indexedWords,
  isKnownWord,
  isPhraseQuery,
  queryWords,
  requiredPrefix,
  shardName,
  suggestWord,
  vocabularyShards,
  VocabularyCounter,
  type VocabularyCounts,
  type VocabularyShard,
} from '../../../../src/lib/search/vocabulary.ts';

describe('indexedWords', () => {
  test('returns each word without punctuation, lower case and without diacritics', () => {
    expect(indexedWords('The “counting argument”, Adrià!')).toEqual(['the', 'counting', 'argument', 'adria']);
  });
  test('returns a hyphenated or camel-case word whole and in its parts of two or more letters', () => {
    expect(indexedWords('long-term x-risk DavidW')).toEqual(['longterm', 'long', 'term', 'xrisk', 'risk', 'davidw', 'david']);
  });
});

describe('queryWords', () => {
  test('returns the words as Pagefind searches them: punctuation dropped inside a word, quotes as spaces', () => {
    expect(queryWords('  "Pre-training" déceptive  x-risk ')).toEqual(['pretraining', 'deceptive', 'xrisk']);
    expect(queryWords(' — ')).toEqual([]);
  });
});

describe('shardName', () => {
  test('returns one file per first character, named by its code point', () => {
    expect(shardName('deceptive')).toBe('u64.json');
    expect(shardName('dec')).toBe(shardName('delta'));
    expect(shardName('τ')).toBe('u3c4.json');
  });
});

describe('requiredPrefix and isKnownWord', () => {
  const words = ['deceptive', 'deceptively', 'alignment', 'dec', 'q', 'counting'];
  test('returns the whole word for words of up to four characters, else all but the last three (at least four)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9, 12].map(requiredPrefix)).toEqual([1, 2, 3, 4, 4, 4, 4, 6, 9]);
  });
  test('returns true for a word that begins an indexed word (typing in progress) or differs only at the end', () => {
    for (const w of ['dece', 'decept', 'deceptive', 'deceptivly', 'alignments', 'coun', 'q']) expect(isKnownWord(w, words), w).toBe(true);
  });
  test('returns false for a word that only an indexed word shorter than it begins', () => {
    for (const w of ['decpetive', 'qzxv', 'deck', 'alohas']) expect(isKnownWord(w, words), w).toBe(false);
  });
});

describe('editDistance', () => {
  test('returns one for a swap of two neighbouring letters, an insertion, a deletion or a substitution', () => {
    expect(editDistance('decpetive', 'deceptive')).toBe(1);
    expect(editDistance('deceptve', 'deceptive')).toBe(1);
    expect(editDistance('deceptivee', 'deceptive')).toBe(1);
    expect(editDistance('deseptive', 'deceptive')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  test('returns limit + 1 as soon as the distance must exceed the limit', () => {
    expect(editDistance('qzxv', 'deceptive', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  });
  test('returns a symmetric distance, zero only between equal words, within the triangle inequality', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        const ab = editDistance(a, b);
        expect(editDistance(b, a)).toBe(ab);
        expect(ab === 0).toBe(a === b);
        expect(ab).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, c)).toBeLessThanOrEqual(ab + editDistance(b, c) + 1);
      }),
    );
  });
});

describe('suggestWord', () => {
  const words = ['deceptive', 'deception', 'decided', 'deep', 'counting', 'countering', 'alignment'];
  test('returns the closest word, counting a word still being typed', () => {
    expect(suggestWord('decpetive', words)).toBe('deceptive');
    expect(suggestWord('countign', words)).toBe('counting');
    expect(suggestWord('alignmnet', words)).toBe('alignment');
    expect(suggestWord('decpet', words)).toBe('deceptive');
  });
  test('returns the more used word (earlier in the list) between equally close ones', () => {
    expect(suggestWord('decepti', ['deception', 'deceptive'])).toBe('deception');
    expect(suggestWord('decepti', ['deceptive', 'deception'])).toBe('deceptive');
  });
  test('returns null when nothing is within the edits a word of its length allows', () => {
    expect(suggestWord('qzxv', words)).toBeNull();
    expect(suggestWord('zzzzzzzz', words)).toBeNull();
  });
});

describe('vocabularyShards', () => {
  const records = ['the model and the goal', 'the deceptive model', 'the goal of deceptive alignment', 'training the model'];
  const shards = vocabularyShards(records);
  test('returns one shard per first character, words most used first', () => {
    expect(shards.get('u6d.json')?.words).toEqual(['model']);
    expect(shards.get('u64.json')?.words).toEqual(['deceptive']);
    expect([...shards.values()].flatMap((s) => s.words).sort()).toEqual(['alignment', 'and', 'deceptive', 'goal', 'model', 'of', 'the', 'training'].sort());
  });
  test(`returns as common the words in at least ${COMMON_SHARE * 100} % of the records`, () => {
    expect(shards.get('u74.json')).toEqual({ words: ['the', 'training'], common: ['the'] });
    expect(shards.get('u6d.json')?.common).toEqual(['model']);
    expect(shards.get('u67.json')?.common).toEqual([]);
  });
});

describe('checkQuery', () => {
  const shards = new Map<string, VocabularyShard>([
    ['u64.json', { words: ['deceptive', 'dec'], common: [] }],
    ['u61.json', { words: ['alignment', 'a'], common: ['a'] }],
    ['u6f.json', { words: ['of'], common: ['of'] }],
    ['u6c.json', { words: ['live'], common: [] }],
  ]);
  test('returns no unknown words and the query for a known query', () => {
    expect(checkQuery('deceptive alignment', shards)).toEqual({ unknown: [], suggestion: null, search: 'deceptive alignment' });
  });
  test('returns the unknown words and the corrected query', () => {
    expect(checkQuery('decpetive alignment', shards)).toMatchObject({ unknown: ['decpetive'], suggestion: 'deceptive alignment' });
    expect(checkQuery('qzxv', shards)).toMatchObject({ unknown: ['qzxv'], suggestion: null });
  });
  test('returns the query without its common words, unless nothing else is left or it is a quoted phrase', () => {
    expect(checkQuery('live of deceptive alignment', shards).search).toBe('live deceptive alignment');
    expect(checkQuery('a of', shards).search).toBe('a of');
    expect(checkQuery('"live of deceptive"', shards).search).toBe('"live of deceptive"');
    expect(isPhraseQuery(' "a b" ')).toBe(true);
    expect(isPhraseQuery('"a" b')).toBe(false);
  });
});

describe('VocabularyCounter counts and absorb', () => {
  test('counting records in two counters and absorbing one into the other equals counting them in one', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z ]{0,30}$/), { maxLength: 20 }), fc.nat(20), (records, cut) => {
        const all = new VocabularyCounter();
        for (const r of records) all.add(r);
        const [a, b] = [new VocabularyCounter(), new VocabularyCounter()];
        records.forEach((r, i) => (i < cut ? a : b).add(r));
        a.absorb(JSON.parse(JSON.stringify(b.counts())) as VocabularyCounts);
        expect(a.shards()).toEqual(all.shards());
      }),
    );
  });

  test('parts counted apart and taken into an empty counter, one after another, equal counting them together', () => {
    // Words with capitals, hyphens and accents take the slow path; the rest are plain.
    const word = fc.oneof(fc.constantFrom('long-term', 'Deceptive', 'naïve', 'goal', 'goals', 'x2', 'GPT-4', 'é'), fc.stringMatching(/^[a-z]{1,4}$/));
    const record = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 24 }), fc.integer({ min: 1, max: 5 }), (records, k) => {
        const all = new VocabularyCounter();
        for (const r of records) all.add(r);
        const parts = Array.from({ length: k }, () => new VocabularyCounter());
        records.forEach((r, i) => parts[i % k]!.add(r));
        const joined = new VocabularyCounter();
        for (const p of parts) joined.absorb(p.counts());
        expect(joined.counts().records).toBe(records.length);
        expect(new Map(joined.counts().words.map(([w, n, inRecords]) => [w, [n, inRecords]]))).toEqual(
          new Map(all.counts().words.map(([w, n, inRecords]) => [w, [n, inRecords]])),
        );
        expect(joined.shards()).toEqual(all.shards());
      }),
    );
  });

  test('a word used twice in one record counts two uses in one record', () => {
    const c = new VocabularyCounter();
    c.add('goal goal Goal long-term');
    c.add('goal');
    const counts = new Map(c.counts().words.map(([w, n, inRecords]) => [w, [n, inRecords]]));
    expect(counts.get('goal')).toEqual([4, 2]);
    expect(counts.get('longterm')).toEqual([1, 1]);
    expect(counts.get('term')).toEqual([1, 1]);
  });
});
