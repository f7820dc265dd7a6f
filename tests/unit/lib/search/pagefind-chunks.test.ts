import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  distinguishingPrefix,
  chunkOfWords,
  chunkRangesOfMeta,
  cutIntoChunks,
  PagefindFormatError,
  rangesOf,
  readRawWords,
  wordsOfChunk,
  wordWeight,
  type PackedWord,
} from '../../../../src/lib/search/pagefind-chunks.ts';
import { decodeCbor, encodeCbor, type CborValue } from '../../../../src/lib/search/cbor.ts';

/** A word on `pages` pages with `positions` positions on each. */
const word = (w: string, pages = 1, positions = 1): PackedWord => [
  w,
  Array.from({ length: pages }, (_, p) => [p, Array.from({ length: positions }, (_, i) => i), []]),
  [],
];

describe('wordWeight', () => {
  test('returns one per page plus one per position', () => {
    expect(wordWeight(word('a', 1, 1))).toBe(2);
    expect(wordWeight(word('a', 3, 4))).toBe(15);
  });
});

describe('cutIntoChunks', () => {
  test('returns runs closed at the first boundary past the target, never splitting a word', () => {
    const words = [word('a'), word('b'), word('c', 1, 9), word('d'), word('e')];
    expect(cutIntoChunks(words, 4, 0).map((c) => c.map((w) => w[0]))).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
  });

  test('returns a 3-letter family in one run even when the target falls inside it', () => {
    const words = ['deb', 'decay', 'deceive', 'decept', 'decid', 'def'].map((w) => word(w));
    expect(cutIntoChunks(words, 5).map((c) => c.map((w) => w[0]))).toEqual([['deb', 'decay', 'deceive', 'decept', 'decid'], ['def']]);
    expect(cutIntoChunks(words, 4, 0).map((c) => c.map((w) => w[0]))).toEqual([
      ['deb', 'decay'],
      ['deceive', 'decept'],
      ['decid', 'def'],
    ]);
  });

  test('returns every word once, in order, with runs past the target only by their last word (keepTogether 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 200 }),
        (shape, target) => {
          const words = shape.map(([pages, positions], i) => word(`w${String(i).padStart(3, '0')}`, pages, positions));
          const chunks = cutIntoChunks(words, target, 0);
          expect(chunks.flat()).toEqual(words);
          for (const [i, c] of chunks.entries()) {
            const size = c.reduce((n, w) => n + wordWeight(w), 0);
            if (i < chunks.length - 1) expect(size).toBeGreaterThanOrEqual(target);
            expect(size - wordWeight(c.at(-1)!)).toBeLessThan(target);
          }
        },
      ),
    );
  });

  test('throws on a target that is not a positive whole number', () => {
    expect(() => cutIntoChunks([], 0)).toThrow('chunk target must be a positive whole number, not 0');
    expect(() => cutIntoChunks([], 2.5)).toThrow(RangeError);
  });
});

describe('distinguishingPrefix', () => {
  test('returns the next word cut one character past what the two words share', () => {
    const cases: [string, string, string][] = [
      ['apple', 'apricot', 'apr'],
      ['cataraman', 'yacht', 'y'],
      ['cath', 'cathartic', 'catha'],
      ['b', 'ab', 'a'],
      // Characters are code points: an emoji is never cut in half.
      ['x😀a', 'x😀b', 'x😀b'],
      ['😀', '😁', '😁'],
    ];
    for (const [a, b, want] of cases) expect(distinguishingPrefix(a, b), `${a} | ${b}`).toBe(want);
  });
});

