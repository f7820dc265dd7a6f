import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { encodeCbor } from '../../../../src/lib/search/cbor.ts';
import { chunkOfWords, readRawWords, type IndexWord, type PackedPage, type PackedWord } from '../../../../src/lib/search/pagefind-chunks.ts';
import { compareCodePoints, joinFields, mergeFilters, mergeWords, type IndexPart } from '../../../../src/lib/search/pagefind-merge.ts';
import { wordWeight } from '../../../../src/lib/search/pagefind-chunks.ts';

// What one index holds, written plainly: word → page number → [positions, meta positions by field name].
type Plain = Map<string, Map<number, { locs: number[]; meta: [string, number][] }>>;

/** Encodes a plain index over `pageCount` pages the way Pagefind lays it out (stepped page numbers, field markers). */
function encode(plain: Plain, fields: readonly string[]): PackedWord[] {
  return [...plain.keys()].sort(compareCodePoints).map((word) => {
    let last = 0;
    const pages = [...plain.get(word)!].sort((a, b) => a[0] - b[0]);
    return [
      word,
      pages.map(([page, { locs, meta }]): PackedPage => {
        const step = page - last;
        last = page;
        return [step, [-25, ...locs], meta.flatMap(([f, pos]) => [-fields.indexOf(f) - 1, pos])];
      }),
      [],
    ];
  });
}

/** A random plain index over a few pages, with meta positions in some of `fields`. */
const plainIndex = (pageCount: number, fields: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom('a', 'b', 'é', 'z', 'ab', '\u{1F600}', '\uFB01', 'zz'),
        fc.integer({ min: 0, max: Math.max(0, pageCount - 1) }),
        fc.nat(50),
        fc.option(fc.constantFrom(...fields), { nil: undefined }),
      ),
      { maxLength: 30 },
    )
    .map((entries) => {
      const plain: Plain = new Map();
      for (const [word, page, pos, field] of entries) {
        const pages = plain.get(word) ?? new Map<number, { locs: number[]; meta: [string, number][] }>();
        const entry = pages.get(page) ?? { locs: [], meta: [] };
        if (!entry.locs.includes(pos)) entry.locs.push(pos);
        if (field && !entry.meta.some(([f]) => f === field)) entry.meta.push([field, pos]);
        entry.meta.sort((x, y) => fields.indexOf(x[0]) - fields.indexOf(y[0]));
        pages.set(page, entry);
        plain.set(word, pages);
      }
      return plain;
    });

describe('compareCodePoints', () => {
  test('orders strings as their UTF-8 bytes do (Rust’s order), unlike JavaScript’s < for astral characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
    // U+1F600 is above U+FB01 by code point, below it by UTF-16 unit.
    expect(compareCodePoints('\u{1F600}', '\uFB01')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFB01').toBe(true);
  });
});

describe('joinFields', () => {
  test('joins the parts’ field names in order and says where each part’s fields went', () => {
    expect(joinFields([['title'], ['author', 'title'], ['zed']])).toEqual({
      fields: ['author', 'title', 'zed'],
      maps: [[1], [0, 1], [2]],
    });
  });
});

