import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'node-html-parser';
import {
  aliasesFor,
  applyAnchorRedirects,
  diffAnchors,
  formatAnchorList,
  pageRedirects,
  redirectProblems,
  splitAnchor,
} from '../../src/lib/links/permalinks.ts';
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
    expectSome(
      built.filter((a) => a.includes('#c-')),
      'comment anchors (#c-…)',
    );
    expectSome(
      built.filter((a) => a.startsWith('/essays/') && !a.includes('#c-')),
      'essay section anchors',
    );
  });

  test(`${ANCHORS_FILE} is sorted, one anchor a line, as anchors:update writes it`, () => {
    expect(Array.isArray(committed) && committed.every((a) => typeof a === 'string' && /^\/[^#]*#.+/.test(a)), 'a JSON array of "/page/#id" strings').toBe(
      true,
    );
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
    expectNone([...redirectProblems(redirects), ...diff.brokenRedirects.map(({ from, to }) => `${from} → ${to}: the target is not in dist/`)], 'bad redirects');
  });

  test('every anchor the build publishes is in the committed list', () => {
    expectNone(diff.unlisted, `new anchors not yet in ${ANCHORS_FILE}: ${UPDATE}`);
  });
});

// Redirects as readers meet them. Real moves in redirects.json are checked on the build as it
// is; the post-build rewriting itself is exercised on a real built thread page with a move made
// up for the test, so this runs (and can fail) before anything has ever moved.
const anchorMoves = Object.entries(redirects).filter(([from, to]) => from.includes('#') && to.includes('#'));
const pageMoves = Object.entries(pageRedirects(redirects));

/** Problems with how the built pages carry the anchor moves in `moves`. */
function aliasProblems(moves: Record<string, string>, render: (path: string) => ReturnType<typeof dom>): string[] {
  const problems: string[] = [];
  const targetPages = new Set(Object.values(moves).map((to) => splitAnchor(to).page));
  for (const path of targetPages) {
    if (!builtPagePaths.includes(path)) continue; // reported as a broken redirect above
    const root = render(path);
    for (const { alias, target } of aliasesFor(path, moves)) {
      const el = root.getElementById(alias);
      if (!el) problems.push(`${path}: no element with the old id "${alias}" (it moved to #${target})`);
      else if (el.closest('main') === null) problems.push(`${path}: the alias "${alias}" sits outside <main>`);
      else if (el.parentNode?.id !== target) problems.push(`${path}: the alias "${alias}" is not inside its new home #${target}`);
    }
  }
  return problems;
}

describe('redirects on the built pages', () => {
  test('every anchor and page move in redirects.json is carried by the build', () => {
    const problems = aliasProblems(Object.fromEntries(anchorMoves), dom);
    for (const [from, to] of pageMoves) {
      if (!builtPagePaths.includes(from)) {
        problems.push(`${from} → ${to}: dist/ has no page at ${from} (is pageRedirects() wired into astro.config.mjs?)`);
        continue;
      }
      const refresh = dom(from).querySelector('meta[http-equiv="refresh"]')?.getAttribute('content') ?? '';
      if (!refresh.includes(to)) problems.push(`${from}: expected a redirect to ${to}, found ${refresh || 'none'}`);
    }
    expectNone(problems, 'moves in redirects.json that the build does not carry');
  });

  test('the post-build step lands an old comment id on its new home in a real thread page', () => {
    const thread = builtPagePaths.find((p) => p.startsWith('/threads/'));
    expect(thread, 'a built thread page').toBeDefined();
    const page = pages().find((p) => p.path === thread)!;
    const target = built.find((a) => a.startsWith(`${thread}#c-`));
    expect(target, `a comment anchor on ${thread}`).toBeDefined();
    const moves = { [`${thread}#c-retired-for-test`]: target!, [`/about/#gone-for-test`]: target! };
    const rewritten = parse(applyAnchorRedirects(thread!, page.html, moves));
    expectNone(
      aliasProblems(moves, () => rewritten),
      'aliases the post-build step failed to write',
    );
    const about = parse(applyAnchorRedirects('/about/', pages().find((p) => p.path === '/about/')!.html, moves));
    expect(about.getElementById('gone-for-test')?.querySelector('a')?.getAttribute('href')).toBe(target);
  });
});
