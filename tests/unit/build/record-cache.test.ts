import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSearchIndex, collectRecords, RecordCache } from '../../../src/build/build-search-index.ts';

// The per-page record cache: a rebuild parses only the pages whose HTML changed, and gives the
// same records as a cold run.

const root = mkdtempSync(join(tmpdir(), 'record-cache-'));
const dist = join(root, 'dist');
const cache = join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A thread page with one comment passage. */
function page(slug: string, words: string, at = dist): void {
  mkdirSync(join(at, 'threads', slug), { recursive: true });
  writeFileSync(
    join(at, 'threads', slug, 'index.html'),
    `<!doctype html><html><head><title>${slug}</title></head><body><main data-pagefind-body><h1>Comments on ${slug}</h1>` +
      `<article id="c-1" data-search-record data-search-kind="comment" data-search-anchor="c-1" data-search-author="Ann" data-search-author-status="recorded"><p>${words}</p></article>` +
      `</main></body></html>`,
  );
}

describe('collectRecords with a cache folder', () => {
  page('one', 'first words');
  page('two', 'second words');
  const cold = collectRecords(dist, cache);

  test('a cold run parses every page and keeps one cache file per page', () => {
    expect(cold.reused).toBe(0);
    expect(cold.pages).toBe(2);
    expect(readdirSync(cache)).toHaveLength(2);
  });

  test('an unchanged site reuses every page and gives the same records', () => {
    const warm = collectRecords(dist, cache);
    expect(warm.reused).toBe(2);
    expect(warm.records).toEqual(cold.records);
  });

  test('a changed page is parsed again, its old cache file removed, and a new page is added', () => {
    page('two', 'second words, edited');
    page('three', 'third words');
    const next = collectRecords(dist, cache);
    expect(next.reused).toBe(1);
    expect(next.pages).toBe(3);
    expect(next.records.map((r) => r.content).join(' | ')).toContain('second words, edited');
    expect(readdirSync(cache)).toHaveLength(3);
  });
});

describe('records known by their key', () => {
  test('are taken without reading the page; an unknown or missing key reads it', () => {
    const dir = join(root, 'known');
    const cache = new RecordCache(dir);
    const made = cache.get(
      '/threads/k/',
      () => '<p>text</p>',
      () => [{ url: '/threads/k/', content: 'text', language: 'en', meta: {}, filters: {} }],
    );
    expect(made.hit).toBe(false);
    const unread = () => {
      throw new Error('the page was read');
    };
    const known = new RecordCache(dir).get('/threads/k/', unread, unread, made.key);
    expect(known).toEqual({ ...made, hit: true });
    let reads = 0;
    const again = new RecordCache(dir).get('/threads/k/', () => (reads++, '<p>text</p>'), unread, 'f'.repeat(64));
    expect(reads).toBe(1);
    expect(again.key).toBe(made.key);
  });
});

describe('the index build with a cache folder', () => {
  const site = join(root, 'memo-site');
  const cacheDir = join(root, 'memo-cache');
  const texts = () =>
    readdirSync(join(site, 'pagefind', 'fragment')).map((f) => gunzipSync(readFileSync(join(site, 'pagefind', 'fragment', f))).toString('utf8'));
  const quiet = { cacheDir, log: () => {} };

  test('does not read again a page whose file is untouched since the last build, and reads one written since', async () => {
    page('one', 'first words', site);
    page('two', 'second words', site);
    await buildSearchIndex(site, quiet);
    const memoFile = join(cacheDir, 'pages.json');
    const memo = JSON.parse(readFileSync(memoFile, 'utf8')) as { code: string; entries: Record<string, [string, string]> };
    expect(Object.keys(memo.entries).sort()).toEqual(['/threads/one/', '/threads/two/']);
    expect(texts().some((t) => t.includes('first words'))).toBe(true);

    // The memo is what the build goes by: told that page one's file holds page two's records, it does not look.
    const [one, two] = [memo.entries['/threads/one/']!, memo.entries['/threads/two/']!];
    memo.entries['/threads/one/'] = [one[0], two[1]];
    writeFileSync(memoFile, JSON.stringify(memo));
    await buildSearchIndex(site, quiet);
    expect(texts().some((t) => t.includes('first words'))).toBe(false);

    // Written again (the same text, a clock tick later), the page is read: its own words are back.
    await new Promise((resolve) => setTimeout(resolve, 30));
    page('one', 'first words', site);
    await buildSearchIndex(site, quiet);
    expect(texts().some((t) => t.includes('first words'))).toBe(true);
    const after = JSON.parse(readFileSync(memoFile, 'utf8')) as typeof memo;
    expect(after.entries['/threads/one/']![1]).toBe(one[1]);
  }, 60_000);
});
