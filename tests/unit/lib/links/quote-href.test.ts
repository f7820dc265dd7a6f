import { describe, expect, test } from 'vitest';
import { commentsText, essayText, passageTexts, plainProse, type PageText } from '../../../../src/lib/links/page-text.ts';
import { quoteDirective, quoteHref, quotedWords } from '../../../../src/lib/links/quote-href.ts';
import { findTextDirective, locateQuote } from '../../../../src/lib/links/text-match.ts';
import { splitNodeId } from '../../../../src/lib/links/anchors.ts';
import { wordsFoundAtSource } from '../../../../src/lib/links/quote-view.ts';
import { contentModel } from '../../content/site-content.ts';

// Longer than the first words pages repeat (OPENING_COPY), so what follows is only in the comment.
const LONG = 'A first sentence that runs on for quite a while, long enough that the contents list and the heading cut it short before the end.';
const thread = commentsText({
  title: 'Comments on “A post”',
  comments: [
    { id: 'c-1', replyTo: { kind: 'post' }, paragraphs: [{ text: `${LONG} Doesn’t this prove too much though? Humans plan ahead.` }] },
    { id: 'c-2', replyTo: { kind: 'comment', id: 'c-1' }, paragraphs: [{ text: `${LONG} It does not prove too much.`, quote: false }] },
    { id: 'c-3', replyTo: { kind: 'post' }, paragraphs: [{ text: 'Prior quoted text', quote: true }, { text: 'My own words come after the quote.' }] },
  ],
  opening: (c) => (c.id === 'c-3' ? 'My own words come after the quote.' : (c.paragraphs[0]?.text ?? '')),
  after: (id) => (id === 'c-1' ? ['A claim summary: it would prove too much.'] : []),
});
const essay = essayText({
  title: 'Deceptive Alignment is <1% Likely',
  sections: [
    { id: 'intro', heading: null, blocks: [{ kind: 'p', text: 'I argue that deceptive alignment is less than 1% likely by default.' }] },
    { id: 'more', heading: 'More', blocks: [{ kind: 'missing-list', id: 'lost', label: 'four properties', items: [{ text: 'goal-directedness' }] }] },
  ],
});
const pages = new Map<string, PageText>([
  ['threads/t', thread],
  ['essays/e', essay],
]);

