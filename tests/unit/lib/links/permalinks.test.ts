import { describe, expect, test } from 'vitest';
import { parse } from 'node-html-parser';
import {
  aliasesFor,
  applyAnchorRedirects,
  anchorKey,
  departuresFrom,
  diffAnchors,
  formatAnchorList,
  isPermalinkElement,
  mergeAnchorList,
  normaliseAnchorList,
  pageRedirects,
  redirectProblems,
  splitAnchor,
} from '../../../../src/lib/links/permalinks.ts';

describe('isPermalinkElement', () => {
  test.each([
    [{ tag: 'article', id: 'c-abc', dataPermalink: false }, true],
    [{ tag: 'ARTICLE', id: 'c-abc', dataPermalink: true }, true],
    [{ tag: 'h2', id: 'summary', dataPermalink: false }, true],
    [{ tag: 'H3', id: 'licences', dataPermalink: false }, true],
    [{ tag: 'h4', id: 'detail', dataPermalink: false }, true],
    [{ tag: 'div', id: 'summary-points', dataPermalink: true }, true],
    [{ tag: 'h2', id: 'toc-heading', dataPermalink: false }, false],
    [{ tag: 'h2', id: 'notes-heading', dataPermalink: true }, true],
    [{ tag: 'h1', id: 'title', dataPermalink: false }, false],
    [{ tag: 'h5', id: 'deep', dataPermalink: false }, false],
    [{ tag: 'div', id: 'chart', dataPermalink: false }, false],
    [{ tag: 'h2', id: '', dataPermalink: true }, false],
  ])('returns %o → %s', (el, expected) => {
    expect(isPermalinkElement(el)).toBe(expected);
  });
});

describe('anchorKey', () => {
  test('returns page and id joined by #', () => {
    expect(anchorKey('/threads/x/', 'c-1')).toBe('/threads/x/#c-1');
  });
});

describe('splitAnchor', () => {
  test('returns page and id of an anchor', () => {
    expect(splitAnchor('/threads/x/#c-1')).toEqual({ page: '/threads/x/', id: 'c-1' });
  });
  test('returns an empty id for a page-only entry', () => {
    expect(splitAnchor('/threads/x/')).toEqual({ page: '/threads/x/', id: '' });
  });
});

describe('diffAnchors', () => {
  test('returns a committed anchor as missing when the build dropped it without a redirect', () => {
    const d = diffAnchors(['/t/#c-a', '/t/#c-b'], ['/t/#c-a'], {});
    expect(d).toEqual({ missing: ['/t/#c-b'], brokenRedirects: [], unlisted: [] });
  });
  test('returns nothing missing when a redirect sends the old anchor to one that exists', () => {
    const d = diffAnchors(['/t/#c-old'], ['/t/#c-new'], { '/t/#c-old': '/t/#c-new' });
    expect(d.missing).toEqual([]);
    expect(d.brokenRedirects).toEqual([]);
  });
  test('returns a built anchor the list lacks as unlisted', () => {
    const d = diffAnchors(['/t/#c-a'], ['/t/#c-a', '/t/#c-new'], {});
    expect(d.unlisted).toEqual(['/t/#c-new']);
  });
  test('returns a redirect to a vanished anchor as broken and keeps the old one missing', () => {
    const d = diffAnchors(['/t/#c-old'], [], { '/t/#c-old': '/t/#c-gone' });
    expect(d.missing).toEqual(['/t/#c-old']);
    expect(d.brokenRedirects).toEqual([{ from: '/t/#c-old', to: '/t/#c-gone' }]);
  });
  test('returns an anchor redirected to a whole page as covered when that page exists', () => {
    const d = diffAnchors(['/old/#x'], [], { '/old/#x': '/new/' }, ['/new/']);
    expect(d).toEqual({ missing: [], brokenRedirects: [], unlisted: [] });
  });
  test('returns a redirect to a page that was not built as broken', () => {
    const d = diffAnchors([], [], { '/old/': '/new/' }, ['/other/']);
    expect(d.brokenRedirects).toEqual([{ from: '/old/', to: '/new/' }]);
  });
  test('returns nothing when list and build agree', () => {
    expect(diffAnchors(['/a/#x', '/b/#y'], ['/b/#y', '/a/#x'], {})).toEqual({ missing: [], brokenRedirects: [], unlisted: [] });
  });
});

describe('normaliseAnchorList', () => {
  test('returns a sorted list without duplicates', () => {
    expect(normaliseAnchorList(['/b/#x', '/a/#y', '/b/#x'])).toEqual(['/a/#y', '/b/#x']);
  });
  test('returns code-unit order, independent of locale', () => {
    expect(normaliseAnchorList(['/a/#b', '/a/#B', '/a/#a'])).toEqual(['/a/#B', '/a/#a', '/a/#b']);
  });
});

describe('formatAnchorList', () => {
  test('returns one anchor a line, sorted, with a final newline', () => {
    expect(formatAnchorList(['/b/#x', '/a/#y'])).toBe('[\n  "/a/#y",\n  "/b/#x"\n]\n');
  });
  test('returns an empty array for no anchors', () => {
    expect(formatAnchorList([])).toBe('[]\n');
  });
  test('returns text that parses back to the normalised list', () => {
    const list = ['/t/#c-"quoted"', '/a/#x', '/a/#x'];
    expect(JSON.parse(formatAnchorList(list))).toEqual(normaliseAnchorList(list));
  });
});

