import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  essayPassages,
  findQuoteLinks,
  longestSharedRun,
  normaliseText,
  quotedSpans,
  threadQuoteInputs,
  tokenSimilarity,
  tokenise,
  type QuotableEssay,
  type QuotablePassage,
  type QuotableThread,
  type QuoteCandidate,
  type QuoteLink,
} from '../../../../src/lib/text/quotes.ts';
import seed000 from '../../../fixtures/quotes/seed-000.json' with { type: 'json' };
import seed001 from '../../../fixtures/quotes/seed-001.json' with { type: 'json' };

const essay000 = seed000.essay as QuotableEssay;
const thread000 = seed000.thread as QuotableThread;
const thread001 = seed001.thread as QuotableThread;

const ESSAY_TEXT =
  'This high-level training setup is already the default training process for text models such as GPT-4, and this will likely continue because of the flexibility and strong performance it provides.';

function essayAt(text: string, anchor = 'assumptions', line = 107): QuotablePassage {
  return { page: 'essays/p', anchor, line, text, kind: 'essay', order: 0 };
}
function commentAt(text: string, anchor: string, order: number, line = order): QuotablePassage {
  return { page: 'threads/t', anchor, line, text, kind: 'comment', order };
}
function quoteAt(text: string, anchor = 'c-q', order = 10, extra: Partial<QuoteCandidate> = {}): QuoteCandidate {
  return { page: 'threads/t', anchor, line: 50, text, flagged: true, order, ...extra };
}
/** One line per link, so expectations read like the seed report. */
function brief(links: readonly QuoteLink[]): string[] {
  return links.map((l) => `${l.quote.anchor}:${l.quote.line} -> ${l.source.page}#${l.source.anchor}:${l.source.line} ${l.kind} ${l.score}`);
}

describe('normaliseText', () => {
  test('returns one form when quote marks, dashes, case and spacing differ', () => {
    expect(normaliseText('“Long‐term” goals , «said»  ‘he’ …')).toBe(normaliseText('"long-term" goals, "said" \'he\' ...'));
  });
  test('returns spacing inside brackets removed', () => {
    expect(normaliseText('( see this )')).toBe('(see this)');
  });
});

