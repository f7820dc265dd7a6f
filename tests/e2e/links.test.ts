import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { DIST, SOURCE_KINDS, anchorIds, copyButtonOf, dom, expectNone, expectSome, pages, sourcePaths, type SourceKind } from './helpers.ts';

// Built-site checks in plain Node: every internal link, asset and #fragment in dist/ lands on
// something real. External links are never fetched.

const ORIGIN = 'http://site.invalid';
const all = pages().map((p) => p.path);
const htmlPaths = new Set(all);

/** Ids of every element on a built page (`null` when the path is not an HTML page of ours). */
const idCache = new Map<string, Set<string>>();
function idsOn(path: string): Set<string> | null {
  if (!htmlPaths.has(path)) return null;
  let ids = idCache.get(path);
  if (!ids) {
    ids = new Set(
      dom(path)
        .querySelectorAll('[id]')
        .map((el) => el.id),
    );
    idCache.set(path, ids);
  }
  return ids;
}

/** The file a URL path is served from, mirroring a static host; `null` when there is none. */
function fileFor(pathname: string): { file: string; page: string } | null {
  const rel = decodeURIComponent(pathname);
  const candidates = rel.endsWith('/') ? [`${rel}index.html`] : [rel];
  for (const c of candidates) {
    const file = join(DIST, c);
    if (existsSync(file) && statSync(file).isFile()) {
      const page = c.endsWith('/index.html') ? c.slice(0, -'index.html'.length) : c;
      return { file, page };
    }
  }
  return null;
}

/** Every URL a page references: links, assets, srcset candidates and meta refresh targets. */
function references(root: HTMLElement): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('[href], [src], [srcset], [poster], meta[http-equiv]')) {
    for (const attr of ['href', 'src', 'poster']) {
      const v = el.getAttribute(attr);
      if (v !== undefined && el.tagName !== 'BASE') out.push(v);
    }
    const srcset = el.getAttribute('srcset');
    if (srcset) for (const part of srcset.split(',')) out.push(part.trim().split(/\s+/)[0] ?? '');
    if (el.tagName === 'META' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') {
      const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute('content') ?? '');
      if (m?.[1]) out.push(m[1]);
    }
  }
  return out;
}

/** Checks one reference from page `from`; returns a problem sentence or null. */
function check(from: string, href: string): string | null {
  if (href === '' || /^(mailto:|tel:|data:|javascript:)/i.test(href))
    return href.toLowerCase().startsWith('javascript:') ? `${from}: ${href} → javascript: URL` : null;
  let url: URL;
  try {
    url = new URL(href, `${ORIGIN}${from}`);
  } catch {
    return `${from}: ${href} → not a valid URL`;
  }
  if (url.origin !== ORIGIN) return null; // external: not fetched
  const target = fileFor(url.pathname);
  if (!target) {
    const dir = fileFor(`${url.pathname}/`);
    return dir ? `${from}: ${href} → ${url.pathname} is a directory: link to ${url.pathname}/` : `${from}: ${href} → no file for ${url.pathname} in dist/`;
  }
  // Text fragments (#:~:text=…) are the browser's business; the part before them is an id.
  const hash = decodeURIComponent(url.hash.slice(1)).split(':~:')[0] ?? '';
  if (!hash || hash === 'top') return null;
  const ids = idsOn(target.page);
  if (!ids) return null; // a fragment on a non-HTML file (e.g. JSON) is not an element id
  return ids.has(hash) ? null : `${from}: ${href} → no element with id "${hash}" on ${target.page}`;
}

describe('the build', () => {
  for (const kind of Object.keys(SOURCE_KINDS) as SourceKind[]) {
    test(`has at least one ${kind} page`, () => {
      expectSome(sourcePaths(kind), `${kind} pages (${SOURCE_KINDS[kind]})`);
    });
  }
});

describe('links and fragments', () => {
  test('every internal href/src resolves to a file in dist/, and every #fragment to an element id', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const path of all) {
      for (const href of references(dom(path))) {
        checked++;
        const problem = check(path, href);
        if (problem) broken.push(problem);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expectNone(broken, 'broken internal links');
  });

  test('same-page fragments are checked too (the checker is not blind to them)', () => {
    const withLocal = all.filter((p) => references(dom(p)).some((h) => h.startsWith('#') && h.length > 1));
    expectSome(withLocal, 'pages with same-page #fragment links');
    expect(check('/', '#no-such-id-anywhere')).toMatch(/no element with id "no-such-id-anywhere"/);
    expect(check('/', '/no-such-page/')).toMatch(/no file for \/no-such-page\//);
  });

  test('every id on a page is unique', () => {
    const dupes: string[] = [];
    for (const path of all) {
      const seen = new Set<string>();
      for (const el of dom(path).querySelectorAll('[id]')) {
        if (seen.has(el.id)) dupes.push(`${path}#${el.id}`);
        seen.add(el.id);
      }
    }
    expectNone(dupes, 'ids used twice on one page');
  });

  test('external links carry rel="noopener noreferrer"', () => {
    const bare: string[] = [];
    for (const path of all) {
      for (const a of dom(path).querySelectorAll('a[href]')) {
        const href = a.getAttribute('href') ?? '';
        if (!/^(https?:)?\/\//i.test(href)) continue;
        const rel = (a.getAttribute('rel') ?? '').split(/\s+/);
        if (!rel.includes('noopener') || !rel.includes('noreferrer')) bare.push(`${path}: ${href}`);
      }
    }
    expectNone(bare, 'external links without rel="noopener noreferrer"');
  });
});

/** Permalinked elements of the pages matching `filter` that lack a matching copy-link button. */
function withoutCopyLink(filter: (path: string) => boolean): { problems: string[]; count: number } {
  const problems: string[] = [];
  let count = 0;
  for (const path of all.filter(filter)) {
    const root = dom(path);
    for (const id of anchorIds(path)) {
      count++;
      const el = root.getElementById(id);
      if (!copyButtonOf(root, id)) {
        const found = (el?.querySelectorAll('button[data-copy-link]') ?? []).map((b) => b.getAttribute('data-copy-link')).join(', ');
        problems.push(
          `${path}#${id} (<${el?.tagName.toLowerCase()}>) has no button[data-copy-link="#${id}"] in it or beside it${found ? ` (found ${found})` : ''}`,
        );
      }
    }
    for (const b of root.querySelectorAll('button[data-copy-link]')) {
      const hash = b.getAttribute('data-copy-link') ?? '';
      if (!hash.startsWith('#') || !root.getElementById(hash.slice(1))) problems.push(`${path}: button[data-copy-link="${hash}"] names no element of the page`);
    }
  }
  return { problems, count };
}

const isSource = (path: string) => Object.values(SOURCE_KINDS).some((re) => re.test(path));

describe('copy-link controls', () => {
  test('on essay, thread and person pages every permalinked element has a copy-link button for its own id, in it or beside it', () => {
    const { problems, count } = withoutCopyLink(isSource);
    expect(count, 'permalinked elements on source pages').toBeGreaterThan(0);
    expectNone(problems, 'permalinked elements without their copy-link button');
  });

  test('on every other page every permalinked element has a copy-link button for its own id, in it or beside it', () => {
    const { problems } = withoutCopyLink((p) => !isSource(p) && p !== '/404.html');
    expectNone(problems, 'permalinked elements without their copy-link button');
  });
});
