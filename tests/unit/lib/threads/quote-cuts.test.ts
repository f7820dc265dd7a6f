import { describe, expect, test } from 'vitest';
import { cutLine, QuoteCutError } from '../../../../src/lib/threads/quote-cuts.ts';

// Seed 004, line 20: a quotation glued to the reply without a space (facts §5, V7).
const V7 = 'It’s definitely possible, but I see this as unlikely (though definitely a thing to worry about).Curious what evidence makes you point towards it?';
// Seed 004, line 6: the reply's words, then a quotation running to the end of the line (V1).
const V1 = 'You also mention in another replyAfter the alignment faking paper, many people considered it possible. This is what I gesture at in my comment.';

describe('cutLine', () => {
  test('a line without quotes is one own paragraph, kept exactly', () => {
    expect(cutLine('  as written  ', 3, [])).toEqual([{ text: '  as written  ', col: 0, quote: false }]);
  });

  test('a whole-line quote keeps the line exactly and carries its note', () => {
    expect(cutLine(' "quoted" ', 4, [{ line: 4, note: 'from elsewhere' }])).toEqual([{ text: ' "quoted" ', col: 0, quote: true, note: 'from elsewhere' }]);
  });

  test('an end phrase cuts the quotation from the reply that follows it', () => {
    const pieces = cutLine(V7, 20, [{ line: 20, to: 'a thing to worry about).' }]);
    expect(pieces.map((p) => [p.quote, p.text])).toEqual([
      [true, 'It’s definitely possible, but I see this as unlikely (though definitely a thing to worry about).'],
      [false, 'Curious what evidence makes you point towards it?'],
    ]);
    expect(V7.slice(pieces[1]?.col)).toBe(pieces[1]?.text);
  });

  test('a start phrase cuts the quotation from the words before it', () => {
    const pieces = cutLine(V1, 6, [{ line: 6, from: 'After the alignment faking paper', to: 'in my comment.' }]);
    expect(pieces.map((p) => [p.quote, p.text, p.col])).toEqual([
      [false, 'You also mention in another reply', 0],
      [true, V1.slice(V1.indexOf('After')), V1.indexOf('After')],
    ]);
  });

  test('two quotations on one line leave the words between them to the writer', () => {
    const line = 'Re: "alpha beta" -- yes. And "gamma delta" -- no.';
    const pieces = cutLine(line, 9, [
      { line: 9, from: 'gamma', to: 'delta' },
      { line: 9, from: 'alpha', to: 'beta' },
    ]);
    expect(pieces.map((p) => [p.quote, p.text])).toEqual([
      [false, 'Re: "'],
      [true, 'alpha beta'],
      [false, '" -- yes. And "'],
      [true, 'gamma delta'],
      [false, '" -- no.'],
    ]);
    // The pieces, put back at their offsets, are the line: nothing invented, nothing lost but seams.
    for (const p of pieces) expect(line.slice(p.col, p.col + p.text.length)).toBe(p.text);
  });

  test.each([
    [{ line: 20, to: 'not on the line' }, 'the quote\'s end phrase "not on the line" is not on line 20 (phrases must match the export exactly)'],
    [{ line: 20, from: 'a' }, 'the quote\'s start phrase "a" occurs more than once on line 20; give a longer phrase'],
    [{ line: 20, from: ' ' }, "the quote's start phrase on line 20 is empty"],
    [
      { line: 20, from: 'Curious', to: 'worry about).' },
      'the quote\'s end phrase "worry about)." is not on line 20 after its start (phrases must match the export exactly)',
    ],
  ])('refuses a cut it cannot place: %o', (cut, message) => {
    expect(() => cutLine(V7, 20, [cut])).toThrow(new QuoteCutError(message));
  });

  test('refuses overlapping quotations', () => {
    expect(() =>
      cutLine(V7, 20, [
        { line: 20, to: 'unlikely' },
        { line: 20, from: 'I see this' },
      ]),
    ).toThrow('two quotes on line 20 overlap');
  });
});
