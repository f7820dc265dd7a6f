import { describe, expect, test } from 'vitest';
import { backlinksTo, buildLinkGraph, sideComments, type LinkGraphInput } from '../../../../src/lib/links/graph.ts';
import { groupBacklinks, passageLabel, quoteSpot, type BacklinkList } from '../../../../src/lib/links/backlink-list.ts';
import type { QuoteLink } from '../../../../src/lib/text/quotes.ts';

// The shapes the real graph has: a claim citing one section in its text and again as a source, the
// start tour citing it from two of its sections and from the page itself, two <Ref>s with the same
// sentence, a comment quoting one paragraph twice, a comment quoting the present wording and an
// earlier one, a comment quoting only an earlier wording, and our summary of the thread.
const quote = (from: string, line: number, to: string, toLine: number, text: string, kind: QuoteLink['kind'] = 'exact'): QuoteLink => ({
  quote: { page: 'threads/e', anchor: from, line },
  source: { page: 'essays/e', anchor: to, line: toLine },
  kind,
  score: kind === 'fuzzy' ? 0.8 : 1,
  text,
  inline: false,
});

const input: LinkGraphInput = {
  essays: [
    {
      slug: 'e',
      title: 'The Essay',
      author: { name: 'A', status: 'verified' },
      sections: [
        {
          id: 'goals',
          heading: 'Goals',
          line: 1,
          blocks: [
            { kind: 'p', text: 'First paragraph.', line: 2 },
            { kind: 'p', text: 'Second paragraph.', line: 3 },
          ],
        },
      ],
    },
  ],
  threads: [
    {
      slug: 'e',
      title: 'The Essay',
      comments: [
        { id: 'c-1', author: { name: 'B', status: 'recorded' }, replyTo: { kind: 'post' }, paragraphs: [{ text: 'x', line: 10 }] },
        { id: 'c-2', author: { name: 'C', status: 'recorded' }, replyTo: { kind: 'post' }, paragraphs: [{ text: 'y', line: 20 }] },
        { id: 'c-3', author: { name: 'D', status: 'recorded' }, replyTo: { kind: 'comment', id: 'c-1' }, paragraphs: [{ text: 'z', line: 30 }] },
      ],
    },
  ],
  claims: [{ slug: 'claim', title: 'A claim', summary: 'The claim in short.', sources: ['essays/e#goals'] }],
  editorial: [
    { id: 'start', kind: 'guide', title: 'Start here' },
    { id: 'start#one', kind: 'guide', title: 'One · Start here' },
    { id: 'start#two', kind: 'guide', title: 'Two · Start here' },
    { id: 'threads/e#our-summary', kind: 'summary', title: 'Our summary · Comments on “The Essay”' },
  ],
  refs: [
    { page: 'arguments/claim', to: 'essays/e#goals', sentence: 'The claim cites the goals section.' },
    { page: 'start', anchor: 'one', to: 'essays/e#goals', sentence: 'The tour cites it here.' },
    { page: 'start', anchor: 'one', to: 'essays/e#goals', sentence: 'The tour cites it here.' },
    { page: 'start', anchor: 'two', to: 'essays/e#goals', sentence: 'And here.' },
    { page: 'start', anchor: null, to: 'essays/e#goals', sentence: 'Before any heading.' },
    { page: 'threads/e', anchor: 'our-summary', to: 'essays/e#goals', sentence: 'Our summary cites it.' },
  ],
  quoteLinks: [
    quote('c-1', 10, 'goals', 2, 'First paragraph.'),
    quote('c-1', 11, 'goals', 2, 'First paragraph.'),
    quote('c-2', 20, 'goals', 2, 'First paragraph.'),
    quote('c-2', 21, 'goals', 3, 'Second paragraf, as it was.', 'fuzzy'),
    quote('c-3', 30, 'goals', 3, 'Second paragraf, as it was.', 'fuzzy'),
  ],
};
const graph = buildLinkGraph(input);

/** A list as text: one line per group, page and passage, to compare whole shapes at once. */
function outline(list: BacklinkList): string[] {
  return [
    list.summary,
    ...list.groups.flatMap((g) => [
      `${g.kind} (${g.count})`,
      ...g.pages.flatMap((p) => [
        `  ${p.here ? 'here ' : ''}${p.title}`,
        ...p.passages.map((x) => `    ${x.node.id} [${x.label}] ${x.words.map((w) => `${w.earlier ? 'earlier:' : ''}“${w.text}”`).join(' ')}`),
      ]),
    ]),
  ];
}