describe('redirectProblems', () => {
  test('returns nothing for anchor and page moves to final targets', () => {
    expect(redirectProblems({ '/t/#c-old': '/t/#c-new', '/old/': '/new/', '/u/#x': '/new/' })).toEqual([]);
  });
  test('returns a message for a path without a leading slash', () => {
    expect(redirectProblems({ 't/#x': '/t/#y' })).toEqual(['t/#x → /t/#y: both sides must be site paths starting with "/"']);
  });
  test('returns a message for a redirect to itself', () => {
    expect(redirectProblems({ '/t/#x': '/t/#x' })).toEqual(['/t/#x redirects to itself']);
  });
  test('returns a message for a page moved to an anchor', () => {
    expect(redirectProblems({ '/old/': '/new/#x' })).toEqual(['/old/ → /new/#x: a whole page must move to a page, not to an anchor']);
  });
  test('returns a message for a chain', () => {
    expect(redirectProblems({ '/a/#x': '/b/#y', '/b/#y': '/c/#z' })).toEqual(['/a/#x → /b/#y → /c/#z: point /a/#x straight at its final target']);
  });
});

describe('aliasesFor', () => {
  const redirects = {
    '/t/#c-old': '/t/#c-new',
    '/u/#c-moved-in': '/t/#c-here',
    '/t/#c-away': '/u/#c-x',
    '/u/#c-y': '/u/#c-z',
    '/old/#same': '/t/#same',
    '/gone/': '/t/',
  };
  test('returns aliases for anchors that moved within or into the page, sorted by alias', () => {
    expect(aliasesFor('/t/', redirects)).toEqual([
      { alias: 'c-moved-in', target: 'c-here' },
      { alias: 'c-old', target: 'c-new' },
    ]);
  });
  test('returns nothing for a page no anchor moved to', () => {
    expect(aliasesFor('/v/', redirects)).toEqual([]);
  });
});

describe('departuresFrom', () => {
  test('returns anchors that left the page for another page', () => {
    expect(departuresFrom('/t/', { '/t/#c-away': '/u/#c-x', '/t/#c-old': '/t/#c-new', '/t/#whole': '/u/' })).toEqual([
      { id: 'c-away', to: '/u/#c-x' },
      { id: 'whole', to: '/u/' },
    ]);
  });
});

describe('pageRedirects', () => {
  test('returns only whole-page moves, in the shape of Astro redirects', () => {
    expect(pageRedirects({ '/a/': '/b/', '/a/#x': '/b/#x', '/c/#y': '/d/' })).toEqual({ '/a/': '/b/' });
  });
  test('returns an empty object when nothing moved', () => {
    expect(pageRedirects({})).toEqual({});
  });
});

describe('mergeAnchorList', () => {
  test('returns the union, so an anchor the build dropped stays listed', () => {
    expect(mergeAnchorList(['/a/#old', '/a/#x'], ['/a/#x', '/a/#new'], {})).toEqual({
      list: ['/a/#new', '/a/#old', '/a/#x'],
      added: ['/a/#new'],
      kept: ['/a/#old'],
      pruned: [],
    });
  });
  test('returns unredirected dropped anchors as pruned when asked to prune', () => {
    const merged = mergeAnchorList(['/a/#old', '/a/#moved'], [], { '/a/#moved': '/b/#moved' }, { prune: true });
    expect(merged.list).toEqual(['/a/#moved']);
    expect(merged.pruned).toEqual(['/a/#old']);
    expect(merged.kept).toEqual(['/a/#moved']);
  });
  test('returns the same list when nothing changed', () => {
    expect(mergeAnchorList(['/a/#x'], ['/a/#x'], {}).list).toEqual(['/a/#x']);
  });
});

describe('applyAnchorRedirects', () => {
  const page = '<html><body><main><ol><li class="comment" id="c-new"><p>text</p></li></ol><h2 id="why">Why</h2></main></body></html>';

  test('puts the old id inside its new home, as its first child', () => {
    const out = parse(applyAnchorRedirects('/threads/t/', page, { '/threads/t/#c-old': '/threads/t/#c-new' }));
    const alias = out.getElementById('c-old');
    expect(alias?.parentNode.id).toBe('c-new');
    expect(alias?.parentNode.firstChild).toBe(alias);
    expect(alias?.textContent).toBe('');
  });

  test('an anchor that arrived from another page gets its alias here; the old page gets a note linking on', () => {
    const redirects = { '/essays/e/#old-why': '/threads/t/#why' };
    const here = parse(applyAnchorRedirects('/threads/t/', page, redirects));
    expect(here.getElementById('old-why')?.parentNode.id).toBe('why');
    const there = parse(applyAnchorRedirects('/essays/e/', page, redirects));
    const note = there.getElementById('old-why');
    expect(note?.closest('main')).not.toBeNull();
    expect(note?.querySelector('a')?.getAttribute('href')).toBe('/threads/t/#why');
  });

  test('leaves a page untouched when no redirect concerns it', () => {
    expect(applyAnchorRedirects('/other/', page, { '/threads/t/#c-old': '/threads/t/#c-new' })).toBe(page);
  });

  test('does not mistake an id that merely starts with the target for the target', () => {
    const html = '<main><p id="why-not">x</p><h2 id="why">Why</h2></main>';
    const out = parse(applyAnchorRedirects('/p/', html, { '/p/#because': '/p/#why' }));
    expect(out.getElementById('because')?.parentNode.id).toBe('why');
  });

  test('names the page and ids when the new home is missing', () => {
    expect(() => applyAnchorRedirects('/threads/t/', page, { '/threads/t/#c-x': '/threads/t/#c-gone' })).toThrow(
      /\/threads\/t\/: redirect target #c-gone \(for the old #c-x\)/,
    );
  });

  test('escapes ids so a hostile redirect value cannot add markup', () => {
    const out = parse(applyAnchorRedirects('/e/', page, { '/e/#a': '/t/#"><script>x</script>' }));
    expect(out.querySelectorAll('script')).toHaveLength(0);
  });
});
