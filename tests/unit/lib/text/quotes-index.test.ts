import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  essayPassages,
  findQuoteLinks,
  MAX_ALIGNMENTS,
  threadQuoteInputs,
  type QuotableEssay,
  type QuotablePassage,
  type QuoteCandidate,
} from '../../../../src/lib/text/quotes.ts';
import { readerChunks, readerFromBytes, TextReader } from '../../../../src/lib/text/reading.ts';
import seed000 from '../../../fixtures/quotes/seed-000.json' with { type: 'json' };
import seed001 from '../../../fixtures/quotes/seed-001.json' with { type: 'json' };

// findQuoteLinks narrows each quote to the passages that share its words; these tests check that
// the narrowing never changes the answer of a full comparison of every quote with every passage.

// A small vocabulary, so random passages share words and word pairs as often as real ones do.
const WORD = fc.constantFrom(
  'the',
  'model',
  'goal',
  'gradient',
  'training',
  'of',
  'a',
  'deceptive',
  'proxy',
  'reward',
  'is',
  'not',
  'aligned',
  'base',
  'long-term',
);
const SENTENCE = fc.array(WORD, { minLength: 3, maxLength: 30 }).map((ws) => ws.join(' '));

/** A quote made from a passage: a slice, some words changed, and maybe quote marks or an elision. */
const quoteOf = (passages: string[]) =>
  fc
    .record({
      from: fc.nat({ max: Math.max(0, passages.length - 1) }),
      start: fc.nat({ max: 20 }),
      length: fc.integer({ min: 2, max: 30 }),
      edits: fc.array(fc.tuple(fc.nat({ max: 29 }), WORD), { maxLength: 4 }),
      style: fc.constantFrom('plain', 'curly', 'elided', 'span'),
      flagged: fc.boolean(),
      own: SENTENCE,
    })
    .map(({ from, start, length, edits, style, flagged, own }) => {
      const words = (passages[from] ?? own).split(' ').slice(start, start + length);
      for (const [at, w] of edits) if (at < words.length) words[at] = w;
      const text = words.join(' ') || own;
      if (style === 'curly') return { text: `“${text}”`, flagged };
      if (style === 'elided' && words.length > 4) return { text: `${words.slice(0, 2).join(' ')} ... ${words.slice(-2).join(' ')}`, flagged };
      if (style === 'span') return { text: `${own} "${text}" ${own}`, flagged: false };
      return { text, flagged };
    });

const corpus = fc.array(SENTENCE, { minLength: 1, maxLength: 12 }).chain((texts) =>
  fc.record({
    texts: fc.constant(texts),
    essayCount: fc.nat({ max: texts.length }),
    quotes: fc.array(quoteOf(texts), { minLength: 1, maxLength: 12 }),
  }),
);

/** A corpus, then a later one that keeps some of its texts (read from a kept reader) and adds new ones. */
const evolving = corpus.chain((before) =>
  fc.record({ kept: fc.subarray(before.texts), added: fc.array(SENTENCE, { minLength: 1, maxLength: 4 }) }).chain(({ kept, added }) => {
    const texts = [...kept, ...added];
    return fc.record({
      before: fc.constant(before),
      now: fc.record({
        texts: fc.constant(texts),
        essayCount: fc.nat({ max: texts.length }),
        quotes: fc.array(quoteOf(texts), { minLength: 1, maxLength: 12 }),
      }),
    });
  }),
);

/** Passages and quote candidates of the two seed excerpts, in one reading order. */
function seedInputs(): { passages: QuotablePassage[]; candidates: QuoteCandidate[] } {
  const essay = essayPassages('essays/p1', seed000.essay as QuotableEssay);
  const t000 = threadQuoteInputs('threads/p1', seed000.thread, 1);
  const t001 = threadQuoteInputs('threads/p2', seed001.thread, 1000);
  return { passages: [...essay, ...t000.passages, ...t001.passages], candidates: [...t000.candidates, ...t001.candidates] };
}

/** A random corpus as passages (essay sections, then comments) and quote candidates after them, every other one replying to the last comment. */
function randomInputs({ texts, essayCount, quotes }: { texts: string[]; essayCount: number; quotes: { text: string; flagged: boolean }[] }): {
  passages: QuotablePassage[];
  candidates: QuoteCandidate[];
} {
  const passages: QuotablePassage[] = texts.map((text, i) =>
    i < essayCount
      ? { page: 'essays/e', anchor: `s${i % 3}`, line: i + 1, text, kind: 'essay', order: 0, heading: i % 5 === 4 }
      : { page: 'threads/t', anchor: `c-${i}`, line: i + 1, text, kind: 'comment', order: i },
  );
  const candidates: QuoteCandidate[] = quotes.map((q, k) => ({
    page: 'threads/t',
    anchor: `c-q${k}`,
    line: 100 + k,
    text: q.text,
    flagged: q.flagged,
    order: texts.length + k,
    parent: k % 2 ? `c-${texts.length - 1}` : undefined,
  }));
  return { passages, candidates };
}

