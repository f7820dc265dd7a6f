import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_CHUNK_POSITIONS, wordWeight, type PackedWord } from '../../src/lib/search/pagefind-chunks.ts';
import { SEARCH_FIRST_QUERY_GZIP } from '../../src/bench/budgets.ts';
import { indexedWords, shardName, VOCABULARY_DIR, type VocabularyShard } from '../../src/lib/search/vocabulary.ts';
import { wireBytes } from '../../src/tools/bench-browser.ts';
import { readEntry, readWordIndex, type WordIndex } from '../../src/build/pagefind-files.ts';
import { serveDist, type Served } from '../../src/tools/serve-dist.ts';
import { DIST, expectNone, filesOf, startSession, type Session } from './helpers.ts';

// The word index is re-cut into small chunks after Pagefind writes it (rechunk-pagefind.ts). These
// checks read the chunks back, and search the same queries against our index and against the one
// Pagefind cuts itself (rebuilt in a temp copy of the site): ours must find everything it finds.
/** The English word index of a Pagefind bundle, read back from its files. */
function wordIndexOf(bundle: string): WordIndex {
  const hash = readEntry(bundle).entry.languages['en']?.hash;
  if (!hash) throw new Error(`${bundle}: no English index listed`);
  return readWordIndex(bundle, hash);
}
const bundle = join(DIST, 'pagefind');
const { ranges, chunks } = wordIndexOf(bundle);
const packed: PackedWord[][] = chunks.map((c) => c.words);
const words = packed.map((c) => c.map((w) => w[0]));

let s: Session;
let ours: Page;
let theirs: Page;
let reference: Served;
let copy: string;