describe('rangesOf', () => {
  test('returns each chunk from the shortest prefix past the previous chunk to its own last word', () => {
    const chunks = [[word('apple'), word('apricot')], [word('banana'), word('cca')], [word('ccb')]];
    expect(rangesOf(chunks)).toEqual([
      { from: 'apple', to: 'apricot', hash: '' },
      { from: 'b', to: 'cca', hash: '' },
      { from: 'ccb', to: 'ccb', hash: '' },
    ]);
  });

  // Pagefind's engine (pagefind_web request_indexes): for each query word, the first chunk with
  // from <= word <= to, comparing bytes; failing that, the first whose names, cut to the word's
  // length, bracket the word cut to theirs.
  const bytes = (x: string) => Buffer.from(x, 'utf8');
  const cmp = (a: Buffer, b: Buffer) => Buffer.compare(a, b);
  const lookup = (ranges: { from: string; to: string }[], term: string): number => {
    const t = bytes(term);
    const strict = ranges.findIndex((r) => cmp(t, bytes(r.from)) >= 0 && cmp(t, bytes(r.to)) <= 0);
    if (strict >= 0) return strict;
    return ranges.findIndex((r) => {
      const f = bytes(r.from);
      const o = bytes(r.to);
      const fl = Math.min(t.length, f.length);
      const tl = Math.min(t.length, o.length);
      return cmp(t.subarray(0, fl), f.subarray(0, fl)) >= 0 && cmp(t.subarray(0, tl), o.subarray(0, tl)) <= 0;
    });
  };
  const sortedWords = fc
    .uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 60 })
    .map((ws) => ws.sort((x, y) => cmp(bytes(x), bytes(y))));

  test('returns ranges under which Pagefind finds every word in its own chunk', () => {
    fc.assert(
      fc.property(sortedWords, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 }), (ws, target, keep) => {
        const chunks = cutIntoChunks(
          ws.map((w) => word(w)),
          target,
          keep,
        );
        const ranges = rangesOf(chunks);
        chunks.forEach((c, i) => {
          for (const [w] of c) expect(lookup(ranges, w), w).toBe(i);
        });
      }),
    );
  });

  test('returns ranges under which a prefix whose completions share a chunk finds that chunk', () => {
    fc.assert(
      fc.property(sortedWords, fc.integer({ min: 1, max: 8 }), (ws, target) => {
        const chunks = cutIntoChunks(
          ws.map((w) => word(w)),
          target,
        );
        const ranges = rangesOf(chunks);
        const home = new Map(chunks.flatMap((c, i) => c.map((w) => [w[0], i] as const)));
        const prefixes = new Set(
          ws.flatMap((w) =>
            Array.from(w).map((_, n) =>
              Array.from(w)
                .slice(0, n + 1)
                .join(''),
            ),
          ),
        );
        for (const p of prefixes) {
          const homes = new Set(ws.filter((w) => w.startsWith(p)).map((w) => home.get(w)));
          if (homes.size === 1) expect(lookup(ranges, p), p).toBe([...homes][0]);
        }
      }),
    );
  });
});

describe('cutIntoChunks and 3-letter families', () => {
  test('returns a 3-letter family split only by a run that had reached twice the target', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 3, maxLength: 7 }), { minLength: 2, maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        (raw, target) => {
          const ws = [...raw].sort();
          const chunks = cutIntoChunks(
            ws.map((w) => word(w)),
            target,
          );
          for (let i = 0; i + 1 < chunks.length; i++) {
            const [a, b] = [chunks[i]!.at(-1)![0], chunks[i + 1]![0]![0]];
            const size = chunks[i]!.reduce((n, w) => n + wordWeight(w), 0);
            if (a.slice(0, 3) === b.slice(0, 3)) expect(size, `${a} | ${b}`).toBeGreaterThanOrEqual(2 * target);
          }
        },
      ),
    );
  });

  test('returns a family far larger than the target in pieces, cut between longer prefixes', () => {
    const words = ['cona', 'conb', 'conc', 'cond', 'cone', 'conf'].map((w) => word(w));
    expect(cutIntoChunks(words, 2).map((c) => c.map((w) => w[0]))).toEqual([
      ['cona', 'conb'],
      ['conc', 'cond'],
      ['cone', 'conf'],
    ]);
  });
});

