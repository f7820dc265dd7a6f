import { describe, expect, test } from 'vitest';
import { importExport } from '../../../src/importer/parse.ts';
import { SourceError } from '../../../src/lib/threads/errors.ts';

// The segmentation's quote cuts, end to end through the importer core: a quotation inside a line
// becomes its own paragraph, the reply keeps its own words, and a phrase that does not fit stops
// the import at the segmentation file's line.

const EXPORT = ['Top comment by someone.', 'I see this as unlikely (though a thing to worry about).Curious what evidence you have?', 'Plain reply.'].join('\n');

function segmentation(quotes: string): string {
  return [
    'source: content/sources/t.txt',
    'title: T',
    'origin: { site: X, url: null, date: null }',
    'licence: { status: unknown, statement: Test. }',
    'post: { title: T, author: { name: A, status: recorded } }',
    'segments:',
    '  - { lines: "1", kind: comment, key: C1, author: { name: A, status: recorded } }',
    '  - lines: "2-3"',
    '    kind: comment',
    '    key: C2',
    '    author: { name: B, status: recorded }',
    '    parent: C1',
    `    quotes: ${quotes}`,
  ].join('\n');
}

function run(quotes: string) {
  return importExport({
    exportFile: 'content/sources/t.txt',
    exportText: EXPORT,
    from: 'content/sources/t.txt',
    segmentsFile: 'content/segments/t.yaml',
    segmentsText: segmentation(quotes),
    segmentsRel: 'content/segments/t.yaml',
  });
}

describe('quote cuts in the importer', () => {
  test('a quotation ending inside a line becomes its own paragraph, with its note', () => {
    const r = run('[{ line: 2, to: "a thing to worry about).", note: "Quoting the comment B replies to." }]');
    const c2 = (r.thread.data['comments'] as { paragraphs: unknown[] }[])[1];
    expect(c2?.paragraphs).toEqual([
      { text: 'I see this as unlikely (though a thing to worry about).', line: 2, col: undefined, quote: true, quoteNote: 'Quoting the comment B replies to.' },
      { text: 'Curious what evidence you have?', line: 2, col: 55, quote: undefined, quoteNote: undefined },
      { text: 'Plain reply.', line: 3, col: undefined, quote: undefined, quoteNote: undefined },
    ]);
  });

  test('cutting a line does not change the comment’s permalink', () => {
    const ids = (q: string) => (run(q).thread.data['comments'] as { id: string }[]).map((c) => c.id);
    expect(ids('[{ line: 2, to: "worry about)." }]')).toEqual(ids('[2]'));
  });

  test('a phrase that is not on the line stops the import at the segmentation line', () => {
    let message = '';
    try {
      run('[{ line: 2, to: "worried about)." }]');
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      message = e.message;
    }
    expect(message).toBe(
      'content/segments/t.yaml:13: segment C2: the quote\'s end phrase "worried about)." is not on line 2 (phrases must match the export exactly)',
    );
  });

  test('a quote entry names only line, from, to and note', () => {
    expect(() => run('[{ line: 2, upto: "x" }]')).toThrow('content/segments/t.yaml:13: segment C2: quotes.0.upto: Unrecognized key: "upto" (got "x")');
  });
});
