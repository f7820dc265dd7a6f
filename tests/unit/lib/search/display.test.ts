import { describe, expect, test } from 'vitest';
import { formatDate, OPENING_WORDS, resultDisplay } from '../../../../src/lib/search/display.ts';

const comment = {
  url: '/threads/scheming-ais/#c-1',
  content: 'Reposting my response on Twitter (comment copied from LW): I just skimmed the section headers',
  meta: { title: 'Quintin Pope', author: 'Quintin Pope' },
  filters: { kind: ['Comment'], author: ['Quintin Pope'], source: ['Comments on “Scheming AIs”'], date: ['2023-11-15T22:30'], replyTo: ['DavidW (inferred)'] },
};

describe('resultDisplay', () => {
  test('returns a comment’s opening words as its title, with who, when, in reply to whom and where', () => {
    const d = resultDisplay(comment);
    expect(d.title).toBe('“Reposting my response on Twitter (comment copied from LW): I…”');
    expect(d.openingWords).toBe(OPENING_WORDS);
    expect(d.where).toEqual(['Comments on “Scheming AIs”']);
    expect(d.who).toBe('Comment · Quintin Pope · 15 Nov 2023 · in reply to DavidW (inferred)');
    expect(d.excerpt).toBe(true);
  });
  test('returns two comments by an unrecorded author with different titles', () => {
    const unknown = { meta: {}, filters: { kind: ['Comment'], author: ['Author not recorded in the export'] } };
    const a = resultDisplay({ ...unknown, url: '/t/#c-a', content: 'I just realized I never responded to this.' });
    const b = resultDisplay({ ...unknown, url: '/t/#c-b', content: 'Much of this post seems plausible.' });
    expect(a.title).not.toBe(b.title);
    expect(a.who).toBe('Comment · Author not recorded in the export');
    expect(a.excerpt).toBe(false);
  });
  test('returns a section’s own heading as its title and its source and parent headings as where', () => {
    const d = resultDisplay({
      url: '/essays/x/#why',
      content: 'A key idea of deceptive alignment is',
      meta: { title: 'Order in fine-tuning › Base goal before goals? › Why does this matter?', author: 'DavidW' },
      filters: { kind: ['Essay section'], author: ['DavidW'], source: ['Deceptive Alignment is <1% Likely by Default'] },
    });
    expect(d.title).toBe('Why does this matter?');
    expect(d.where).toEqual(['Deceptive Alignment is <1% Likely by Default', 'Order in fine-tuning', 'Base goal before goals?']);
    expect(d.who).toBe('Essay section · DavidW');
    expect(d.openingWords).toBe(0);
  });
  test('returns our pages as ours, without an excerpt when the text is only the title', () => {
    const claim = resultDisplay({ url: '/arguments/x/', content: 'Our words.', meta: { title: 'A claim' }, filters: { kind: ['Claim'] } });
    expect(claim).toEqual({ title: 'A claim', openingWords: 0, where: [], who: "Claim · written by this site's editors", excerpt: true });
    expect(resultDisplay({ url: '/start/', content: 'Start here', meta: { title: 'Start here' }, filters: { kind: ['Page'] } }).excerpt).toBe(false);
  });
});

describe('formatDate', () => {
  test('returns day, month and year from an ISO date or date-time, and anything else unchanged', () => {
    expect(formatDate('2023-12-01T16:00')).toBe('1 Dec 2023');
    expect(formatDate('2023-11-15')).toBe('15 Nov 2023');
    expect(formatDate('undated')).toBe('undated');
  });
});
