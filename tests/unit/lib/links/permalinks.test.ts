import { describe, expect, test } from 'vitest';
import { aliasesFor, anchorKey, diffAnchors, normaliseAnchorList, pageRedirects } from '../../../../src/lib/links/permalinks.ts';

describe('diffAnchors', () => {
  test('returns a committed anchor as missing when the build dropped it without a redirect', () => {
    const d = diffAnchors(['/t/#c-a', '/t/#c-b'], ['/t/#c-a'], {});
    expect(d.missing).toEqual(['/t/#c-b']);
  });
  test('returns nothing missing when a redirect sends the old anchor to one that exists', () => {
    const d = diffAnchors(['/t/#c-old'], ['/t/#c-new'], { '/t/#c-old': '/t/#c-new' });
    expect(d.missing).toEqual([]);
    expect(d.unlisted).toEqual(['/t/#c-new']);
  });
  test('returns a redirect to a vanished anchor as broken and keeps the old one missing', () => {
    const d = diffAnchors(['/t/#c-old'], [], { '/t/#c-old': '/t/#c-gone' });
    expect(d.missing).toEqual(['/t/#c-old']);
    expect(d.brokenRedirects).toEqual([{ from: '/t/#c-old', to: '/t/#c-gone' }]);
  });
  test('returns a page-level redirect as valid when the new page exists', () => {
    const d = diffAnchors(['/old/#x'], ['/new/#x'], { '/old/#x': '/new/' }, ['/new/']);
    expect(d.missing).toEqual([]);
  });
});

describe('normaliseAnchorList', () => {
  test('returns a sorted list without duplicates', () => {
    expect(normaliseAnchorList(['/b/#x', '/a/#y', '/b/#x'])).toEqual(['/a/#y', '/b/#x']);
  });
});

describe('aliasesFor', () => {
  test('returns aliases for anchors that moved from this page, relative when they stay on it', () => {
    const r = { '/t/#c-old': '/t/#c-new', '/t/#c-away': '/u/#c-x', '/u/#c-y': '/u/#c-z' };
    expect(aliasesFor('/t/', r)).toEqual([
      { alias: 'c-old', target: '#c-new' },
      { alias: 'c-away', target: '/u/#c-x' },
    ]);
  });
});

describe('pageRedirects', () => {
  test('returns only whole-page moves', () => {
    expect(pageRedirects({ '/a/': '/b/', '/a/#x': '/b/#x' })).toEqual({ '/a/': '/b/' });
  });
});

describe('anchorKey', () => {
  test('returns page and id joined by #', () => {
    expect(anchorKey('/threads/x/', 'c-1')).toBe('/threads/x/#c-1');
  });
});