describe('wordsOfChunk / chunkOfWords', () => {
  test('returns the words of a chunk and wraps them back unchanged', () => {
    const words = [word('alpha', 2, 3)];
    expect(wordsOfChunk(chunkOfWords(words), 'x.pf_index')).toEqual(words);
  });

  test('throws naming the file and the word when the layout is not Pagefind’s', () => {
    expect(() => wordsOfChunk({} as never, 'x.pf_index')).toThrow('x.pf_index: expected [words] at the top of a word index chunk');
    expect(() => wordsOfChunk([[[1, []]]], 'x.pf_index')).toThrow('x.pf_index: word 0 is not [word, pages, …]');
    expect(() => wordsOfChunk([[['w', [[0, ['1']]]]]], 'x.pf_index')).toThrow(
      new PagefindFormatError('x.pf_index: word "w" has a page entry that is not [page, positions, …]'),
    );
  });
});

describe('readRawWords', () => {
  test('reads the words wordsOfChunk reads, weighing the same, and writes back the same bytes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 30 }),
        (names, pages, positions) => {
          const words = names.sort().map((n, i) => word(n, pages + (i % 2), positions + i));
          words.forEach((w, i) => {
            if (i % 3 === 0) w[2] = [[`${w[0]}é`, w[1]]];
          });
          const bytes = encodeCbor(chunkOfWords(words));
          const raw = readRawWords(bytes, 'x.pf_index');
          expect(raw.map((w) => w[0])).toEqual(words.map((w) => w[0]));
          expect(raw.map(wordWeight)).toEqual(words.map(wordWeight));
          expect(Buffer.from(encodeCbor(chunkOfWords(raw))).equals(Buffer.from(bytes))).toBe(true);
          expect(wordsOfChunk(decodeCbor(encodeCbor(chunkOfWords(raw))), 'x.pf_index')).toEqual(words);
        },
      ),
    );
  });

  test('throws naming the file and the word when the layout is not Pagefind’s', () => {
    const read = (v: CborValue) => () => readRawWords(encodeCbor(v), 'x.pf_index');
    expect(read({} as never)).toThrow();
    expect(read('words')).toThrow('x.pf_index: expected [words] at the top of a word index chunk');
    expect(read([[[1, []]]])).toThrow('x.pf_index: word 0 is not [word, pages, …]');
    expect(read([[['w', [[0, ['1']]]]]])).toThrow(new PagefindFormatError('x.pf_index: word "w" has a page entry that is not [page, positions, …]'));
    expect(read([[['w', [['0', [1]]]]]])).toThrow(new PagefindFormatError('x.pf_index: word "w" has a page entry that is not [page, positions, …]'));
    expect(read([[['w', [[0, [1]]], 'v']]])).toThrow('x.pf_index: word "w": variants are not a list');
  });
});

describe('chunkRangesOfMeta', () => {
  const meta = [
    '1.6.0',
    [['en_aaa', 10, '']],
    [
      ['a', 'm', 'en_1'],
      ['n', 'z', 'en_2'],
    ],
    [['kind', 'en_f']],
    [],
    ['title'],
  ];

  test('returns the chunk list', () => {
    expect(chunkRangesOfMeta(meta, 'm')).toEqual([
      { from: 'a', to: 'm', hash: 'en_1' },
      { from: 'n', to: 'z', hash: 'en_2' },
    ]);
  });

  test('throws naming the file when the meta layout is not Pagefind’s', () => {
    expect(() => chunkRangesOfMeta(['1.6.0', []], 'p.pf_meta')).toThrow('p.pf_meta: expected [version, pages, chunks, …] at the top of the meta file');
    expect(() => chunkRangesOfMeta(['1.6.0', [], [['a', 'b']]], 'p.pf_meta')).toThrow('p.pf_meta: chunk 0 is not [from, to, hash]');
  });
});