/** Loads Pagefind in a page as the site does (main thread), ready for window.pf.search. */
async function engineAt(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/about/`);
  await page.evaluate(
    `(async () => { const pf = await import('/pagefind/pagefind.js'); await pf.options({ noWorker: true }); await pf.init(); window.pf = pf; })()`,
  );
}

/** Every result URL for a query, best first. */
function urls(page: Page, q: string): Promise<string[]> {
  return page.evaluate(async (q) => {
    const pf = (window as unknown as { pf: { search: (q: string) => Promise<{ results: { data: () => Promise<{ url: string }> }[] }> } }).pf;
    const r = await pf.search(q);
    return Promise.all(r.results.map(async (x) => (await x.data()).url));
  }, q);
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'pagefind-reference-'));
  cpSync(DIST, copy, { recursive: true });
  const run = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/build/build-search-index.ts', '--chunk-positions', '0', copy], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`reference index build failed: ${run.stderr}`);
  reference = await serveDist(copy);
  s = await startSession();
  ours = await (await s.context()).newPage();
  theirs = await (await s.context()).newPage();
  await engineAt(ours, s.served.url);
  await engineAt(theirs, reference.url);
}, 120_000);

afterAll(async () => {
  await s?.close();
  await reference?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('the re-cut word index', () => {
  test('lists exactly the chunk files on disk, each a small fraction of Pagefind’s ~26 KB', () => {
    const onDisk = readdirSync(join(bundle, 'index')).sort();
    expect(onDisk).toEqual(ranges.map((r) => `${r.hash}.pf_index`).sort());
    const referenceChunks = readdirSync(join(copy, 'pagefind', 'index'));
    expect(ranges.length).toBeGreaterThan(referenceChunks.length * 3);
    const big = chunks.flatMap((c, i) => (c.bytes > 8 * 1024 ? [`${ranges[i]!.hash}.pf_index: ${c.bytes} bytes`] : []));
    expectNone(big, 'index chunks over 8 KiB');
  });

  test('keeps every word Pagefind indexed, in order, splitting a 3-letter family only past twice the target', () => {
    const theirWords = wordIndexOf(join(copy, 'pagefind')).chunks.flatMap((c) => c.words.map((w) => w[0]));
    expect(words.flat()).toEqual(theirWords);
    const early = packed.slice(1).flatMap((c, i) => {
      const last = Array.from(packed[i]!.at(-1)![0]);
      const first = Array.from(c[0]![0]);
      const size = packed[i]!.reduce((n, w) => n + wordWeight(w), 0);
      const family = last.length >= 3 && first.slice(0, 3).join('') === last.slice(0, 3).join('');
      return family && size < 2 * DEFAULT_CHUNK_POSITIONS ? [`${last.join('')} | ${first.join('')} after ${size} positions`] : [];
    });
    expectNone(early, 'chunk boundaries inside a 3-letter family before twice the target');
  });

  test('finds, for words at every chunk edge and their 3-letter prefixes, all that Pagefind’s own chunks find', async () => {
    const edges = words.flatMap((c) => [c[0]!, c.at(-1)!]).filter((w) => /^\p{L}/u.test(w));
    const queries = [
      ...new Set([
        ...edges,
        ...edges.map((w) => Array.from(w).slice(0, 3).join('')),
        'deceptive alignment',
        'counting argument',
        'situational awareness',
        'gradient descent',
      ]),
    ];
    expect(queries.length).toBeGreaterThan(40);
    // 3-letter families the re-cut had to split (allowed only past twice the target, see the test
    // above): a query for such a prefix looks in one chunk, so completions in the next are lost by
    // design. They are counted, and must stay rare, instead of being held to the full rule.
    const split = new Set(
      packed.slice(1).flatMap((c, i) => {
        const last = Array.from(packed[i]!.at(-1)![0]).slice(0, 3).join('');
        return last.length === 3 && Array.from(c[0]![0]).slice(0, 3).join('') === last ? [last] : [];
      }),
    );
    expect(split.size).toBeLessThanOrEqual(3);
    const missing: string[] = [];
    let same = 0;
    let short = 0;
    for (const q of queries) {
      const [a, b] = [await urls(ours, q), await urls(theirs, q)];
      if (a.join() === b.join()) same++;
      // A one- or two-letter word still finds itself, but its completions ("lo" → "long") come
      // only from its own chunk, which here is smaller than Pagefind's: the price of the small
      // chunks, paid for one keystroke (the UI starts at two letters; at three all are found).
      // Pagefind stems the query before the prefix search: a three-letter word ending in a plural
      // "s" ("ins") is searched as its two-letter stem ("in"), so it counts as short too.
      if (q.split(' ').some((w) => Array.from(w).length < 3 || (Array.from(w).length === 3 && /[^su]s$/u.test(w)))) {
        short++;
        if (b.length > 0 && a.length === 0) missing.push(`${q}: nothing found, Pagefind's own chunks find ${b.length}`);
        continue;
      }
      const lost = b.filter((u) => !a.includes(u));
      const family = Array.from(q).slice(0, 3).join('');
      if (split.has(family) && a.length > 0 && !q.includes(' ')) continue;
      if (lost.length) missing.push(`${q}: ${lost.length} of ${b.length} results missing, e.g. ${lost[0]}`);
    }
    expectNone(missing, 'queries where the re-cut index finds less than Pagefind’s own');
    expect(short).toBeLessThan(queries.length / 4);
    // Most queries give the very same list; the rest gain completions Pagefind's cut had split off.
    expect(same).toBeGreaterThan(queries.length * 0.8);
  });

  test(`a cold first query of one or two words fetches at most ${SEARCH_FIRST_QUERY_GZIP / 1024} KiB gzipped, engine included`, async () => {
    const over: string[] = [];
    for (const q of ['deceptive', 'deceptive alignment', 'counting argument', 'gradient descent']) {
      const context = await s.context();
      const page = await context.newPage();
      const sizes: Promise<number>[] = [];
      await page.goto('/about/', { waitUntil: 'networkidle' });
      page.on('response', (r) =>
        sizes.push(
          r.body().then(
            (b) => wireBytes(r.headers()['content-type'] ?? '', b).gzip,
            () => 0,
          ),
        ),
      );
      await page.focus('#site-search-input');
      await page.fill('#site-search-input', q);
      await page.waitForSelector('#site-search-panel a[data-search-result]');
      await page.waitForLoadState('networkidle');
      const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      // The engine alone is ~70 KB: a figure far below it means nothing was counted.
      expect(total, q).toBeGreaterThan(60 * 1024);
      if (total > SEARCH_FIRST_QUERY_GZIP) over.push(`"${q}": ${total} bytes in ${sizes.length} requests`);
      await context.close();
    }
    expectNone(over, 'first queries over budget');
  });
});

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Every record Pagefind wrote, read back from its fragment files (gzip of "pagefind_dcd" + JSON). */
function fragments(): Fragment[] {
  const dir = join(bundle, 'fragment');
  return readdirSync(dir).map(
    (f) =>
      JSON.parse(
        gunzipSync(readFileSync(join(dir, f)))
          .subarray(12)
          .toString('utf8'),
      ) as Fragment,
  );
}

