import { describe, expect, test } from 'vitest';
import { parse } from 'node-html-parser';
import {
  CURATED_TEXT_WEIGHT,
  dropsHeadings,
  pageKindFor,
  pageRecord,
  pageTextScope,
  passageAttribution,
  passageRecord,
  passageTitle,
  recordAsHtml,
  type PassageAttributes,
} from '../../../../src/lib/search/records.ts';

const attrs: PassageAttributes = {
  kind: 'comment',
  anchor: 'c-quintin-pope-202311152230',
  title: 'Quintin Pope · “Scheming AIs”',
  author: { name: 'Quintin Pope', status: 'recorded' },
  date: '2023-11-15T22:30',
  replyTo: undefined,
  source: 'Scheming AIs thread',
};

describe('passageRecord', () => {
  test('returns a record whose URL lands on the passage anchor', () => {
    const r = passageRecord('/threads/scheming-ais/', attrs, '  counting   arguments\n');
    expect(r.url).toBe('/threads/scheming-ais/#c-quintin-pope-202311152230');
    expect(r.content).toBe('counting arguments');
    expect(r.filters).toEqual({ kind: ['Comment'], author: ['Quintin Pope'], source: ['Scheming AIs thread'], date: ['2023-11-15T22:30'] });
    expect(r.filters).not.toHaveProperty('replyTo');
  });

  test('returns searchable meta only: the title and the author’s name, never a date, kind or source', () => {
    const r = passageRecord('/threads/scheming-ais/', { ...attrs, replyTo: { name: 'DavidW', status: 'inferred' } }, 'text');
    expect(r.meta).toEqual({ title: 'Quintin Pope · “Scheming AIs”', author: 'Quintin Pope' });
    expect(r.filters['replyTo']).toEqual(['DavidW (inferred)']);
  });

  test('returns the unrecorded-author wording as the author filter, and no author meta, when the export lost the author', () => {
    const r = passageRecord('/threads/x/', { ...attrs, author: { name: null, status: 'unknown' } }, 'text');
    expect(r.filters['author']).toEqual(['Author not recorded in the export']);
    expect(r.meta).not.toHaveProperty('author');
  });

  test('returns an inferred author with "(inferred)" in the filter, the reply context and the searchable meta', () => {
    const inferred = { name: 'DavidW', status: 'inferred' } as const;
    const r = passageRecord('/threads/x/', { ...attrs, author: inferred, replyTo: inferred }, 'text');
    expect(r.filters['author']).toEqual(['DavidW (inferred)']);
    expect(r.filters['replyTo']).toEqual(['DavidW (inferred)']);
    expect(r.meta['author']).toBe('DavidW (inferred)');
  });

  test('returns its heading as the text of a section with nothing under it but subsections', () => {
    const r = passageRecord('/essays/x/', { ...attrs, kind: 'essay-section', title: 'Part › Will it come first?' }, '  ');
    expect(r.content).toBe('Will it come first?');
  });

  test('throws naming the page when a passage has an unknown kind or no anchor', () => {
    expect(() => passageRecord('/threads/x/', { ...attrs, kind: 'comet' }, 't')).toThrow('/threads/x/: passage has unknown search kind "comet"');
    expect(() => passageRecord('/threads/x/', { ...attrs, anchor: undefined }, 't')).toThrow('no anchor id');
  });
});

describe('passageTitle', () => {
  test('returns a section’s heading path, joined outermost first', () => {
    expect(passageTitle('essay-section', attrs.author, ['Part two', ' Why does this\nmatter? '])).toBe('Part two › Why does this matter?');
  });
  test('returns a comment’s author as labelled, or nothing when it is not recorded', () => {
    expect(passageTitle('comment', attrs.author, [])).toBe('Quintin Pope');
    expect(passageTitle('comment', { name: 'DavidW', status: 'inferred' }, [])).toBe('DavidW (inferred)');
    expect(passageTitle('comment', { name: null, status: 'unknown' }, [])).toBeUndefined();
  });
});

describe('pageTextScope', () => {
  test.each([
    ['/', 'page', 'lede'],
    ['/start/', 'page', 'lede'],
    ['/arguments/', 'page', 'lede'],
    ['/glossary/', 'page', 'lede'],
    ['/people/', 'page', 'lede'],
    ['/calculators/', 'page', 'lede'],
    ['/people/quintin-pope/', 'person', 'lede'],
    ['/essays/x/', 'page', 'title'],
    ['/threads/x/', 'page', 'title'],
    ['/arguments/x/', 'claim', 'prose'],
    ['/glossary/x/', 'term', 'prose'],
    ['/about/', 'page', 'prose'],
    ['/calculators/ordering/', 'calculator', 'prose'],
  ] as const)('returns how much of %s is indexed', (path, kind, scope) => {
    expect(pageTextScope(path, kind)).toBe(scope);
  });
  test('returns true only for claims and terms, whose headings are the same labels on every page', () => {
    expect(dropsHeadings('claim')).toBe(true);
    expect(dropsHeadings('term')).toBe(true);
    expect(dropsHeadings('page')).toBe(false);
    expect(dropsHeadings('calculator')).toBe(false);
  });
});

