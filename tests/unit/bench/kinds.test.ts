import { describe, expect, test } from 'vitest';
import { isReadingPage, pageKindOf, representativePages } from '../../../src/bench/kinds.ts';

describe('pageKindOf', () => {
  test.each([
    ['/', 'home'],
    ['/essays/x/', 'essay'],
    ['/threads/x/', 'thread'],
    ['/people/x/', 'person'],
    ['/arguments/x/', 'claim'],
    ['/glossary/x/', 'term'],
    ['/calculators/ordering/', 'calculator'],
    ['/search/', 'search'],
  ])('returns the kind of %s', (path, kind) => {
    expect(pageKindOf(path)).toBe(kind);
  });
  test.each(['/arguments/', '/glossary/', '/people/', '/start/', '/about/', '/404.html', '/threads/x/y/'])('returns null for %s', (path) => {
    expect(pageKindOf(path)).toBeNull();
  });
});

describe('isReadingPage', () => {
  test('returns false only for the calculators and the search page', () => {
    expect(['/', '/start/', '/glossary/x/', '/calculators/', '/calculators/ordering/', '/search/'].map(isReadingPage)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('representativePages', () => {
  test('returns the page with the most HTML of each kind, skipping pages of no kind', () => {
    const pages = [
      { path: '/threads/b/', htmlBytes: 900 },
      { path: '/threads/a/', htmlBytes: 300 },
      { path: '/about/', htmlBytes: 5000 },
      { path: '/', htmlBytes: 10 },
    ];
    expect(representativePages(pages)).toEqual({ home: '/', thread: '/threads/b/' });
  });
  test('returns the first path in sort order when two pages tie', () => {
    expect(
      representativePages([
        { path: '/glossary/z/', htmlBytes: 5 },
        { path: '/glossary/a/', htmlBytes: 5 },
      ]),
    ).toEqual({ term: '/glossary/a/' });
  });
});