describe('what the index holds', () => {
  const records = fragments();
  const MONTH = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b|\b\d{4}-\d{2}-\d{2}/;

  test('every record has text, and its searchable meta is only a title and an author name', () => {
    expect(records.length).toBeGreaterThan(100);
    const bad = records.flatMap((r) => [
      ...(r.content.trim() ? [] : [`${r.url}: no text`]),
      ...Object.keys(r.meta)
        .filter((k) => !['title', 'author'].includes(k))
        .map((k) => `${r.url}: meta "${k}" would be searched as words`),
    ]);
    expectNone(bad, 'records with no text or with display-only meta');
  });

  test('no record has a date in its text or meta, so no query can match part of one', () => {
    const dated = records
      .filter((r) => MONTH.test(r.content) || Object.values(r.meta).some((v) => MONTH.test(v)))
      .map((r) => `${r.url}: ${MONTH.exec(r.content)?.[0] ?? 'in meta'}`);
    expectNone(dated, 'records with a date as searchable text');
    // Dates are still there to show, as filters.
    expect(records.some((r) => r.filters['date']?.length)).toBe(true);
  });

  test('no script, style or formula source is indexed as words', () => {
    const junk = records.filter((r) => /addEventListener|querySelector|\\(quad|text|frac)\b|astro-island/.test(r.content)).map((r) => r.url);
    expectNone(junk, 'records with code or TeX in their text');
  });

  test('the vocabulary files hold every word of every record, each under its first character', () => {
    const dir = join(bundle, VOCABULARY_DIR);
    const shards = new Map(readdirSync(dir).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as VocabularyShard]));
    const missing = new Set<string>();
    for (const r of records) {
      for (const w of indexedWords([r.content, ...Object.values(r.meta)].join(' '))) {
        if (!shards.get(shardName(w))?.words.includes(w)) missing.add(w);
      }
    }
    expectNone([...missing].slice(0, 20), 'indexed words missing from the vocabulary');
    expect(existsSync(join(dir, shardName('deceptive')))).toBe(true);
    expect(shards.get(shardName('the'))?.common).toContain('the');
  });

  test('index pages are found by their titles and not by the words they only list', async () => {
    const listing = ['/', '/start/', '/arguments/', '/glossary/', '/people/', '/calculators/'];
    for (const q of ['llama', 'reversal curse', 'speed argument', 'sleeper agents', 'Gather Town']) {
      const found = (await urls(ours, q)).filter((u) => listing.includes(u));
      expect(found, q).toEqual([]);
    }
    expect((await urls(ours, 'glossary')).slice(0, 3)).toContain('/glossary/');
    expect((await urls(ours, 'start here')).slice(0, 3)).toContain('/start/');
    expect((await urls(ours, 'arguments mapped')).slice(0, 3)).toContain('/arguments/');
  });
});

describe('the index built in parts', () => {
  test('is, file for file, the index the site ships (built in one part)', () => {
    const parted = mkdtempSync(join(tmpdir(), 'pagefind-parts-'));
    try {
      cpSync(DIST, parted, { recursive: true });
      const run = spawnSync(
        process.execPath,
        ['--experimental-strip-types', '--no-warnings', 'src/build/build-search-index.ts', '--part-bytes', '300000', parted],
        {
          encoding: 'utf8',
        },
      );
      if (run.status !== 0) throw new Error(`index build in parts failed: ${run.stderr}`);
      // The seed site's pages come to about 4 MB: at 300 KB a part, a dozen parts are joined.
      const parts = Number(/search index: (\d+) parts/.exec(run.stdout)?.[1]);
      expect(parts).toBeGreaterThan(5);
      const [ours, joined] = [filesOf(bundle), filesOf(join(parted, 'pagefind'))];
      expect([...joined.keys()].sort()).toEqual([...ours.keys()].sort());
      const differ = [...ours].filter(([name, bytes]) => !joined.get(name)?.equals(bytes)).map(([name]) => name);
      expectNone(differ, 'files that differ between the index built in one part and in many');
    } finally {
      rmSync(parted, { recursive: true, force: true });
    }
  }, 60_000);
});