describe('groupBacklinks', () => {
  test('returns one entry per citing passage under its page, each excerpt once, and the count line', () => {
    expect(outline(groupBacklinks(graph, backlinksTo(graph, 'essays/e#goals'), { here: 'essays/e' }))).toEqual([
      'Quoted in 2 · Earlier wording quoted in 1 · Cited by 5',
      'quotes (2)',
      '  Comments on “The Essay”',
      '    threads/e#c-1 [Comment by B] “First paragraph.”',
      '    threads/e#c-2 [Comment by C] “First paragraph.” earlier:“Second paragraf, as it was.”',
      'quotes-earlier (1)',
      '  Comments on “The Essay”',
      '    threads/e#c-3 [Comment by D] earlier:“Second paragraf, as it was.”',
      'cites (5)',
      '  A claim',
      '    arguments/claim [A claim] “The claim cites the goals section.” “The claim in short.”',
      '  Start here',
      '    start#one [One] “The tour cites it here.”',
      '    start#two [Two] “And here.”',
      '    start [Start here] “Before any heading.”',
      '  Comments on “The Essay”',
      '    threads/e#our-summary [Our summary] “Our summary cites it.”',
    ]);
  });

  test('returns no passage twice within one list, whatever the number of edges from it', () => {
    const list = groupBacklinks(graph, backlinksTo(graph, 'essays/e#goals'));
    const ids = list.groups.flatMap((g) => g.pages.flatMap((p) => p.passages.map((x) => x.node.id)));
    expect(backlinksTo(graph, 'essays/e#goals').cites).toHaveLength(7);
    expect(ids).toEqual([...new Set(ids)]);
    expect(list.groups.map((g) => g.count)).toEqual(list.groups.map((g) => g.pages.reduce((n, p) => n + p.passages.length, 0)));
  });

  test('returns quotes listed beside their paragraph left out, with the count line following', () => {
    const beside = new Set([quoteSpot({ to: 'essays/e#goals', toLine: 2 })]);
    expect(outline(groupBacklinks(graph, { quotes: backlinksTo(graph, 'essays/e#goals').quotes }, { shownBeside: beside }))).toEqual([
      'Earlier wording quoted in 2',
      'quotes-earlier (2)',
      '  Comments on “The Essay”',
      '    threads/e#c-2 [Comment by C] earlier:“Second paragraf, as it was.”',
      '    threads/e#c-3 [Comment by D] earlier:“Second paragraf, as it was.”',
    ]);
  });

  test('returns replies only when asked, and marks the page the list is on', () => {
    const links = backlinksTo(graph, 'threads/e#c-1');
    expect(groupBacklinks(graph, links).groups).toEqual([]);
    expect(outline(groupBacklinks(graph, links, { skipReplies: false, here: 'threads/e' }))).toEqual([
      'Replies 1',
      'replies (1)',
      '  here Comments on “The Essay”',
      '    threads/e#c-3 [Comment by D] “z”',
    ]);
  });

  test('returns an empty list and count line when nothing links here', () => {
    expect(groupBacklinks(graph, {})).toEqual({ groups: [], summary: '' });
  });

  test('groups a paragraph side note from sideComments with each comment once', () => {
    const side = sideComments(graph, 'essays/e').find((s) => s.line === 2);
    expect(side?.quotedBy).toHaveLength(3);
    expect(outline(groupBacklinks(graph, { quotes: side?.quotedBy ?? [] }))).toEqual([
      'Quoted in 2',
      'quotes (2)',
      '  Comments on “The Essay”',
      '    threads/e#c-1 [Comment by B] “First paragraph.”',
      '    threads/e#c-2 [Comment by C] “First paragraph.”',
    ]);
  });
});

describe('passageLabel', () => {
  test('returns the part of a title before the page name', () => {
    expect(passageLabel('The question · Start here: the debate in ten minutes')).toBe('The question');
    expect(passageLabel('Comment by an author not recorded in the export · Comments on “A · B”')).toBe('Comment by an author not recorded in the export');
    expect(passageLabel('Start here')).toBe('Start here');
  });
});

describe('quoteSpot', () => {
  test('returns the passage and the quoted line, as the side notes key them', () => {
    expect(quoteSpot({ to: 'essays/e#goals', toLine: 3 })).toBe('essays/e#goals@3');
    expect(quoteSpot({ to: 'essays/e#goals' })).toBe('essays/e#goals@');
  });
});
