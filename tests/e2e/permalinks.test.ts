import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { diffAnchors } from '../../src/lib/links/permalinks.ts';
import { publishedAnchors } from '../../src/tools/dist.ts';
import { DIST, pages } from './helpers.ts';

// Permalinks are a promise: an anchor we published may only go away with a redirect.
const committed = JSON.parse(readFileSync('content/permalinks/anchors.json', 'utf8')) as string[];
const redirects = JSON.parse(readFileSync('content/permalinks/redirects.json', 'utf8')) as Record<string, string>;
const built = publishedAnchors(DIST);
const diff = diffAnchors(committed, built, redirects, pages().map((p) => p.path));

describe('published anchors', () => {
  test('the committed list covers comments, essay sections and notes', () => {
    expect(committed.filter((a) => a.includes('#c-')).length).toBeGreaterThanOrEqual(28 + 4 + 11);
    expect(committed.some((a) => a.startsWith('/essays/') && a.endsWith('#summary'))).toBe(true);
  });

  test('no published anchor disappears without a redirect to an anchor that exists', () => {
    expect(diff.missing, 'restore these anchors or add redirects in content/permalinks/redirects.json').toEqual([]);
    expect(diff.brokenRedirects).toEqual([]);
  });

  test('every anchor the build publishes is in the committed list', () => {
    expect(diff.unlisted, 'new anchors: run `npm run anchors:update` and commit content/permalinks/anchors.json').toEqual([]);
  });
});
