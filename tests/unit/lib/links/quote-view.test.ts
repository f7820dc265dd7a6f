import { describe, expect, test } from 'vitest';
import { buildLinkGraph, type LinkGraphInput } from '../../../../src/lib/links/graph.ts';
import { ownWords, paragraphGroups, quotesByParagraph, splitAtSpans, wholeQuoteParagraphs, wordsFoundAtSource } from '../../../../src/lib/links/quote-view.ts';

// A small conversation with every kind of quotation the site shows: a whole paragraph repeating
// the essay, one quoting an earlier wording of it, a span in quote marks inside the writer's own
// sentence, and quotations of texts the site does not hold, cut out of a line by the importer.
const ESSAY = 'Models that are only pre-trained almost certainly don’t have dangerous goals, and this matters a great deal for the argument.';
const OWN = 'I read it differently: "only pre-trained almost certainly don’t have dangerous goals" is too strong a claim for the evidence.';

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
          author: { name: 'B', status: 'recorded' },
          replyTo: { kind: 'post' },
          paragraphs: [
            { text: ESSAY, line: 10, quote: true },
            {
              text: 'Models that are only pre-trained almost certainly don’t have consequentialist goals beyond next token prediction.',
              line: 11,
              quote: true,
            },
            { text: OWN, line: 12 },
          ],
        },
        {
          id: 'c-two',
          author: { name: 'C', status: 'recorded' },
          replyTo: { kind: 'comment', id: 'c-one' },
          paragraphs: [
            { text: 'Someone else wrote this first line.', line: 20, quote: true },
            { text: 'and this second one too.', line: 21, quote: true },
            { text: 'My reply starts here.', line: 21, col: 24 },
          ],
        },
      ],
    },
  ],
};
const graph = buildLinkGraph(input);

describe('quotesByParagraph', () => {
  const q = quotesByParagraph(graph, 'threads/t#c-one');
  test('returns the whole-paragraph quotations with their sources, verbatim and earlier wording', () => {
    expect(q.get('10')?.whole?.node.id).toBe('essays/e#goals');
    expect(wordsFoundAtSource(q.get('10')?.whole?.edge ?? { type: 'quotes', from: '', to: '', excerpt: '' })).toBe(true);
    const earlier = q.get('11')?.whole;
    expect(earlier?.node.id).toBe('essays/e#goals');
    expect(earlier && wordsFoundAtSource(earlier.edge)).toBe(false);
  });
  test('returns a quoted span inside an own paragraph as a span, not as the paragraph', () => {
    expect(q.get('12')?.whole).toBeNull();
    expect(q.get('12')?.spans.map((b) => b.node.id)).toEqual(['essays/e#goals']);
    expect(wholeQuoteParagraphs(graph, 'threads/t#c-one')).toEqual(new Set(['10', '11']));
  });
});

describe('splitAtSpans', () => {
  test('returns the paragraph with only the quoted words marked, nothing lost', () => {
    const spans = quotesByParagraph(graph, 'threads/t#c-one').get('12')?.spans ?? [];
    const pieces = splitAtSpans(OWN, spans);
    expect(pieces.map((p) => [p.quote ? 'quote' : 'own', p.text])).toEqual([
      ['own', 'I read it differently: "'],
      ['quote', 'only pre-trained almost certainly don’t have dangerous goals'],
      ['own', '" is too strong a claim for the evidence.'],
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(OWN);
  });
});

describe('paragraphGroups', () => {
  test('returns one blockquote for consecutive quotations with the same note, then the own words', () => {
    const paragraphs = [
      { line: 20, quote: true, quoteNote: 'Quoting a text not on this site.' },
      { line: 21, quote: true, quoteNote: 'Quoting a text not on this site.' },
      { line: 21, col: 24 },
    ];
    expect(paragraphGroups(paragraphs, quotesByParagraph(graph, 'threads/t#c-two'))).toEqual([
      { kind: 'quote', indices: [0, 1], status: 'noted', link: null, note: 'Quoting a text not on this site.' },
      { kind: 'own', index: 2, spans: [] },
    ]);
  });
  test('returns separate blockquotes for quotations of different status', () => {
    const c = input.threads?.[0]?.comments[0];
    const groups = paragraphGroups(c?.paragraphs ?? [], quotesByParagraph(graph, 'threads/t#c-one'));
    expect(groups.map((g) => (g.kind === 'quote' ? g.status : 'own'))).toEqual(['found', 'earlier', 'own']);
  });
});

describe('ownWords and the graph excerpts', () => {
  test('returns the writer’s own words first, never a quotation', () => {
    const c = input.threads?.[0]?.comments[1];
    expect(ownWords(c?.paragraphs ?? [], quotesByParagraph(graph, 'threads/t#c-two'))).toBe('My reply starts here.');
    expect(graph.nodes['threads/t#c-two']?.excerpt).toBe('My reply starts here.');
    expect(graph.nodes['threads/t#c-one']?.excerpt.startsWith('I read it differently')).toBe(true);
  });
});
