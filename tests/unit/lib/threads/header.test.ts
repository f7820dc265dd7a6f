import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SourceError } from '../../../../src/lib/threads/errors.ts';
import { isHeaderExport, looksLikeCommentHeader, nameProblem, parseCommentHeader, parseHeaderExport } from '../../../../src/lib/threads/header.ts';
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
    [
      'T\nBy Joe @ 2023-01-01T10:00 (+1)\nAnn @ 2023-01-02T10:00 (+one)\nx\n',
      'x:3: looks like a comment header but the karma "(+one)" is not a whole number like (+3) or (-2); if it is really text, list line 3 under "bodyLines" in the segmentation file',
    ],
    ['T\nBy Joe @ 2023-01-01T10:00 (+99999999999999999999)\n', 'x:2: karma +99999999999999999999 is not a safe integer'],
    ['T\nBy Jo\u0007e @ 2023-01-01T10:00 (+1)\n', 'x:2: unparseable byline: the name contains a control character (U+0007)'],
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

const HINT = (n: number) => `; if it is really text, list line ${n} under "bodyLines" in the segmentation file`;

describe('parseCommentHeader', () => {
  const parse = (text: string) => parseCommentHeader('x', { line: 7, text });

  test.each([
    ['Bob @ 2023-11-16 11:00 (+3)', 'the date "2023-11-16 11:00" is not YYYY-MM-DDTHH:MM'],
    ['Bob @ 16 Nov 2023 (+3)', 'the date "16 Nov 2023" is not YYYY-MM-DDTHH:MM'],
    ['Bob @ 11/16/2023 11:00 AM (+3)', 'the date "11/16/2023 11:00 AM" is not YYYY-MM-DDTHH:MM'],
    ['Bob @ \u0662\u0660\u0662\u0663-11-16T11:00 (+3)', 'the date "\u0662\u0660\u0662\u0663-11-16T11:00" has non-ASCII digits (U+0662)'],
    ['Bob @ 2023-11-16T11:00 (+\uff13)', 'the karma "(+\uff13)" has non-ASCII digits (U+FF13)'],
    ['Bob\u0000 @ 2023-11-16T11:00 (+3)', 'the name contains a control character (U+0000)'],
    ['Bo\rb @ 2023-11-16T11:00 (+3)', 'the name contains a control character (U+000D)'],
    ['Bo\u2029b @ 2023-11-16T11:00 (+3)', 'the name contains a Unicode separator (U+2029) where only a plain space may be'],
    ['\u202eboB @ 2023-11-16T11:00 (+3)', 'the name contains a Unicode format character (U+202E)'],
    [' Bob @ 2023-11-16T11:00 (+3)', 'the name has spaces around it'],
    ['@ 2023-11-16T11:00 (+3)', 'the name is missing'],
    ['Bob@2023-11-16T11:00 (+3)', 'the name and the date must be separated by " @ " (one space either side)'],
    ['Bob \uff20 2023-11-16T11:00 (+3)', 'the name and the date must be separated by " @ " (one space either side)'],
    ['Bob @ 2023-11-16T11:00', 'the karma, e.g. "(+3)", is missing after the date'],
    ['Bob @ 2023-11-16T11:00  (+3)', 'the date and the karma must be separated by one space'],
    ['Bob @ 2023-11-16T11:00 (\u22123)', 'the karma "(\u22123)" is not a whole number like (+3) or (-2)'],
    ['Bob @ 2023-11-16T11:00 (+3)\t', 'the line ends with spaces'],
    ['Bob @ 2023-11-16T11:00 (+3) ', 'the line ends with spaces'],
  ])('refuses the near miss %j, saying what is wrong', (text, why) => {
    expect(errorOf(() => parse(text))).toBe(`x:7: looks like a comment header but ${why}${HINT(7)}`);
  });

  test('writes invisible characters of a quoted date as code points', () => {
    expect(errorOf(() => parse('Bob @ 2023-11-16\u2028T11:00 (+3)'))).toBe(
      `x:7: looks like a comment header but the date "2023-11-16<U+2028>T11:00" is not YYYY-MM-DDTHH:MM${HINT(7)}`,
    );
  });

  test('refuses karma that is not a safe integer', () => {
    expect(errorOf(() => parse('Bob @ 2023-11-16T11:00 (-99999999999999999999)'))).toBe('x:7: karma -99999999999999999999 is not a safe integer');
    expect(parse(`Bob @ 2023-11-16T11:00 (+${Number.MAX_SAFE_INTEGER})`)?.karma).toBe(Number.MAX_SAFE_INTEGER);
  });

  test('returns null for prose that merely contains an @ or a date', () => {
    for (const text of ['I met Bob @ 10 Downing Street', 'mail bob@example.com on 2023-11-16', 'see @ 2023-11-16.', 'Bob @ 2023-11-16T11:00 (+3) said so']) {
      expect(parse(text), text).toBeNull();
    }
  });

  test('accepts a zero-width space in a name (it is a different, unlinked author)', () => {
    expect(parse('Joe_Carlsmith\u200b @ 2023-11-16T11:00 (+3)')?.author).toBe('Joe_Carlsmith\u200b');
  });

  test.each([
    ['nullQuintin Pope @ 2023-11-15T22:30 (+22)', 'Quintin Pope', true],
    ['null\u00c9mile @ 2023-11-15T22:30 (+22)', '\u00c9mile', true],
    ['null_void @ 2023-11-15T22:30 (+22)', 'null_void', false],
    ['nullbot @ 2023-11-15T22:30 (+22)', 'nullbot', false],
    ['Null Pointer @ 2023-11-15T22:30 (+22)', 'Null Pointer', false],
    ['null Pointer @ 2023-11-15T22:30 (+22)', 'null Pointer', false],
    ['null1 @ 2023-11-15T22:30 (+22)', 'null1', false],
    ['NULLBob @ 2023-11-15T22:30 (+22)', 'NULLBob', false],
  ])('repairs only the exact null artifact: %j → %j', (text, author, repaired) => {
    expect(parse(text)).toMatchObject({ author, nullPrefix: repaired });
  });

  test('does not repair "null" before a broken header, but reports the whole line', () => {
    expect(errorOf(() => parse('nullQuintin Pope @ 2023-11-15 22:30 (+22)'))).toBe(
      `x:7: looks like a comment header but the date "2023-11-15 22:30" is not YYYY-MM-DDTHH:MM${HINT(7)}`,
    );
  });

  test('stays fast on hostile lines of spaces and at-signs', () => {
    const lines = [
      `a${' '.repeat(50_000)}@${' '.repeat(50_000)}x`,
      `Bob @ 2023-11-16${' '.repeat(50_000)}x`,
      '1 @ 1-1-1   '.repeat(10_000),
      '@ 1-1-1 1:11 '.repeat(10_000),
    ];
    const t0 = performance.now();
    for (const text of lines) looksLikeCommentHeader(text);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('nameProblem', () => {
  test('returns null for ordinary names, including joiners some scripts need', () => {
    for (const name of ['Quintin Pope', 'Adrià R. Moret', 'Joe_Carlsmith', '\u0645\u06cc\u200c\u0631\u0627']) expect(nameProblem(name), name).toBeNull();
  });
});

describe('parseHeaderExport with bodyLines', () => {
  const text = 'T\nBy A @ 2024-01-01T00:00 (+1)\nAnn @ 2024-01-02T00:00 (+1)\nquoting:\nBob @ 2024-01-02 00:00 (+3)\nEve @ 2024-01-03T00:00 (+1)\nhi\n';

  test('treats a listed line as body text of the comment it is in', () => {
    const h = parseHeaderExport('x', lines(text), { bodyLines: new Set([5]) });
    expect(h.comments.map((c) => [c.author, c.body.map((l) => l.line)])).toEqual([
      ['Ann', [4, 5]],
      ['Eve', [7]],
    ]);
  });

  test('stops at the same line when it is not listed', () => {
    expect(errorOf(() => parseHeaderExport('x', lines(text)))).toBe(
      `x:5: looks like a comment header but the date "2024-01-02 00:00" is not YYYY-MM-DDTHH:MM${HINT(5)}`,
    );
  });
});