describe('tokenise', () => {
  test('returns lower-case words without punctuation', () => {
    expect(tokenise('GPT-4, don’t “Stop”!')).toEqual(['gpt', '4', 'don', 't', 'stop']);
  });
  test('returns an ellipsis token when the text elides words', () => {
    expect(tokenise('direction following ... without any')).toEqual(['direction', 'following', '…', 'without', 'any']);
  });
  test('returns the tokens of the normalised text, whatever its quote marks, dashes, dots, spacing and compatibility forms', () => {
    // The words of normaliseText's output: what tokenise returned before it skipped the folds that cannot touch a token.
    const reference = (text: string) => normaliseText(text).match(/[\p{L}\p{N}]+|…/gu) ?? [];
    const piece = fc.constantFrom(
      ...[
        'a',
        'Z',
        'é',
        'É',
        'ﬁ',
        'Ａ',
        '９',
        'İ',
        'ß',
        '½',
        '…',
        '.',
        '. .',
        ' ',
        '\u00a0',
        '\n',
        '“',
        '”',
        '‘',
        '’',
        '`',
        '´',
        '–',
        '—',
        '″',
        '＂',
        '(',
        ')',
        ',',
        '!',
        'x1',
        'Long‐term',
      ],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(tokenise(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
    expect(tokenise('The ﬁrst … “Ａ９” ... end')).toEqual(reference('The ﬁrst … “Ａ９” ... end'));
  });
});

describe('quotedSpans', () => {
  test('returns curly-quoted spans', () => {
    expect(quotedSpans('I specify it here: “The goal of training.” and “more”')).toEqual(['The goal of training.', 'more']);
  });
  test('returns straight-quoted spans when a mark is left unclosed', () => {
    const line = seed001.thread.comments[1]?.paragraphs[0]?.text ?? '';
    expect(quotedSpans(line).slice(0, 3)).toEqual([
      'ghost of instrumental reasoning,',
      "the perspective that NNs will 'accidentally' acquire such capabilities internally as a convergent result of their inductive biases",
      'in-context,',
    ]);
  });
  test('returns nothing when apostrophes are the only marks', () => {
    expect(quotedSpans("It's the model's goal, isn't it?")).toEqual([]);
  });
});

describe('tokenSimilarity', () => {
  test('returns 1 when the quote is a sub-span of the passage', () => {
    expect(tokenSimilarity(tokenise('the default training process'), tokenise(ESSAY_TEXT))).toBe(1);
  });
  test('returns a high score when one word was replaced by two', () => {
    const quote = tokenise(ESSAY_TEXT.replace('GPT-4', 'ChatGPT'));
    expect(tokenSimilarity(quote, tokenise(ESSAY_TEXT))).toBeCloseTo(1 - 2 / quote.length, 5);
  });
  test('returns 1 when an ellipsis stands for the skipped words', () => {
    expect(tokenSimilarity(tokenise('the default … such as GPT-4'), tokenise(ESSAY_TEXT))).toBe(1);
  });
  test('returns 0 when the quote has no words', () => {
    expect(tokenSimilarity([], tokenise(ESSAY_TEXT))).toBe(0);
  });
  test('returns a value between 0 and 1 for any texts, and 1 for a text against itself', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'goal', 'base', 'model', '…'), { maxLength: 30 });
    fc.assert(
      fc.property(words, words, (q, p) => {
        const s = tokenSimilarity(q, p);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        if (q.some((t) => t !== '…')) expect(tokenSimilarity(q, [...p, ...q, ...p])).toBe(1);
      }),
    );
  });
  test('with a floor, returns the same score when it reaches the floor and 0 when it does not', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'goal', 'base', 'model', '…'), { maxLength: 30 });
    const floors = fc.constantFrom(0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95);
    let cut = 0;
    let kept = 0;
    fc.assert(
      fc.property(words, words, floors, (q, p, floor) => {
        const full = tokenSimilarity(q, p);
        const floored = tokenSimilarity(q, p, floor);
        if (full >= floor) kept++;
        else cut++;
        expect(floored).toBe(full >= floor ? full : 0);
      }),
      { numRuns: 2000 },
    );
    // Both outcomes were exercised, including scores exactly at a floor (10 words, 2 edits = 0.8).
    expect(cut).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
    const quote = tokenise('one two three four five six seven eight nine ten');
    const twoEdits = tokenise('one two three four five six seven eight xx yy');
    expect(tokenSimilarity(quote, twoEdits)).toBe(0.8);
    expect(tokenSimilarity(quote, twoEdits, 0.8)).toBe(0.8);
    expect(tokenSimilarity(quote, twoEdits, 0.81)).toBe(0);
  });
});

/** The similarity by the textbook table, every cell filled: the reference the fast paths must equal. */
function referenceSimilarity(quote: readonly string[], passage: readonly string[]): number {
  const words = quote.filter((t) => t !== '…').length;
  if (words === 0) return 0;
  const d: number[][] = [Array.from({ length: passage.length + 1 }, () => 0)];
  quote.forEach((q, k) => {
    const i = k + 1;
    const up = d[i - 1]!;
    const row = [q === '…' ? up[0]! : up[0]! + 1];
    for (let j = 1; j <= passage.length; j++) {
      row[j] = q === '…' ? Math.min(up[j]!, row[j - 1]!) : Math.min(up[j - 1]! + (passage[j - 1] === q ? 0 : 1), up[j]! + 1, row[j - 1]! + 1);
    }
    d.push(row);
  });
  return Math.max(0, 1 - Math.min(...d[quote.length]!) / words);
}

