import { describe, expect, test } from 'vitest';
import { parseSegmentation } from '../../../src/importer/parse.ts';
import { SourceError } from '../../../src/lib/threads/errors.ts';

const head = ['origin: { site: X, url: null, date: null }', 'licence: { status: unknown, statement: Test. }'];
const doc = (...lines: string[]) => [...head, ...lines].join('\n');
const errorOf = (text: string): string => {
  try {
    parseSegmentation('s.yaml', text);
  } catch (e) {
    if (e instanceof SourceError) return e.message;
    throw e;
  }
  throw new Error('expected a SourceError');
};

describe('parseSegmentation', () => {
  test('accepts the three ways of writing lines and records each segment line', () => {
    const s = parseSegmentation(
      's.yaml',
      doc(
        'segments:',
        '  - { lines: "1-9", kind: skip, reason: a }',
        '  - { lines: 10, kind: skip, reason: b }',
        '  - lines: [11, 12]',
        '    kind: skip',
        '    reason: c',
      ),
    );
    expect(s.segments?.map((x) => [x.lines, x.at])).toEqual([
      [[1, 9], 4],
      [[10, 10], 5],
      [[11, 12], 6],
    ]);
  });

  test('reads headings as line → level or { level, id }', () => {
    const s = parseSegmentation(
      's.yaml',
      doc('segments:', '  - lines: "1-3"', '    kind: essay', '    headings:', '      1: 2', '      3: { level: 4, id: why-again }'),
    );
    expect(s.segments?.[0]?.headings).toEqual([
      { line: 1, level: 2, id: undefined, at: 7 },
      { line: 3, level: 4, id: 'why-again', at: 8 },
    ]);
  });

  test('reads a parent written as a key or as an object', () => {
    const s = parseSegmentation(
      's.yaml',
      doc('segments:', '  - { lines: 1, kind: comment, parent: C1 }', '  - { lines: 2, kind: comment, parent: { to: post, assumed: true, note: n } }'),
    );
    expect(s.segments?.map((x) => x.parent)).toEqual([
      { to: 'C1', at: 4 },
      { to: 'post', assumed: true, note: 'n', at: 5 },
    ]);
  });

  test.each([
    [
      'a nested field',
      doc('segments:', '  - lines: "1-3"', '    kind: essay', '    missingLists:', '      - after: 2', '        label: x', '        lost: true'),
      's.yaml:7: segment #1: missingLists.0.note: Invalid input: expected string, received undefined',
    ],
    [
      'a typo in a field name',
      doc('segments:', '  - lines: 1', '    kind: comment', '    autor: { name: null, status: unknown }'),
      's.yaml:6: segment #1: autor: Unrecognized key: "autor"',
    ],
    [
      'a bad range',
      doc('segments:', '  - lines: "1 to 3"', '    kind: comment'),
      's.yaml:4: segment #1: lines: lines must look like "3-9", 7 or [3, 9] (got "1 to 3")',
    ],
    ['a duplicate YAML key', doc('slug: a', 'slug: b'), /^s\.yaml:4: bad YAML: Map keys must be unique/],
    [
      'segments and overrides together',
      doc('segments: []', 'comments: []'),
      's.yaml:4: use either "segments" (exports without headers) or "comments" (header exports), not both',
    ],
    ['a missing licence', 'origin: { site: X, url: null, date: null }', 's.yaml:1: licence: Invalid input: expected object, received undefined'],
  ])('names the line of %s', (_what, text, message) => {
    if (typeof message === 'string') expect(errorOf(text)).toBe(message);
    else expect(errorOf(text)).toMatch(message);
  });
});
