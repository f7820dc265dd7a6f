import { describe, expect, test } from 'vitest';
import { SourceError } from '../../../../src/lib/threads/errors.ts';
import { splitExportLines } from '../../../../src/lib/threads/lines.ts';
import { applySegmentation, type SegmentSpec } from '../../../../src/lib/threads/segmentation.ts';

const exportLines = splitExportLines(['c1 a', 'c1 b', 'reply', 'Heading', 'text', 'Heading', 'more', 'tail'].join('\n'));
const author = { name: null, status: 'unknown' as const };
const seg = (at: number, lines: [number, number], more: Partial<SegmentSpec> = {}): SegmentSpec => ({ at, lines, kind: 'comment', author, ...more });
const good = (): SegmentSpec[] => [
  seg(10, [1, 2], { key: 'C1', quotes: [{ line: 2 }] }),
  seg(20, [3, 3], { key: 'C2', parent: { to: 'C1', at: 21 } }),
  seg(30, [4, 7], {
    kind: 'essay',
    headings: [
      { line: 4, level: 2, at: 31 },
      { line: 6, level: 3, id: 'heading-again', at: 32 },
    ],
    missingLists: [{ after: 5, label: 'A list', items: [], lost: true, note: 'gone', at: 33 }],
  }),
  seg(40, [8, 8], { kind: 'skip', reason: 'trailing junk' }),
];
const run = (segments: SegmentSpec[]) => applySegmentation('seg.yaml', exportLines, segments, 'export.txt');
const errorOf = (segments: SegmentSpec[]): string => {
  try {
    run(segments);
  } catch (e) {
    if (e instanceof SourceError) return e.message;
    throw e;
  }
  throw new Error('expected a SourceError');
};

describe('applySegmentation', () => {
  test('cuts comments, quotes and an essay with headings and a missing list', () => {
    const r = run(good());
    expect(r.comments.map((c) => [c.label, c.paragraphs])).toEqual([
      [
        'C1',
        [
          { text: 'c1 a', line: 1, col: 0, quote: false },
          { text: 'c1 b', line: 2, col: 0, quote: true },
        ],
      ],
      ['C2', [{ text: 'reply', line: 3, col: 0, quote: false }]],
    ]);
    expect(r.essay?.sections).toMatchInlineSnapshot(`
      [
        {
          "blocks": [
            {
              "col": 0,
              "kind": "p",
              "line": 5,
              "note": undefined,
              "quote": false,
              "text": "text",
            },
            {
              "after": 5,
              "id": "missing-list-5",
              "items": [],
              "kind": "missing-list",
              "label": "A list",
              "lost": true,
              "note": "gone",
            },
          ],
          "heading": "Heading",
          "id": "heading",
          "level": 2,
          "line": 4,
          "lines": [
            4,
            5,
          ],
        },
        {
          "blocks": [
            {
              "col": 0,
              "kind": "p",
              "line": 7,
              "note": undefined,
              "quote": false,
              "text": "more",
            },
          ],
          "heading": "Heading",
          "id": "heading-again",
          "level": 3,
          "line": 6,
          "lines": [
            6,
            7,
          ],
        },
      ]
    `);
  });

  test.each<[string, (s: SegmentSpec[]) => void, string]>([
    ['overlap', (s) => (s[1] = seg(20, [2, 3], { key: 'C2' })), 'seg.yaml:20: segment C2 overlaps C1 (line 2)'],
    [
      'gap',
      (s) => (s[0] = seg(10, [1, 1], { key: 'C1' })),
      'seg.yaml:20: line 2 of export.txt is in no segment (between C1 and C2); add a segment or a "kind: skip" with a reason',
    ],
    ['uncovered tail', (s) => s.pop(), 'seg.yaml:30: line 8 of export.txt is in no segment (after essay (lines 4-7))'],
    [
      'past the end',
      (s) => (s[3] = seg(40, [8, 9], { kind: 'skip', reason: 'x' })),
      'seg.yaml:40: segment skip (lines 8-9) ends at line 9, but export.txt has only 8 lines',
    ],
    ['unknown parent', (s) => (s[1] = seg(20, [3, 3], { key: 'C2', parent: { to: 'C9', at: 22 } })), 'seg.yaml:22: segment C2 replies to unknown key "C9"'],
    ['self reply', (s) => (s[1] = seg(20, [3, 3], { key: 'C2', parent: { to: 'C2', at: 22 } })), 'seg.yaml:22: segment C2 cannot reply to itself'],
    ['duplicate key', (s) => (s[1] = seg(20, [3, 3], { key: 'C1' })), 'seg.yaml:20: segment key C1 is used twice (first at line 10)'],
    [
      'quote outside',
      (s) => (s[0] = seg(10, [1, 2], { key: 'C1', quotes: [{ line: 3 }], quotesAt: 12 })),
      'seg.yaml:12: segment C1: quote line 3 is outside its lines 1-2',
    ],
    ['skip without reason', (s) => (s[3] = seg(40, [8, 8], { kind: 'skip' })), 'seg.yaml:40: segment skip (line 8) has kind "skip" but no reason'],
    [
      'duplicate heading ids',
      (s) => {
        const e = s[2];
        if (e?.headings?.[1]) e.headings[1] = { line: 6, level: 3, at: 32 };
      },
      'seg.yaml:32: section id "heading" (line 6) is already used by line 4; give this heading an explicit id',
    ],
    ['heading outside the essay', (s) => s[2]?.headings?.push({ line: 8, level: 2, at: 34 }), "seg.yaml:34: heading line 8 is outside the essay's lines 4-7"],
    [
      'untitled opening without id',
      (s) => {
        if (s[2]) s[2].headings = [{ line: 6, level: 2, at: 32 }];
      },
      'seg.yaml:30: the essay starts at line 4, which is not a heading; give "openingId" for the untitled opening section',
    ],
  ])('fails on %s with file and line', (_name, mutate, message) => {
    const s = good();
    mutate(s);
    expect(errorOf(s)).toBe(message);
  });

  test('starts an essay with an untitled section when given openingId', () => {
    const s = good();
    if (s[2]) {
      s[2].headings = [{ line: 6, level: 2, at: 32 }];
      s[2].openingId = 'acknowledgements';
      s[2].missingLists = [];
    }
    const sections = run(s).essay?.sections ?? [];
    expect(sections.map((x) => [x.id, x.heading, x.level, x.lines])).toEqual([
      ['acknowledgements', null, 2, [4, 5]],
      ['heading', 'Heading', 2, [6, 7]],
    ]);
  });
});
