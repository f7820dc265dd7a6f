import { describe, expect, test } from 'vitest';
import { buildLinkGraph, type LinkGraphInput } from '../../../../src/lib/links/graph.ts';
import { commentContents, countEntries, repliesLabel, sectionContents, CONTENTS_WORDS, type ContentsEntry } from '../../../../src/lib/site/contents.ts';
import { buildCommentTree } from '../../../../src/lib/threads/tree.ts';
import { contentModel } from '../../content/site-content.ts';

/** The nesting of entries as indented ids, easy to read in a failure. */
const outline = (entries: readonly ContentsEntry[], depth = 0): string[] =>
  entries.flatMap((e) => [`${'  '.repeat(depth)}${e.id}`, ...outline(e.children, depth + 1)]);

describe('sectionContents', () => {
  test('returns sub-sections nested under their section, so each list numbers from one', () => {
    const entries = sectionContents([
      { id: 'opening', heading: null, level: 2 },
      { id: 'a', heading: 'A', level: 2 },
      { id: 'a1', heading: 'A.1', level: 3 },
      { id: 'a1x', heading: 'A.1.x', level: 4 },
      { id: 'a2', heading: 'A.2', level: 3 },
      { id: 'b', heading: 'B', level: 2 },
    ]);
    expect(outline(entries)).toEqual(['a', '  a1', '    a1x', '  a2', 'b']);
    expect(entries[0]).toMatchObject({ kind: 'section', text: 'A' });
  });

  test('returns a deeper heading under the nearest higher one when a level is skipped', () => {
    const entries = sectionContents([
      { id: 'a', heading: 'A', level: 2 },
      { id: 'deep', heading: 'Deep', level: 4 },
      { id: 'mid', heading: 'Mid', level: 3 },
    ]);
    expect(outline(entries)).toEqual(['a', '  deep', '  mid']);
  });

  test('returns a sub-section with no section before it at the top level rather than dropping it', () => {
    expect(
      outline(
        sectionContents([
          { id: 'x', heading: 'X', level: 3 },
          { id: 'y', heading: 'Y', level: 2 },
        ]),
      ),
    ).toEqual(['x', 'y']);
  });

  test('returns every headed section of the real essay once, with its sub-sections nested', () => {
    // The essay with the deepest outline (level-4 headings), whichever others are imported beside it.
    const essay = contentModel().essays.find((e) => e.data.sections.some((s) => s.level === 4));
    expect(essay).toBeDefined();
    const sections = essay?.data.sections ?? [];
    const entries = sectionContents(sections);
    const headed = sections.filter((s) => s.heading !== null);
    expect(countEntries(entries)).toBe(headed.length);
    expect(outline(entries).map((l) => l.trim())).toEqual(headed.map((s) => s.id));
    // The essay has level-3 and level-4 headings: none of them may sit in the top-level list.
    expect(entries.length).toBe(headed.filter((s) => s.level === 2).length);
    expect(entries.some((e) => e.children.some((c) => c.children.length > 0))).toBe(true);
  });
});

// Two top-level comments: the first opens with a quotation of the essay, then the writer's own
// words; it has a reply and a reply to that. The second is by an author the export lost.
const ESSAY = 'Models that are only pre-trained almost certainly don’t have dangerous goals, and this matters a great deal for the argument.';
const LONG = 'This is my own answer and it goes on for a while, so that the entry has to cut it at a word boundary before the end of it.';
const input: LinkGraphInput = {
  essays: [
    {
      slug: 'e',
      title: 'Essay',
      author: { name: 'A', status: 'verified' },
      sections: [{ id: 'goals', heading: 'Goals', line: 1, blocks: [{ kind: 'p', text: ESSAY, line: 2 }] }],
    },
  ],
  threads: [
    {
      slug: 't',
      title: 'Thread',
      comments: [
        {
          id: 'c-one',
          author: { name: 'B', status: 'inferred' },
          replyTo: { kind: 'post' },
          paragraphs: [
            { text: ESSAY, line: 10 },
            { text: LONG, line: 11 },
          ],
        },
        { id: 'c-two', author: { name: 'C', status: 'recorded' }, replyTo: { kind: 'comment', id: 'c-one' }, paragraphs: [{ text: 'A reply.', line: 12 }] },
        {
          id: 'c-three',
          author: { name: 'B', status: 'inferred' },
          replyTo: { kind: 'comment', id: 'c-two' },
          paragraphs: [{ text: 'A reply to the reply.', line: 13 }],
        },
        { id: 'c-four', author: { name: null, status: 'unknown' }, replyTo: { kind: 'post' }, paragraphs: [{ text: 'Short and own.', line: 14 }] },
      ],
    },
  ],
};
const graph = buildLinkGraph(input);
const comments = input.threads?.[0]?.comments ?? [];

describe('commentContents', () => {
  const entries = commentContents(buildCommentTree(comments), graph, 'threads/t');

  test('returns one entry per top-level comment with its replies counted at every depth', () => {
    expect(entries.map((e) => [e.id, e.replies])).toEqual([
      ['c-one', 2],
      ['c-four', 0],
    ]);
    expect(countEntries(entries)).toBe(2);
  });

  test('returns the author as a list label that keeps "(inferred)" and names a lost author as such', () => {
    expect(entries.map((e) => e.author)).toEqual(['B (inferred)', 'Author not recorded in the export']);
  });

  test('returns the writer’s own first words, skipping a paragraph that quotes the essay, cut at a word', () => {
    const first = entries[0]?.text ?? '';
    expect(first.startsWith('This is my own answer')).toBe(true);
    expect(first.endsWith('…')).toBe(true);
    expect(Array.from(first).length).toBeLessThanOrEqual(CONTENTS_WORDS);
    expect(LONG.startsWith(first.slice(0, -1))).toBe(true);
    expect(entries[1]?.text).toBe('Short and own.');
  });

  test('returns "[deleted]" as the words of a comment deleted on the forum', () => {
    const deleted = commentContents(buildCommentTree([{ ...comments[0]!, deleted: true, paragraphs: [] }]), graph, 'threads/t');
    expect(deleted.map((e) => e.text)).toEqual(['[deleted]']);
  });

  test('returns the labels a page supplies instead of the default ones, and none where it gives null', () => {
    const labelled = commentContents(buildCommentTree(comments), graph, 'threads/t', (c) => (c.author.name === null ? null : `Label for ${c.id}`));
    expect(labelled.map((e) => e.author)).toEqual(['Label for c-one', undefined]);
    expect(labelled.map((e) => e.kind)).toEqual(['comment', 'comment']);
  });
});

describe('repliesLabel', () => {
  test('returns the singular for one reply and the plural otherwise', () => {
    expect([0, 1, 2].map(repliesLabel)).toEqual(['0 replies', '1 reply', '2 replies']);
  });
});