describe('tokenSimilarity against the full table', () => {
  // Few distinct words, so quotes and passages share many and the alignments are not trivial.
  const word = fc.constantFrom('a', 'b', 'c', 'goal', 'base', 'model');
  test('equals the table for quotes of one block (up to 32 words) and of several', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 100 }), fc.array(word, { maxLength: 120 }), (q, p) => {
        expect(tokenSimilarity(q, p)).toBe(referenceSimilarity(q, p));
      }),
      { numRuns: 3000 },
    );
  });
  test('equals the table at the block edges (31, 32, 33, 64 and 65 words), close matches included', () => {
    const edges = fc.constantFrom(31, 32, 33, 63, 64, 65);
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('drop', 'swap', 'add'), w: word });
    fc.assert(
      fc.property(
        edges.chain((n) => fc.array(word, { minLength: n, maxLength: n })),
        fc.array(edit, { maxLength: 6 }),
        fc.array(word, { maxLength: 10 }),
        (q, edits, pad) => {
          // A passage that is the quote with a few edits, inside other words: scores near 1.
          const p = [...q];
          for (const e of edits) {
            const at = e.at % (p.length + 1);
            if (e.kind === 'drop') p.splice(at, 1);
            else if (e.kind === 'swap') p.splice(at, 1, e.w);
            else p.splice(at, 0, e.w);
          }
          const passage = [...pad, ...p, ...pad];
          expect(tokenSimilarity(q, passage)).toBe(referenceSimilarity(q, passage));
          expect(tokenSimilarity(q, passage.slice(0, 5))).toBe(referenceSimilarity(q, passage.slice(0, 5)));
        },
      ),
      { numRuns: 1500 },
    );
  });
  test('answers for the list as it is now when a caller changes it between calls', () => {
    const quote = ['deceptive', 'alignment', 'is', 'unlikely'];
    const passage = ['why', 'deceptive', 'alignment', 'is', 'unlikely', 'by', 'default'];
    expect(tokenSimilarity(quote, passage)).toBe(1);
    quote[3] = 'likely';
    expect(tokenSimilarity(quote, passage)).toBe(0.75);
  });
  test('equals the table for quotes with an elision', () => {
    const withEll = fc.array(fc.oneof(word, fc.constant('…')), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(withEll, fc.array(word, { maxLength: 60 }), (q, p) => {
        expect(tokenSimilarity(q, p)).toBe(referenceSimilarity(q, p));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('longestSharedRun', () => {
  test('returns the length of the longest common run of words', () => {
    expect(longestSharedRun(tokenise('a b c d x y'), tokenise('q a b c z x y'))).toBe(3);
  });
  test('returns 0 when no word is shared', () => {
    expect(longestSharedRun(['a'], ['b'])).toBe(0);
  });
});

describe('findQuoteLinks', () => {
  test('returns an exact link when the quote is verbatim part of a paragraph', () => {
    const links = findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt('already the default training process for text models such as GPT-4')]);
    expect(brief(links)).toEqual(['c-q:50 -> essays/p#assumptions:107 exact 1']);
  });
  test('returns a normalised link when only quote marks, case and spacing differ', () => {
    const links = findQuoteLinks([essayAt('He said “never again” , twice over the years.')], [quoteAt('"He said "Never again", twice over the years."')]);
    expect(brief(links)).toEqual(['c-q:50 -> essays/p#assumptions:107 normalised 1']);
  });
  test('returns a fuzzy link when the essay was edited after the quote', () => {
    const links = findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(ESSAY_TEXT.replace('GPT-4', 'ChatGPT'))]);
    expect(links[0]?.kind).toBe('fuzzy');
    expect(links[0]?.score).toBeGreaterThan(0.9);
  });
  test('returns no link when the line is short and generic', () => {
    const passages = [essayAt('Why does this matter? Yes, it does matter, and the base goal matters too.')];
    const quotes = ['Yes', 'Why does this matter?', 'see other comment for commentary', 'Does that answer your question?'];
    expect(
      findQuoteLinks(
        passages,
        quotes.map((q) => quoteAt(q)),
      ),
    ).toEqual([]);
  });
  test('returns no link when a short heading-like phrase is close but not equal', () => {
    const passage = essayAt(
      'I expect ML researchers to deliberately train models to have long-term goals. However, I expect researchers to start by reinforcing a pre-trained model on shorter-term goals.',
    );
    expect(findQuoteLinks([passage], [quoteAt('Pre-trained models are unlikely to have long-term goals')])).toEqual([]);
  });
  test('returns no link when a same-topic line shares only stock phrases', () => {
    const passage = essayAt('Deceptive alignment is very unlikely if the model understands the base goal before it becomes significantly goal directed.');
    const quote = quoteAt('I think the model will understand the base goal long before deceptive alignment becomes a risk in training.');
    expect(findQuoteLinks([passage], [quote])).toEqual([]);
  });
  test('returns no link when the only match is the quoting comment itself', () => {
    const text = 'A sentence long enough to be quoted by somebody later on.';
    expect(findQuoteLinks([commentAt(text, 'c-q', 10)], [quoteAt(text, 'c-q', 10)])).toEqual([]);
  });
  test('returns no link when the matching comment came later', () => {
    const text = 'A sentence long enough to be quoted by somebody later on.';
    expect(findQuoteLinks([commentAt(text, 'c-later', 11)], [quoteAt(text, 'c-q', 10)])).toEqual([]);
  });
  test('returns the earlier comment when it holds the quoted text', () => {
    const text = 'A sentence long enough to be quoted by somebody later on.';
    expect(brief(findQuoteLinks([commentAt(text, 'c-earlier', 3)], [quoteAt(text, 'c-q', 10)]))).toEqual(['c-q:50 -> threads/t#c-earlier:3 exact 1']);
  });
  test('returns the essay passage when an earlier comment repeats it', () => {
    const quote = 'already the default training process for text models such as GPT-4';
    const links = findQuoteLinks([commentAt(`As the post says, ${quote}.`, 'c-earlier', 3), essayAt(ESSAY_TEXT)], [quoteAt(quote)]);
    expect(brief(links)).toEqual(['c-q:50 -> essays/p#assumptions:107 exact 1']);
  });
  test('returns a short quote only when it repeats the parent comment', () => {
    const parent = commentAt('That is my view. Does that answer your question?', 'c-parent', 3);
    const other = commentAt('Does that answer your question?', 'c-other', 4);
    expect(brief(findQuoteLinks([parent, other], [quoteAt('Does that answer your question?', 'c-q', 10, { parent: 'c-parent' })]))).toEqual([
      'c-q:50 -> threads/t#c-parent:3 exact 1',
    ]);
    expect(findQuoteLinks([other], [quoteAt('Does that answer your question?', 'c-q', 10, { parent: 'c-parent' })])).toEqual([]);
  });
  test('returns a link for an unmarked line only when it is nearly the passage', () => {
    const unflagged = { flagged: false };
    const edited = ESSAY_TEXT.replace('GPT-4', 'ChatGPT');
    const reworded = ESSAY_TEXT.replace('already the default', 'by now the usual').replace('likely continue', 'surely go on');
    expect(brief(findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(edited, 'c-q', 10, unflagged)]))).toEqual(['c-q:50 -> essays/p#assumptions:107 fuzzy 0.935']);
    expect(findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(reworded, 'c-q', 10)])).toHaveLength(1);
    expect(findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(reworded, 'c-q', 10, unflagged)])).toEqual([]);
  });
  test('returns a link for a span in quote marks inside an unmarked line, marked inline', () => {
    const line = 'I specify the training setup here: “the default training process for text models such as GPT-4”, and more.';
    const links = findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(line, 'c-q', 10, { flagged: false })]);
    expect(brief(links)).toEqual(['c-q:50 -> essays/p#assumptions:107 exact 1']);
    // Only the span is the quotation; the rest of the line stays the commenter's own words.
    expect(links.map((l) => [l.inline, l.text])).toEqual([[true, 'the default training process for text models such as GPT-4']]);
  });
  test('returns a whole-paragraph link, not inline, when the marked paragraph is the quotation', () => {
    const links = findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(ESSAY_TEXT)]);
    expect(links.map((l) => l.inline)).toEqual([false]);
  });
  test('keeps the offset of a quoting paragraph cut out of its line', () => {
    const links = findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(ESSAY_TEXT, 'c-q', 10, { col: 33 })]);
    expect(links.map((l) => [l.quote.line, l.quote.col])).toEqual([[50, 33]]);
  });
  test('returns a heading link when a short quoted span names exactly one heading', () => {
    const heading: QuotablePassage = { ...essayAt('Summary of the argument'), heading: true };
    const twice: QuotablePassage[] = [1, 2].map((n) => ({ ...essayAt('Why does this matter?', `why-${n}`, n), heading: true }));
    const line = (name: string) => quoteAt(`In "${name}" you say more.`, 'c-q', 10, { flagged: false });
    expect(brief(findQuoteLinks([heading, ...twice], [line('Summary of the argument')]))).toEqual(['c-q:50 -> essays/p#assumptions:107 exact 1']);
    expect(findQuoteLinks([heading, ...twice], [line('Why does this matter?')])).toEqual([]);
  });
  test('returns an exact link whenever the quote is a long enough sub-span of a passage', () => {
    const words = ESSAY_TEXT.split(' ');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: words.length - 6 }), fc.integer({ min: 6, max: words.length }), (start, len) => {
        const quote = words.slice(start, start + len).join(' ');
        if (tokenise(quote).length < 6) return;
        const links = findQuoteLinks([essayAt(ESSAY_TEXT)], [quoteAt(quote)]);
        expect(links.map((l) => l.kind)).toEqual(['exact']);
      }),
    );
  });

  test('returns the expected links on seed 000 excerpts', () => {
    const essay = essayPassages('essays/p1', essay000);
    const thread = threadQuoteInputs('threads/p1', thread000, 1);
    expect(brief(findQuoteLinks([...essay, ...thread.passages], thread.candidates))).toMatchInlineSnapshot(`
      [
        "c-c4:12 -> threads/p1#c-c1:2 exact 1",
        "c-c4:13 -> essays/p1#assumptions:107 exact 1",
        "c-c5:16 -> threads/p1#c-c1:6 exact 1",
        "c-c10:26 -> essays/p1#summary-list:100 fuzzy 0.833",
        "c-c10:28 -> essays/p1#summary-list:100 fuzzy 0.944",
        "c-c15:40 -> essays/p1#introduction:98 fuzzy 0.446",
        "c-c18:44 -> essays/p1#assumptions:107 fuzzy 0.976",
        "c-c22:53 -> threads/p1#c-c21:52 exact 1",
        "c-c24:59 -> threads/p1#c-c23:57 exact 1",
        "c-c24:61 -> threads/p1#c-c23:58 exact 1",
        "c-c24:63 -> threads/p1#c-c23:58 exact 1",
        "c-c25:65 -> essays/p1#how-likely-1:133 fuzzy 0.632",
        "c-c28:72 -> essays/p1#foundational-properties:108 exact 1",
        "c-c28:83 -> essays/p1#long-term-goals:112 exact 1",
      ]
    `);
  });
  test('returns no link for seed 000 quotes whose source is gone from the essay', () => {
    const essay = essayPassages('essays/p1', essay000);
    const thread = threadQuoteInputs('threads/p1', thread000, 1);
    const quoted = new Set(findQuoteLinks([...essay, ...thread.passages], thread.candidates).map((l) => l.quote.line));
    // Line 5 quotes a paragraph that the edit rewrote; lines 62 ("Yes") and 54 are the commenter's own words.
    for (const line of [5, 54, 62]) expect(quoted.has(line)).toBe(false);
  });
  test('returns the inline quotes of the parent comment on seed 001 excerpts', () => {
    const thread = threadQuoteInputs('threads/scheming', thread001, 1);
    expect(brief(findQuoteLinks(thread.passages, thread.candidates))).toMatchInlineSnapshot(`
      [
        "c-joe-carlsmith-202311280127:41 -> threads/scheming#c-quintin-pope-202311152230:31 normalised 1",
        "c-joe-carlsmith-202311280127:42 -> threads/scheming#c-quintin-pope-202311152230:30 normalised 1",
        "c-joe-carlsmith-202311280127:43 -> threads/scheming#c-quintin-pope-202311152230:29 exact 1",
      ]
    `);
  });
});

