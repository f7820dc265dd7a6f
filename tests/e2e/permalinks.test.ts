import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { aliasesFor, diffAnchors, formatAnchorList, pageRedirects, redirectProblems, splitAnchor } from '../../src/lib/links/permalinks.ts';
import { ANCHORS_FILE, REDIRECTS_FILE, builtAnchors, readJson } from '../../src/tools/update-anchors.ts';
import { DIST, dom, expectNone, expectSome, pages } from './helpers.ts';

// Permalinks are a promise: an anchor we published may only go away with a redirect to an anchor
// (or page) that exists, and every anchor the build publishes must be in the committed list.

const committedText = readFileSync(ANCHORS_FILE, 'utf8');
const committed = readJson<string[]>(ANCHORS_FILE, []);
const redirects = readJson<Record<string, string>>(REDIRECTS_FILE, {});
const built = builtAnchors(DIST);
const builtPagePaths = pages().map((p) => p.path);
const diff = diffAnchors(committed, built, redirects, builtPagePaths);
const UPDATE = 'run `npm run anchors:update` and commit content/permalinks/anchors.json';

describe('published anchors', () => {
  test('the build publishes comment anchors and essay heading anchors', () => {
    expectSome(built.filter((a) => a.includes('#c-')), 'comment anchors (#c-…)');
    expectSome(built.filter((a) => a.startsWith('/essays/') && !a.includes('#c-')), 'essay section anchors');
  });

  test(`${ANCHORS_FILE} is sorted, one anchor a line, as anchors:update writes it`, () => {
    expect(Array.isArray(committed) && committed.every((a) => typeof a === 'string' && /^\/[^#]*#.+/.test(a)), 'a JSON array of "/page/#id" strings').toBe(true);
    expect(committedText, `hand-edited list: ${UPDATE}`).toBe(formatAnchorList(committed));
  });

  test('no published anchor disappears without a redirect to an anchor or page that exists', () => {
    expectNone(
      diff.missing,
      `published anchors missing from dist/: restore them, or map each to its new home in ${REDIRECTS_FILE} ({ "/old/page/#old-id": "/new/page/#new-id" }); ` +
        'only if an anchor was never deployed, drop it with `npm run anchors:update -- --prune`',
    );
  });

  test(`every redirect in ${REDIRECTS_FILE} is sound and points at something the build has`, () => {
    expectNone(
      [...redirectProblems(redirects), ...diff.brokenRedirects.map(({ from, to }) => `${from} → ${to}: the target is not in dist/`)],
      'bad redirects',
    );
  });

  test('every anchor the build publishes is in the committed list', () => {
    expectNone(diff.unlisted, `new anchors not yet in ${ANCHORS_FILE}: ${UPDATE}`);
  });
});

// Redirects as readers meet them. These run only once redirects.json has entries of each kind; a
// skipped test here means "nothing has moved yet", not "passed".
const anchorMoves = Object.entries(redirects).filter(([from, to]) => from.includes('#') && to.includes('#'));
const pageMoves = Object.entries(pageRedirects(redirects));

describe('redirects on the built pages', () => {
  test.skipIf(anchorMoves.length === 0)('a page that received a moved anchor renders the old id beside the new one', () => {
    const problems: string[] = [];
    const targetPages = new Set(anchorMoves.map(([, to]) => splitAnchor(to).page));
    for (const path of targetPages) {
      if (!builtPagePaths.includes(path)) continue; // reported as a broken redirect above
      const root = dom(path);
      for (const { alias, target } of aliasesFor(path, redirects)) {
        const el = root.getElementById(alias);
        if (!el) problems.push(`${path}: no element with the old id "${alias}" (it moved to #${target})`);
        else if (el.closest('main') === null) problems.push(`${path}: the alias "${alias}" sits outside <main>`);
      }
    }
    expectNone(problems, 'moved anchors whose old id does not land');
  });

  test.skipIf(pageMoves.length === 0)('every whole-page redirect is built as a page that sends readers on', () => {
    const problems: string[] = [];
    for (const [from, to] of pageMoves) {
      if (!builtPagePaths.includes(from)) {
        problems.push(`${from} → ${to}: dist/ has no page at ${from} (is pageRedirects() wired into astro.config.mjs?)`);
        continue;
      }
      const refresh = dom(from).querySelector('meta[http-equiv="refresh"]')?.getAttribute('content') ?? '';
      if (!refresh.includes(to)) problems.push(`${from}: expected a redirect to ${to}, found ${refresh || 'none'}`);
    }
    expectNone(problems, 'whole-page redirects not built');
  });
});
