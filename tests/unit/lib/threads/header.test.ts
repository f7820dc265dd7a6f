import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SourceError } from '../../../../src/lib/threads/errors.ts';
import { isHeaderExport, parseHeaderExport } from '../../../../src/lib/threads/header.ts';
import { splitExportLines } from '../../../../src/lib/threads/lines.ts';

const seed001 = splitExportLines(readFileSync(new URL('../../../../content/sources/001_c3a483cbcfe7bf87.txt', import.meta.url), 'utf8'));
const lines = (text: string) => splitExportLines(text);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return e.message;
    throw e;
  }
  throw new Error('expected a SourceError');
};

describe('splitExportLines', () => {
  test('keeps spaces, drops a final newline, a BOM and CRs', () => {
    expect(lines('\ufeff a \r\nb\n')).toEqual([
      { line: 1, text: ' a ' },
      { line: 2, text: 'b' },
    ]);
  });

  test('counts a last line without newline (000 has 167 lines)', () => {
    const text = readFileSync(new URL('../../../../content/sources/000_17256e143ba248d8.txt', import.meta.url), 'utf8');
    expect(splitExportLines(text)).toHaveLength(167);
  });
});

describe('parseHeaderExport', () => {
  test('reads seed 001: title, byline, crosspost notice and four comments', () => {
    const h = parseHeaderExport('001.txt', seed001);
    expect(h.title.text).toBe('New report: "Scheming AIs: Will AIs fake alignment during training in order to get power?"');
    expect(h.byline).toEqual({ author: 'Joe_Carlsmith', date: '2023-11-15T17:16', karma: 71, line: 2 });
    expect(h.crosspostNotice?.line).toBe(3);
    expect(h.postBody).toEqual([]);
    expect(h.comments.map((c) => [c.author, c.date, c.karma, c.headerLine, c.lastLine, c.body.length])).toEqual([
      ['Quintin Pope', '2023-11-15T22:30', 22, 4, 32, 28],
      ['Joe_Carlsmith', '2023-11-28T01:27', 2, 33, 43, 10],
      ['JP Addison', '2023-11-28T16:39', 3, 44, 45, 1],
      ['Adrià R. Moret', '2023-12-01T16:00', 1, 46, 47, 1],
    ]);
  });

  test('drops the stray "null" before the first header and records it', () => {
    const [q] = parseHeaderExport('001.txt', seed001).comments;
    expect(q?.author).toBe('Quintin Pope');
    expect(q?.nullPrefix).toBe(true);
  });

  test('keeps a name that merely starts with "null"', () => {
    const h = parseHeaderExport('x', lines('T\nBy A @ 2024-01-01T00:00 (+1)\nnullbot @ 2024-01-02T00:00 (+0)\nhi\n'));
    expect(h.comments[0]?.author).toBe('nullbot');
    expect(h.comments[0]?.nullPrefix).toBe(false);
  });

  test('reads negative karma', () => {
    const h = parseHeaderExport('x', lines('T\nBy A @ 2024-01-01T00:00 (-2)\nEve @ 2024-01-02T00:00 (-3)\nhi\n'));
    expect(h.byline.karma).toBe(-2);
    expect(h.comments[0]?.karma).toBe(-3);
  });

  test('treats text before the first comment (other than the notice) as the post body', () => {
    const h = parseHeaderExport('x', lines('T\nBy A @ 2024-01-01T00:00 (+1)\nBody one\n\nBody two\nEve @ 2024-01-02T00:00 (+1)\nhi\n'));
    expect(h.crosspostNotice).toBeNull();
    expect(h.postBody.map((l) => l.line)).toEqual([3, 5]);
  });

  test.each([
    ['T\nBy Joe @ 2023-11-15 (+71)\n', 'x:2: unparseable byline: expected "By Name @ YYYY-MM-DDTHH:MM (+karma)"'],
    ['T\n', 'x:2: missing byline "By Name @ YYYY-MM-DDTHH:MM (+karma)"'],
    ['T\nBy Joe @ 2023-02-30T10:00 (+1)\n', 'x:2: comment header has an impossible date "2023-02-30T10:00"'],
    ['T\nBy Joe @ 2023-01-01T10:00 (+1)\nAnn @ 2023-01-02T10:00 (+one)\nx\n', 'x:3: unparseable comment header: expected "Name @ YYYY-MM-DDTHH:MM (+karma)"'],
    ['T\nBy Joe @ 2023-01-01T10:00 (+1)\nAnn @ 2023-01-02T10:00 (+1)\n', 'x:3: comment by Ann has no text'],
  ])('fails with a positioned message for %j', (text, message) => {
    expect(errorOf(() => parseHeaderExport('x', lines(text)))).toBe(message);
  });
});

describe('isHeaderExport', () => {
  test('returns true only when line 2 is a byline', () => {
    expect(isHeaderExport(seed001)).toBe(true);
    expect(isHeaderExport(lines('Comments as I read:\n(1) You talk\n'))).toBe(false);
  });
});