describe('essayPassages', () => {
  test('returns headings, paragraphs and recovered list items with their anchors', () => {
    const passages = essayPassages('essays/e', {
      sections: [
        { id: 'intro', heading: null, line: null, blocks: [{ kind: 'p', text: 'Opening.', line: 1 }] },
        {
          id: 'summary',
          heading: 'Summary',
          line: 2,
          blocks: [
            { kind: 'p', text: 'Someone else’s words.', line: 3, quote: true },
            { kind: 'missing-list', id: 'summary-list', after: 3, items: [{ text: 'Item one.' }] },
          ],
        },
      ],
    });
    expect(passages.map((p) => `${p.anchor}:${p.line}:${p.heading ? 'h' : 'p'}:${p.text}`)).toEqual([
      'intro:1:p:Opening.',
      'summary:2:h:Summary',
      'summary-list:3:p:Item one.',
    ]);
  });
});

describe('threadQuoteInputs', () => {
  test('returns every line as a candidate and only unmarked lines as passages', () => {
    const { passages, candidates } = threadQuoteInputs(
      'threads/t',
      {
        comments: [
          { id: 'c-a', replyTo: { kind: 'post' }, paragraphs: [{ text: 'Own words.', line: 1 }] },
          { id: 'c-b', replyTo: { kind: 'comment', id: 'c-a' }, paragraphs: [{ text: 'Own words.', line: 2, quote: true }] },
        ],
      },
      5,
    );
    expect(passages.map((p) => `${p.anchor}@${p.order}`)).toEqual(['c-a@5']);
    expect(candidates.map((c) => `${c.anchor}@${c.order}:${c.flagged}:${c.parent ?? '-'}`)).toEqual(['c-a@5:false:-', 'c-b@6:true:c-a']);
  });
});