describe('mergeWords', () => {
  const partFields = [['title'], ['author', 'title'], ['author', 'title', 'zed']];
  const { fields, maps } = joinFields(partFields);
  /** Three random parts, and the same index written as one: every part's pages shifted by the pages before it. */
  const partsAndWhole = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .chain((counts) => fc.tuple(fc.constant(counts), ...counts.map((n, k) => plainIndex(n, partFields[k]!))))
    .map(([counts, ...plains]) => {
      const parts: IndexPart[] = plains.map((plain, k) => ({ words: encode(plain, partFields[k]!), fields: partFields[k]!, pageCount: counts[k]! }));
      const whole: Plain = new Map();
      let offset = 0;
      plains.forEach((plain, k) => {
        for (const [word, pages] of plain) {
          const into = whole.get(word) ?? new Map<number, { locs: number[]; meta: [string, number][] }>();
          for (const [page, entry] of pages) into.set(page + offset, entry);
          whole.set(word, into);
        }
        offset += counts[k]!;
      });
      return { parts, whole };
    });

  test('gives the index of all pages: each part’s pages moved up, field markers moved to the joined list', () => {
    fc.assert(
      fc.property(partsAndWhole, ({ parts, whole }) => {
        expect([...mergeWords(parts, maps)]).toEqual(encode(whole, fields));
      }),
    );
  });

  test('gives the same bytes when the parts’ page lists are read as bytes (readRawWords), as the build reads them', () => {
    // Part 1's one field moves in the joined list, so its lists are decoded and their markers
    // moved, while parts 2 and 3 are copied through: both ways are in every merge here.
    fc.assert(
      fc.property(partsAndWhole, ({ parts, whole }) => {
        const raw = parts.map((p) => ({ ...p, words: readRawWords(encodeCbor(chunkOfWords([...p.words])), 'part') }));
        const hex = (words: IndexWord[]) => Buffer.from(encodeCbor(chunkOfWords(words))).toString('hex');
        const merged = [...mergeWords(raw, maps)];
        expect(hex(merged)).toBe(hex(encode(whole, fields)));
        // Their weights, which decide the cuts between chunks, are those of the decoded words.
        expect(merged.map(wordWeight)).toEqual(encode(whole, fields).map(wordWeight));
      }),
    );
  });

  test('copies through parts whose fields do not move, with only each list’s first step rewritten', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
          .chain((counts) => fc.tuple(fc.constant(counts), plainIndex(counts[0], ['title']), plainIndex(counts[1], ['title']))),
        ([counts, a, b]) => {
          const parts = [a, b].map((plain, k) => ({
            words: readRawWords(encodeCbor(chunkOfWords(encode(plain, ['title']))), 'part'),
            fields: ['title'],
            pageCount: counts[k]!,
          }));
          const whole: Plain = new Map(a);
          for (const [word, pages] of b) {
            const into = new Map(whole.get(word) ?? []);
            for (const [page, entry] of pages) into.set(page + counts[0], entry);
            whole.set(word, into);
          }
          const hex = (words: IndexWord[]) => Buffer.from(encodeCbor(chunkOfWords(words))).toString('hex');
          expect(hex([...mergeWords(parts, [[0], [0]])])).toBe(hex(encode(whole, ['title'])));
        },
      ),
    );
  });

  test('joins a word’s spelling variants across parts, each with its own stepped pages', () => {
    const a: PackedWord = ['cafe', [[1, [-25, 0], []]], [['café', [[0, [-25, 3], []]]]]];
    const b: PackedWord = ['cafe', [[0, [-25, 1], []]], [['café', [[2, [-25, 4], []]]]]];
    const merged = [
      ...mergeWords(
        [
          { words: [a], fields: [], pageCount: 2 },
          { words: [b], fields: [], pageCount: 3 },
        ],
        [[], []],
      ),
    ];
    expect(merged).toEqual([
      [
        'cafe',
        [
          [1, [-25, 0], []],
          [1, [-25, 1], []],
        ],
        [
          [
            'café',
            [
              [0, [-25, 3], []],
              [4, [-25, 4], []],
            ],
          ],
        ],
      ],
    ]);
  });

  test('refuses a meta field marker that names no field of its part', () => {
    const w: PackedWord = ['x', [[0, [-25, 0], [-3, 0]]], []];
    expect(() => [...mergeWords([{ words: [w], fields: ['title'], pageCount: 1 }], [[1]])]).toThrow(/marker -3/);
  });
});

describe('mergeFilters', () => {
  test('moves each part’s pages up by the pages before it and joins values', () => {
    const merged = mergeFilters([
      { filters: new Map([['kind', [['Comment', [0, 2]]]]]), pageCount: 3 },
      { filters: new Map(), pageCount: 2 },
      {
        filters: new Map([
          [
            'kind',
            [
              ['Page', [1]],
              ['Comment', [0]],
            ],
          ],
        ]),
        pageCount: 2,
      },
    ]);
    expect(merged).toEqual(
      new Map([
        [
          'kind',
          [
            ['Comment', [0, 2, 5]],
            ['Page', [6]],
          ],
        ],
      ]),
    );
  });
});
