import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  findTextDirective,
  flatText,
  indexText,
  isWordBoundary,
  locateQuote,
  quoteWindow,
  textDirectiveFor,
  type Span,
} from '../../../../src/lib/links/text-match.ts';

/** The span of the n-th occurrence (0-based) of `words` in `text`. */
function nth(text: string, words: string, n = 0): Span {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(words, at + 1);
  if (at < 0) throw new Error(`"${words}" occurs fewer than ${n + 1} times`);
  return { start: at, end: at + words.length };
}

const page = flatText([
  'Comments on the essay',
  'The first commenter says the argument may prove too much.',
  'Doesn’t this prove too much though? Evolution selected for short-range effects.',
  'A reply: it does not prove too much, since genes act for a long time.',
]);
const t = indexText(page);

describe('indexText', () => {
  test('folds case one code point at a time, keeping any whose lower case has another length', () => {
    const reference = (text: string) => Array.from(text, (ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
    const piece = fc.constantFrom('Word', 'ABC', 'abc', ' ', '“', '”', '—', 'É', 'é', 'İ', 'Σ', 'ΣΑΣ', '😀', 'ß', 'Ǆ', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const folded = indexText(text).folded;
        expect(folded).toBe(reference(text));
        expect(folded).toHaveLength(text.length);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('flatText', () => {
  test('returns blocks joined by newlines with whitespace collapsed and empty blocks dropped', () => {
    expect(flatText([' a \n b ', '', '  ', 'c\td'])).toBe('a b\nc d');
  });
});

describe('isWordBoundary', () => {
  test.each([
    ['ab cd', 2, true],
    ['ab cd', 1, false],
    ["don't", 3, false],
    ["don't", 4, false],
    ["'tryingness'", 11, true],
    ['long-term', 4, true],
    ['x', 0, true],
  ])('in %j before offset %i returns %s', (text, i, expected) => {
    expect(isWordBoundary(text, i)).toBe(expected);
  });
});

describe('findTextDirective', () => {
  test('returns the first whole-word, case-insensitive match', () => {
    expect(findTextDirective(t, { start: 'PROVE TOO MUCH' })).toEqual(nth(page, 'prove too much'));
  });
  test('returns null when the words only occur inside longer words', () => {
    expect(findTextDirective(t, { start: 'rove too muc' })).toBeNull();
  });
  test('returns the occurrence the prefix and suffix pick out', () => {
    expect(findTextDirective(t, { prefix: 'this', start: 'prove too much' })).toEqual(nth(page, 'prove too much', 1));
    expect(findTextDirective(t, { start: 'prove too much', suffix: ', since' })).toEqual(nth(page, 'prove too much', 2));
  });
  test('returns null when anything but whitespace stands between the words and the suffix', () => {
    expect(findTextDirective(t, { start: 'prove too much', suffix: 'since' })).toBeNull();
  });
  test('returns null when the prefix is not followed by the start words', () => {
    expect(findTextDirective(t, { prefix: 'reply', start: 'prove' })).toBeNull();
  });
  test('returns a range from start to the next end, across blocks', () => {
    const hit = findTextDirective(t, { start: 'Evolution selected', end: 'genes act' });
    expect(hit && page.slice(hit.start, hit.end)).toBe('Evolution selected for short-range effects.\nA reply: it does not prove too much, since genes act');
  });
  test('returns null for start words split across two blocks', () => {
    expect(findTextDirective(t, { start: 'effects. A reply' })).toBeNull();
  });
});

describe('locateQuote', () => {
  test('returns the words in the page’s own characters, ignoring quote-mark style and case', () => {
    const span = locateQuote(page, "doesn't this PROVE too much");
    expect(span && page.slice(span.start, span.end)).toBe('Doesn’t this prove too much');
  });
  test('returns the occurrence inside the given range', () => {
    const from = page.indexOf('A reply');
    expect(locateQuote(page, 'prove too much', from)).toEqual(nth(page, 'prove too much', 2));
  });
  test('returns a span across an elision', () => {
    const span = locateQuote(page, 'Evolution selected … short-range effects');
    expect(span && page.slice(span.start, span.end)).toBe('Evolution selected for short-range effects');
  });
  test('returns null when the words are not there', () => {
    expect(locateQuote(page, 'prove too little')).toBeNull();
    expect(locateQuote(page, '“ ”')).toBeNull();
  });
});

describe('textDirectiveFor', () => {
  test('returns the words alone when they occur once', () => {
    expect(textDirectiveFor(t, nth(page, 'short-range effects'))).toEqual({ start: 'short-range effects' });
  });
  test('returns a directive with context for a later occurrence of repeated words', () => {
    const target = nth(page, 'prove too much', 2);
    const d = textDirectiveFor(t, target);
    expect(d).not.toBeNull();
    expect(findTextDirective(t, d!)).toEqual(target);
    expect(d!.prefix ?? d!.suffix).toBeDefined();
  });
  test('returns start and end words for a long quotation', () => {
    const words = 'Doesn’t this prove too much though? Evolution selected for short-range effects.';
    const d = textDirectiveFor(t, nth(page, words));
    expect(d?.end).toBeDefined();
    expect(findTextDirective(t, d!)).toEqual(nth(page, words));
  });
  test('returns null when nothing tells the occurrence apart', () => {
    const twice = indexText(flatText(['same words here', 'same words here']));
    expect(textDirectiveFor(twice, nth(twice.text, 'same words here', 1))).toBeNull();
  });
  test('returns, for any words of a generated page, a directive the matcher lands on exactly (or null)', () => {
    const word = fc.constantFrom('gradient', 'descent', 'goal', 'model', 'long-term', 'it’s', 'the', 'a', 'prior', '1%', 'and,');
    const block = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), (blocks, a, b) => {
        const text = indexText(flatText(blocks));
        const starts = [...text.text.matchAll(/\S+/g)];
        const first = starts[a % starts.length]!;
        const last = starts[Math.min(starts.length - 1, (a % starts.length) + (b % 8))]!;
        const span = { start: first.index, end: last.index + last[0].length };
        const d = textDirectiveFor(text, span);
        return d === null || JSON.stringify(findTextDirective(text, d)) === JSON.stringify(span);
      }),
    );
  });
});

describe('quoteWindow', () => {
  test('returns the words with their sentence around them', () => {
    const long = indexText(
      flatText([
        'An opening sentence that goes on for a while about other things entirely. It seems like a strange prior to me to assume the same result. Then more text follows here, and it continues for a long while after that point.',
      ]),
    );
    expect(quoteWindow(long, { start: 'a strange prior' }, 40)).toEqual({
      before: 'It seems like ',
      quote: 'a strange prior',
      after: ' to me to assume the same result.',
    });
  });
  test('returns null when the directive finds nothing', () => {
    expect(quoteWindow(t, { start: 'absent words' })).toBeNull();
  });
  test('returns a long quote shortened, ending in an ellipsis', () => {
    const w = quoteWindow(t, { start: 'Doesn’t this', end: 'effects.' }, 120, 20);
    expect(w?.quote).toBe('Doesn’t this prove…');
  });
});

describe('text directives on a page of near-identical paragraphs', () => {
  // Each paragraph differs from the others in one word only, the shape that once made building
  // such a page quadratic; every directive chosen must still land on its own paragraph's words.
  const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);
  const page = indexText(flatText(words.map((w) => `The model plays along in training while it ${w} waits for deployment.`)));

  test('the words unique to a paragraph get a directive that lands on them, and only there', () => {
    let from = 0;
    for (const w of words.filter((_, i) => i % 37 === 0)) {
      const at = page.text.indexOf(`${w} waits`, from);
      const span = { start: at, end: at + `${w} waits`.length };
      const d = textDirectiveFor(page, span);
      expect(d).not.toBeNull();
      expect(findTextDirective(page, d!)).toEqual(span);
      from = span.end;
    }
  });

  test('words every paragraph shares are found alone in the first paragraph, and by their neighbours later on', () => {
    const phrase = 'plays along in training';
    const first = page.text.indexOf(phrase);
    expect(textDirectiveFor(page, { start: first, end: first + phrase.length })).toEqual({ start: phrase });
    const later = nth(page.text, phrase, 30);
    const d = textDirectiveFor(page, later);
    expect(d?.prefix ?? d?.suffix).toBeDefined();
    expect(findTextDirective(page, d!)).toEqual(later);
    // Past DIRECTIVE_TRIES earlier copies the search gives up: the link falls back to the anchor
    // (null here), and a directive, when one is given, still lands on its own words.
    const far = nth(page.text, phrase, 300);
    const e = textDirectiveFor(page, far);
    if (e) expect(findTextDirective(page, e)).toEqual(far);
    else expect(e).toBeNull();
  });
});

describe('finding a phrase', () => {
  test('lands where a plain scan finds its first whole-word occurrence, on random text', () => {
    const word = fc.constantFrom('a', 'ab', 'b', 'ba', 'the', 'they', 'then');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 3 }), (ws, qs) => {
        const t = indexText(ws.join(' '));
        const q = qs.join(' ');
        let expected: { start: number; end: number } | null = null;
        for (let i = t.text.indexOf(q); i >= 0; i = t.text.indexOf(q, i + 1)) {
          const edge = (k: number) => !/[a-z]/.test(t.text[k - 1] ?? ' ') || !/[a-z]/.test(t.text[k] ?? ' ');
          if (edge(i) && edge(i + q.length)) {
            expected = { start: i, end: i + q.length };
            break;
          }
        }
        expect(findTextDirective(t, { start: q })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('skipping candidates that cannot reach the span', () => {
  test('chooses the same directive as trying every candidate, on pages that repeat their words past the try limit', () => {
    // Two common words and a rare one in blocks of up to twelve: short phrases recur far more often
    // than DIRECTIVE_TRIES, so spans early on are reached within the limit and later ones are not.
    const word = fc.constantFrom('plays', 'along', 'plays', 'along', 'waits');
    const block = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(block, { minLength: 120, maxLength: 200 }), fc.nat(), fc.nat(), (blocks, pick, length) => {
        const page = indexText(flatText(blocks));
        const starts = [...page.text.matchAll(/[a-z]+/g)];
        const first = starts[pick % starts.length]!;
        const last = starts[Math.min(starts.length - 1, starts.indexOf(first) + (length % 6))]!;
        // A span within one block, from a word's start to a later word's end.
        const span = { start: first.index, end: last.index + last[0].length };
        if (page.text.slice(span.start, span.end).includes('\n')) span.end = first.index + first[0].length;
        expect(textDirectiveFor(page, span)).toEqual(textDirectiveFor(page, span, { prune: false }));
      }),
      { numRuns: 200 },
    );
  });
});