describe('commentsText', () => {
  test('returns comments in reading order, each passage holding only its paragraphs', () => {
    const texts = passageTexts(thread);
    expect(Object.keys(texts)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(texts['c-3']).toBe('Prior quoted text\nMy own words come after the quote.');
  });
  test('returns the first words pages repeat (contents, headings) before the comments', () => {
    const first = thread.text.text.indexOf('My own words');
    expect(first).toBeLessThan(thread.passages.get('c-1')!.start);
  });
});

describe('essayText', () => {
  test('returns sections with their headings, and notes as passages inside them', () => {
    const texts = passageTexts(essay);
    expect(texts['more']).toBe('More\nfour properties\ngoal-directedness');
    expect(texts['lost']).toBe('four properties\ngoal-directedness');
  });
});

describe('quoteHref', () => {
  test('returns the passage link with the words, when they occur once', () => {
    expect(quoteHref('threads/t#c-1', 'Humans plan ahead', pages)).toBe('/threads/t/#c-1:~:text=Humans%20plan%20ahead');
  });
  test('returns a directive with context when the words occur earlier on the page (here in a backlink)', () => {
    const d = quoteDirective('threads/t#c-2', 'prove too much', pages);
    expect(d).not.toBeNull();
    const hit = findTextDirective(thread.text, d!);
    const c2 = thread.passages.get('c-2')!;
    expect(hit!.start).toBeGreaterThanOrEqual(c2.start);
    expect(hit!.end).toBeLessThanOrEqual(c2.end);
  });
  test('returns the source’s own characters when the quote differs in quote marks and case', () => {
    expect(quoteHref('threads/t#c-1', "doesn't this PROVE", pages)).toBe('/threads/t/#c-1:~:text=Doesn’t%20this%20prove'.replace('’', '%E2%80%99'));
  });
  test('returns "%" percent-encoded', () => {
    expect(quoteHref('essays/e#intro', 'less than 1% likely', pages)).toBe('/essays/e/#intro:~:text=less%20than%201%25%20likely');
  });
  test('returns context telling the words from the same words in the title', () => {
    const d = quoteDirective('essays/e#intro', 'deceptive alignment is less than 1% likely by default', pages);
    expect(d).toEqual({ prefix: 'that', start: 'deceptive alignment is', end: 'likely by default' });
  });
  test('returns the plain permalink when nothing tells the words from an earlier copy', () => {
    const short = commentsText({ title: 'T', comments: [{ id: 'c-1', replyTo: { kind: 'post' }, paragraphs: [{ text: 'Short.' }] }], opening: () => 'Short.' });
    expect(quoteHref('threads/s#c-1', 'Short', new Map([['threads/s', short]]))).toBe('/threads/s/#c-1');
  });
  test('returns the plain permalink when the words are not in the passage', () => {
    expect(quoteHref('threads/t#c-2', 'Humans plan ahead', pages)).toBe('/threads/t/#c-2');
    expect(quoteHref('threads/t#c-9', 'Humans', pages)).toBe('/threads/t/#c-9');
    expect(quoteHref('threads/unknown#c-1', 'Humans', pages)).toBe('/threads/unknown/#c-1');
  });
  test('returns the plain permalink for words that open the passage, when asked to', () => {
    const texts = passageTexts(thread);
    const opening = texts['c-2']!.slice(0, 40);
    expect(quoteHref('threads/t#c-2', opening, pages, { notAtStart: true })).toBe('/threads/t/#c-2');
    expect(quoteHref('threads/t#c-1', 'Humans plan ahead', pages, { notAtStart: true })).toBe('/threads/t/#c-1:~:text=Humans%20plan%20ahead');
  });
  test('returns "#" before the directive for a whole page', () => {
    expect(quoteHref('threads/t', 'Humans plan ahead', pages)).toBe('/threads/t/#:~:text=Humans%20plan%20ahead');
  });
});

describe('quotedWords', () => {
  test.each([
    ['“a strange prior”', 'a strange prior'],
    ['"prove too much"', 'prove too much'],
    ["‘it's here’", "it's here"],
    ['a strange prior', null],
    ['“one” and “two”', null],
    ['“”', null],
  ])('for %j returns %j', (text, expected) => {
    expect(quotedWords(text)).toBe(expected);
  });
});

describe('plainProse', () => {
  test('returns MDX prose without tags, link targets or emphasis marks', () => {
    expect(plainProse('It is <Ref to="x">below 1 %</Ref>, see [the map](/arguments/) and *this*.')).toBe('It is below 1 %, see the map and this.');
  });
});

describe('quote links on the real content', () => {
  const model = contentModel();
  test('every quotation the matcher found gets a directive landing inside its source, unless the page shows the words earlier', () => {
    const quotes = model.graph.edges.filter((e) => e.type === 'quotes' && wordsFoundAtSource(e));
    expect(quotes.length).toBeGreaterThan(0);
    let landed = 0;
    const problems = quotes.flatMap((e) => {
      const quoted = e.quoted ?? e.excerpt;
      const d = quoteDirective(e.to, quoted, model.pageTexts);
      const { page, anchor } = splitNodeId(e.to);
      const text = model.pageTexts.get(page);
      const passage = anchor ? text?.passages.get(anchor) : undefined;
      if (!text || !passage) return [`${e.to}: no such passage`];
      // No directive is right only when the words (a heading the contents list repeats, say) come earlier too.
      if (!d) return locateQuote(text.text.text, quoted, 0, passage.start) ? [] : [`${e.from} → ${e.to}: no directive for “${quoted}”`];
      const hit = findTextDirective(text.text, d);
      landed++;
      return hit && hit.start >= passage.start && hit.end <= passage.end ? [] : [`${e.from} → ${e.to}: ${JSON.stringify(d)} lands outside`];
    });
    expect(problems).toEqual([]);
    expect(landed).toBeGreaterThan(quotes.length / 2);
  });
});