describe('findQuoteLinks', () => {
  test('returns the same links as comparing every quote with every passage, on random text', () => {
    fc.assert(
      fc.property(corpus, (c) => {
        const { passages, candidates } = randomInputs(c);
        expect(findQuoteLinks(passages, candidates)).toEqual(findQuoteLinks(passages, candidates, { exhaustive: true }));
      }),
      { numRuns: 300 },
    );
  });

  test('returns the same links however few passages a word pair may list before it counts as common', () => {
    // A common pair counts as held by every passage, so the fuzzy filter checks the passages of
    // the rarer pairs against the rest, allowed to miss some: with caps this small nearly every
    // quote goes that way, and the answer must still be the full comparison's. (A cap of 0 makes
    // every pair common, where the rarest word's passages stand in by design: see MAX_PAIR_POSTINGS.)
    fc.assert(
      fc.property(corpus, fc.integer({ min: 1, max: 3 }), (c, maxPairPostings) => {
        const { passages, candidates } = randomInputs(c);
        expect(findQuoteLinks(passages, candidates, { maxPairPostings })).toEqual(findQuoteLinks(passages, candidates, { exhaustive: true }));
      }),
      { numRuns: 300 },
    );
  });

  test('returns the same links with a reader kept from another corpus as with a fresh one', () => {
    // A kept reader numbers words in the order an earlier corpus met them, and holds words and
    // texts this corpus lacks; the matcher must not depend on the numbers (src/lib/text/reading.ts).
    // Small pair caps make lists full and ties in list length common, where an order could leak.
    fc.assert(
      fc.property(evolving, fc.integer({ min: 1, max: 64 }), ({ before, now }, maxPairPostings) => {
        const earlier = randomInputs(before);
        const reader = new TextReader();
        findQuoteLinks(earlier.passages, earlier.candidates, { reader, maxPairPostings });
        const chunks = readerChunks(reader);
        expect(chunks).not.toBeNull();
        const kept = readerFromBytes(Buffer.concat(chunks ?? []));
        if (!kept) throw new Error('the kept reader could not be taken up');
        const { passages, candidates } = randomInputs(now);
        expect(findQuoteLinks(passages, candidates, { reader: kept, maxPairPostings })).toEqual(findQuoteLinks(passages, candidates, { maxPairPostings }));
      }),
      { numRuns: 300 },
    );
  });

  test('returns the same seed links with a reader that met the texts in another order', () => {
    const { passages, candidates } = seedInputs();
    const reader = new TextReader();
    // The first seed thread's texts only, backwards: the second's are read afresh after the kept ones.
    const first = (l: { page: string }) => l.page !== 'threads/p2';
    findQuoteLinks(passages.filter(first).reverse(), candidates.filter(first).reverse(), { reader });
    const kept = readerFromBytes(Buffer.concat(readerChunks(reader) ?? []));
    if (!kept) throw new Error('the kept reader could not be taken up');
    const fresh = findQuoteLinks(passages, candidates);
    expect(fresh.length).toBeGreaterThan(0);
    expect(findQuoteLinks(passages, candidates, { reader: kept })).toEqual(fresh);
  });

  test('returns an exact link when a verbatim quote cuts its first and last words short', () => {
    // The cut words ("lignment", "pla") occur nowhere as words, so only the inner ones can find the
    // passage; under ten words, no fuzzy match is tried that could find it by its word pairs.
    const passage: QuotablePassage = {
      page: 'essays/e',
      anchor: 'intro',
      line: 3,
      text: 'Deceptive alignment needs a model that plays along in training and defects later, a misaligned one.',
      kind: 'essay',
      order: 0,
    };
    const quote: QuoteCandidate = { page: 'threads/t', anchor: 'c-a', line: 9, text: 'lignment needs a model that pla', flagged: true, order: 5 };
    expect(findQuoteLinks([passage], [quote]).map((l) => `${l.source.anchor} ${l.kind}`)).toEqual(['intro exact']);
  });

  test('returns the same links as comparing every quote with every passage, on the seed excerpts', () => {
    const { passages, candidates } = seedInputs();
    const links = findQuoteLinks(passages, candidates);
    expect(links.length).toBeGreaterThan(10);
    expect(links).toEqual(findQuoteLinks(passages, candidates, { exhaustive: true }));
  });

  test('the bound on alignments per quote changes nothing on the seed excerpts: the busiest quote needs fewer', () => {
    const { passages, candidates } = seedInputs();
    const stats = { comparisons: 0, alignments: 0, maxPerQuote: 0 };
    const unbounded = findQuoteLinks(passages, candidates, { maxAlignments: Number.POSITIVE_INFINITY, stats });
    expect(stats.maxPerQuote).toBeLessThan(MAX_ALIGNMENTS);
    expect(findQuoteLinks(passages, candidates)).toEqual(unbounded);
  });
});
