import { describe, expect, test } from 'vitest';
import { importExport } from '../../../src/importer/parse.ts';
import { SourceError } from '../../../src/lib/threads/errors.ts';
import { threadsCollectionSchema } from '../../../src/schemas/thread.ts';

// `author.sameAs` and `parent.refs` end to end through the importer core: the generated thread
// carries each unrecorded writer's label and each note's references as comment ids, and a key that
// names nothing stops the import at the segmentation file's line.

const EXPORT = ['First words.', 'A named reply.', 'Second words.', 'Third words.', 'A one-off.'].join('\n');

function segmentation(...extra: string[]): string {
  return [
    'source: content/sources/t.txt',
    'title: T',
    'origin: { site: X, url: null, date: null }',
    'licence: { status: unknown, statement: Test. }',
    'post: { title: T, author: { name: A, status: recorded } }',
    'segments:',
    '  - { lines: "1", kind: comment, key: C1, author: { name: null, status: unknown } }',
    '  - { lines: "2", kind: comment, key: C2, author: { name: B, status: inferred }, parent: C1 }',
    ...extra,
  ].join('\n');
}

function run(text: string) {
  return importExport({
    exportFile: 'content/sources/t.txt',
    exportText: EXPORT,
    from: 'content/sources/t.txt',
    segmentsFile: 'content/segments/t.yaml',
    segmentsText: text,
    segmentsRel: 'content/segments/t.yaml',
  });
}

function errorOf(text: string): string {
  try {
    run(text);
  } catch (e) {
    if (e instanceof SourceError) return e.message;
    throw e;
  }
  throw new Error('expected a SourceError');
}

type Out = { id: string; author: { name: string | null; status: string; label?: string }; replyTo: { note?: string; refs?: string[] } };
const comments = (text: string) => run(text).thread.data['comments'] as Out[];

describe('labels for unrecorded authors in the importer', () => {
  test('comments joined by sameAs share a label; a one-off unrecorded author and named ones get none', () => {
    const out = comments(
      segmentation(
        '  - { lines: "3", kind: comment, key: C3, author: { name: null, status: unknown, sameAs: C1 } }',
        '  - { lines: "4", kind: comment, key: C4, author: { name: null, status: unknown, sameAs: C3 } }',
        '  - { lines: "5", kind: comment, key: C5, author: { name: null, status: unknown } }',
      ),
    );
    expect(out.map((c) => c.author.label)).toEqual(['Commenter A', undefined, 'Commenter A', 'Commenter A', undefined]);
    // The label is written beside the status and never as a name.
    expect(out.every((c) => c.author.name === null || c.author.label === undefined)).toBe(true);
  });

  test('the generated thread passes the site schema', () => {
    const r = run(segmentation('  - lines: "3-5"', '    kind: comment', '    key: C3', '    author: { name: null, status: unknown, sameAs: C1 }'));
    expect(threadsCollectionSchema.safeParse(r.thread.data).success).toBe(true);
  });

  test('a sameAs key that names no comment stops at its line', () => {
    const text = segmentation(
      '  - lines: "3-5"',
      '    kind: comment',
      '    key: C3',
      '    author:',
      '      name: null',
      '      status: unknown',
      '      sameAs: C9',
    );
    expect(errorOf(text)).toBe('content/segments/t.yaml:15: author.sameAs of C3: no comment has the key "C9"');
  });

  test('joining a named author stops the import', () => {
    const text = segmentation('  - { lines: "3-5", kind: comment, key: C3, author: { name: null, status: unknown, sameAs: C2 } }');
    expect(errorOf(text)).toMatch(/^content\/segments\/t\.yaml:9: author\.sameAs of C3: C2's author is recorded or inferred by name/);
  });

  test('parent.refs become the ids of the comments a note refers to', () => {
    const out = comments(
      segmentation(
        '  - { lines: "3-5", kind: comment, key: C3, author: { name: null, status: unknown }, parent: { to: unknown, note: "One of these:", refs: [C1, C2] } }',
      ),
    );
    expect(out[2]?.replyTo.refs).toEqual([out[0]?.id, out[1]?.id]);
  });

  test('a ref naming no comment stops at the parent line', () => {
    const text = segmentation(
      '  - lines: "3-5"',
      '    kind: comment',
      '    key: C3',
      '    author: { name: null, status: unknown }',
      '    parent: { to: unknown, refs: [C7] }',
    );
    expect(errorOf(text)).toBe('content/segments/t.yaml:13: comment C3: parent.refs names unknown key "C7"');
  });
});