describe('pageKindFor', () => {
  test.each([
    ['/people/vili-kohonen/', 'person'],
    ['/calculators/ordering/', 'calculator'],
    ['/calculators/', 'page'],
    ['/arguments/counting-argument/', 'claim'],
    ['/glossary/slack/', 'term'],
    ['/about/', 'page'],
    ['/search/', null],
    ['/404.html', null],
  ])('returns the kind for %s', (path, kind) => {
    expect(pageKindFor(path)).toBe(kind);
  });
});

describe('pageRecord', () => {
  test('returns the title as the text when a page has no text of its own (Pagefind drops empty records)', () => {
    expect(pageRecord('/threads/x/', 'page', 'Title', '  \n ')?.content).toBe('Title');
    expect(pageRecord('/threads/x/', 'page', 'Title', '  \n ')?.meta).toEqual({ title: 'Title' });
  });
  test('returns null when a page has neither text nor title', () => {
    expect(pageRecord('/threads/x/', 'page', ' ', '  \n ')).toBeNull();
  });
});

describe('passageAttribution', () => {
  test('returns the author read back from a name and a status attribute', () => {
    expect(passageAttribution('/t/#c', 'DavidW', 'inferred')).toEqual({ name: 'DavidW', status: 'inferred' });
    expect(passageAttribution('/t/#c', undefined, 'unknown')).toEqual({ name: null, status: 'unknown' });
  });
  test('throws naming the passage when the status is missing or does not fit the name', () => {
    expect(() => passageAttribution('/t/#c', 'DavidW', undefined)).toThrow('/t/#c: passage author "DavidW" has no valid status (got "")');
    expect(() => passageAttribution('/t/#c', 'DavidW', 'guessed')).toThrow('has no valid status (got "guessed")');
    expect(() => passageAttribution('/t/#c', 'DavidW', 'unknown')).toThrow('/t/#c: passage author "DavidW" does not match its status "unknown"');
    expect(() => passageAttribution('/t/#c', undefined, 'inferred')).toThrow('does not match its status "inferred"');
  });
});

describe('weights for the curated layer', () => {
  test('every page-level record (our own writing) is down-weighted; source passages are not', () => {
    expect(pageRecord('/arguments/x/', 'claim', 'T', 'text')?.weight).toBe(CURATED_TEXT_WEIGHT);
    expect(pageRecord('/glossary/x/', 'term', 'T', 'text')?.weight).toBe(CURATED_TEXT_WEIGHT);
    expect(pageRecord('/start/', 'page', 'T', 'text')?.weight).toBe(CURATED_TEXT_WEIGHT);
    expect(pageRecord('/people/x/', 'person', 'T', 'text')?.weight).toBe(CURATED_TEXT_WEIGHT);
    expect(pageRecord('/calculators/x/', 'calculator', 'T', 'text')?.weight).toBe(CURATED_TEXT_WEIGHT);
    expect(passageRecord('/threads/x/', attrs, 'text').weight).toBeUndefined();
    expect(CURATED_TEXT_WEIGHT).toBeGreaterThan(0);
    expect(CURATED_TEXT_WEIGHT).toBeLessThan(1);
  });
});

describe('recordAsHtml', () => {
  const hostile = {
    url: '/arguments/x/',
    content: 'a <script>alert(1)</script> & "quoted" text',
    language: 'en' as const,
    meta: { title: 'Title with "quotes" <b>', kind: 'Claim' },
    filters: { kind: ['Claim'], author: ['A "B" <C>'] },
    weight: 0.35,
  };
  const root = parse(recordAsHtml(hostile));

  test('keeps the text as text: no element can be injected through content, title, meta or filters', () => {
    expect(root.querySelectorAll('script')).toHaveLength(0);
    expect(root.querySelectorAll('b')).toHaveLength(0);
    expect(root.querySelector('[data-pagefind-weight]')?.textContent).toBe(hostile.content);
  });

  test('carries the weight, the title only as meta (never repeated in the text), and every meta and filter value exactly', () => {
    expect(root.querySelector('[data-pagefind-weight]')?.getAttribute('data-pagefind-weight')).toBe('0.35');
    expect(root.querySelector('[data-pagefind-body]')?.textContent).toBe(hostile.content);
    const metas = root.querySelectorAll('meta[data-pagefind-meta]').map((m) => [m.getAttribute('data-pagefind-meta'), m.getAttribute('content')]);
    expect(metas).toEqual([
      ['title[content]', hostile.meta.title],
      ['kind[content]', 'Claim'],
    ]);
    const filters = root.querySelectorAll('meta[data-pagefind-filter]').map((m) => [m.getAttribute('data-pagefind-filter'), m.getAttribute('content')]);
    expect(filters).toEqual([
      ['kind[content]', 'Claim'],
      ['author[content]', 'A "B" <C>'],
    ]);
  });
});
