import { describe, expect, test } from 'vitest';
import { pageKindFor, pageRecord, passageRecord } from '../../../../src/lib/search/records.ts';

const attrs = {
  kind: 'comment',
  anchor: 'c-quintin-pope-202311152230',
  title: 'Quintin Pope on “Scheming AIs”',
  author: 'Quintin Pope',
  date: '2023-11-15T22:30',
  replyTo: undefined,
  source: 'Scheming AIs thread',
};

describe('passageRecord', () => {
  test('returns a record whose URL lands on the passage anchor', () => {
    const r = passageRecord('/threads/scheming-ais/', attrs, '  counting   arguments\n');
    expect(r.url).toBe('/threads/scheming-ais/#c-quintin-pope-202311152230');
    expect(r.content).toBe('counting arguments');
    expect(r.filters).toEqual({ kind: ['Comment'], author: ['Quintin Pope'], source: ['Scheming AIs thread'] });
    expect(r.meta).toMatchObject({ author: 'Quintin Pope', date: '2023-11-15T22:30', kind: 'Comment' });
    expect(r.meta).not.toHaveProperty('replyTo');
  });

  test('returns "Not recorded" as the author filter when the export lost the author', () => {
    const r = passageRecord('/threads/x/', { ...attrs, author: undefined }, 'text');
    expect(r.filters['author']).toEqual(['Not recorded']);
  });

  test('throws naming the page when a passage has an unknown kind or no anchor', () => {
    expect(() => passageRecord('/threads/x/', { ...attrs, kind: 'comet' }, 't')).toThrow('/threads/x/: passage has unknown search kind "comet"');
    expect(() => passageRecord('/threads/x/', { ...attrs, anchor: undefined }, 't')).toThrow('no anchor id');
  });
});

describe('pageKindFor', () => {
  test.each([
    ['/people/vili-kohonen/', 'person'],
    ['/calculators/ordering/', 'calculator'],
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
  test('returns null when a page has no text of its own', () => {
    expect(pageRecord('/threads/x/', 'page', 'T', '  \n ')).toBeNull();
  });
});
