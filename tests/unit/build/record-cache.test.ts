import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { collectRecords } from '../../../src/build/build-search-index.ts';

// The per-page record cache: a rebuild parses only the pages whose HTML changed, and gives the
// same records as a cold run.

const root = mkdtempSync(join(tmpdir(), 'record-cache-'));
const dist = join(root, 'dist');
const cache = join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A thread page with one comment passage. */
function page(slug: string, words: string): void {
  mkdirSync(join(dist, 'threads', slug), { recursive: true });
  writeFileSync(
    join(dist, 'threads', slug, 'index.html'),
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
