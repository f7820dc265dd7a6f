import { describe, expect, test } from 'vitest';
import { parse } from 'node-html-parser';
import { pages } from './helpers.ts';

// Every internal link and #fragment in dist/ must land somewhere real.
const all = pages();
const byPath = new Map(all.map((p) => [p.path, parse(p.html)]));
const idsOf = new Map([...byPath].map(([path, root]) => [path, new Set(root.querySelectorAll('[id]').map((el) => el.id))]));

function resolveTarget(from: string, href: string): { path: string; hash: string } | null {
  const url = new URL(href, `http://site${from}`);
  if (url.origin !== 'http://site') return null;
  return { path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) };
}

function exists(path: string): boolean {
  return byPath.has(path) || byPath.has(`${path}index.html`) || /^\/(_astro|pagefind|previews)\//.test(path) || path === '/favicon.svg';
}

describe('built site', () => {
  test('has the source pages the links point into', () => {
    expect([...byPath.keys()].filter((p) => p.startsWith('/essays/')).length).toBeGreaterThan(0);
    expect([...byPath.keys()].filter((p) => p.startsWith('/threads/')).length).toBeGreaterThanOrEqual(2);
    expect(byPath.has('/people/vili-kohonen/')).toBe(true);
  });

  test('every internal link and fragment resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [path, root] of byPath) {
      for (const el of root.querySelectorAll('a[href], link[href], script[src], img[src]')) {
        const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
        if (/^(mailto:|tel:|data:)/.test(href)) continue;
        const t = resolveTarget(path, href);
        if (!t) continue;
        checked++;
        if (!exists(t.path)) {
          broken.push(`${path}: ${href} → no page ${t.path}`);
          continue;
        }
        if (t.hash && !(idsOf.get(t.path) ?? new Set()).has(t.hash)) broken.push(`${path}: ${href} → no #${t.hash} on ${t.path}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  test('every id on a page is unique', () => {
    const dupes: string[] = [];
    for (const [path, root] of byPath) {
      const seen = new Set<string>();
      for (const el of root.querySelectorAll('[id]')) {
        if (seen.has(el.id)) dupes.push(`${path}#${el.id}`);
        seen.add(el.id);
      }
    }
    expect(dupes).toEqual([]);
  });

  test('external links carry rel="noopener noreferrer"', () => {
    const bare: string[] = [];
    for (const [path, root] of byPath) {
      for (const a of root.querySelectorAll('a[href^="http"]')) {
        const rel = a.getAttribute('rel') ?? '';
        if (!rel.includes('noopener') || !rel.includes('noreferrer')) bare.push(`${path}: ${a.getAttribute('href')}`);
      }
    }
    expect(bare).toEqual([]);
  });
});
