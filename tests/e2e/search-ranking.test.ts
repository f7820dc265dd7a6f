import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startSession, type Session } from './helpers.ts';

// The ranking test set (ranking-queries.json): for each query, the source passage that makes the
// argument must be among the first three results a reader sees on /search/?q=, in Chromium,
// against the built index. The hit rate is printed, so a build kept elsewhere can be measured the
// same way: DIST_DIR=/path/to/dist npx vitest run --config vitest.e2e.config.ts tests/e2e/search-ranking.test.ts

interface RankingQuery {
  query: string;
  expect: string;
  why: string;
  /** Our own page matches too, and the passage must still be the first result. */
  first?: boolean;
}
const { queries } = JSON.parse(readFileSync('tests/e2e/ranking-queries.json', 'utf8')) as { queries: RankingQuery[] };

/** Page and anchor of a result link, without the highlight parameter the link carries. */
function passageOf(href: string): string {
  const url = new URL(href, 'http://x');
  return `${url.pathname}${url.hash}`;
}

/** The first `n` results /search/?q= shows for a query, as page + anchor. */
async function shown(page: Page, q: string, n = 3): Promise<string[]> {
  await page.goto(`/search/?q=${encodeURIComponent(q)}`);
  // The status line says how many results there are once the query has run (or that there are none).
  await page.waitForFunction(() => /^(\d+ results?|No results)/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
  const hrefs = await page.locator('[data-search-list] a[data-search-result]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.slice(0, n).map(passageOf);
}

let s: Session;
let page: Page;
const outcomes = new Map<string, string[]>();
beforeAll(async () => {
  s = await startSession();
  page = await (await s.context()).newPage();
  for (const q of queries) outcomes.set(q.query, await shown(page, q.query));
}, 240_000);
afterAll(async () => {
  await s?.close();
});

describe('ranking test set', () => {
  test('has at least 20 queries, each naming a passage (page and anchor) that exists in the build', () => {
    expect(queries.length).toBeGreaterThanOrEqual(20);
    for (const q of queries) expect(q.expect, q.query).toMatch(/^\/[^#]+\/#[^#]+$/);
  });

  test('prints the hit rate', () => {
    const misses = queries.filter((q) => !outcomes.get(q.query)?.includes(q.expect));
    const hits = queries.length - misses.length;
    // The bench and the report read this line.
    const first = queries.filter((q) => outcomes.get(q.query)?.[0] === q.expect).length;
    console.log(
      `search ranking: ${hits}/${queries.length} queries (${((100 * hits) / queries.length).toFixed(0)} %) have their passage in the top 3; ${first} (${((100 * first) / queries.length).toFixed(0)} %) first`,
    );
    for (const q of queries)
      if (outcomes.get(q.query)?.[0] !== q.expect) console.log(`  not first: "${q.query}" wants ${q.expect}, got ${(outcomes.get(q.query) ?? []).join(', ')}`);
    for (const m of misses) console.log(`  miss: "${m.query}" wants ${m.expect}, got ${(outcomes.get(m.query) ?? []).join(', ') || 'nothing'}`);
    expect(hits).toBeGreaterThan(0);
  });

  test.each(queries.map((q) => [q.query, q.expect] as const))('"%s" shows %s in the top three', (q, want) => {
    expect(outcomes.get(q), `top three for "${q}"`).toContain(want);
  });

  const firsts = queries.filter((q) => q.first);
  test('marks at least ten queries where a source passage must beat our own matching pages', () => {
    expect(firsts.length).toBeGreaterThanOrEqual(10);
  });
  test.each(firsts.map((q) => [q.query, q.expect] as const))('"%s" shows the source passage %s first, above our own pages', (q, want) => {
    expect(outcomes.get(q)?.[0], `first result for "${q}"`).toBe(want);
  });
});
