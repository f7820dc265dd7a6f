import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeCbor, encodeCbor } from '../../../src/lib/search/cbor.ts';
import { mergePagefind } from '../../../src/build/merge-pagefind.ts';
import { readEntry, readWordIndex, VERIFIED_PAGEFIND_VERSION, type WordIndex } from '../../../src/build/pagefind-files.ts';

// The re-chunker reads and rewrites Pagefind's private index files, which Pagefind may change in
// any release. These tests build a tiny index with the Pagefind that is installed and check that
// its files still have the layout the index merge (merge-pagefind.ts) was written against, so an upgrade fails
// here, with what to re-verify, rather than as a broken or silently worse search on the site.
const root = resolve(import.meta.dirname, '../../..');
const REVERIFY =
  'Re-verify src/build/pagefind-files.ts, src/build/merge-pagefind.ts, src/lib/search/pagefind-merge.ts and ' +
  'src/lib/search/pagefind-chunks.ts against this Pagefind (file signature, the meta file [version, pages, chunks, ' +
  'filters, sorts, meta fields], chunk entries [word, [[page step, positions, meta positions], …], variants], ' +
  'CBOR round trip), run the built-site search tests (tests/e2e/search-index.test.ts), then update VERIFIED_PAGEFIND_VERSION.';

const PAGES = [
  { url: '/a/', content: 'Deceptive alignment: a model that plays along in training to pursue other goals later.' },
  { url: '/b/', content: 'The counting argument says most goals that fit training are not the intended goal.' },
  { url: '/c/', content: 'Situational awareness lets a model tell training from deployment; alignment again.' },
];

let dir: string;
let bundle: string;
let index: WordIndex;

/** The English word index of the bundle under test. */
function englishIndex(): WordIndex {
  const hash = readEntry(bundle).entry.languages['en']?.hash;
  if (!hash) throw new Error(`${bundle}: no English index in pagefind-entry.json. ${REVERIFY}`);
  return readWordIndex(bundle, hash);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pagefind-format-'));
  bundle = join(dir, 'pagefind');
  try {
    const { index: pf, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!pf) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const p of PAGES) await pf.addCustomRecord({ ...p, language: 'en', meta: { title: p.url } });
    await pf.writeFiles({ outputPath: bundle });
  } finally {
    await pagefind.close();
  }
  try {
    index = englishIndex();
  } catch (err) {
    throw new Error(`The installed Pagefind wrote an index the re-chunker cannot read: ${(err as Error).message}. ${REVERIFY}`, { cause: err });
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the installed Pagefind', () => {
  test('is the version the re-chunker was verified against', () => {
    const installed = (JSON.parse(readFileSync(join(root, 'node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
    expect(installed, `Pagefind ${installed} is installed; the re-chunker was verified against ${VERIFIED_PAGEFIND_VERSION}. ${REVERIFY}`).toBe(
      VERIFIED_PAGEFIND_VERSION,
    );
  });

  test('writes a meta file that names its version and lists chunks as [from, to, hash]', () => {
    expect(Array.isArray(index.meta) && index.meta[0], `meta file's first field is not the Pagefind version. ${REVERIFY}`).toBe(VERIFIED_PAGEFIND_VERSION);
    expect(index.ranges.length, `meta file lists no word chunks. ${REVERIFY}`).toBeGreaterThan(0);
    for (const r of index.ranges) expect(r.from <= r.to, `chunk range ${r.from}…${r.to} is not ordered. ${REVERIFY}`).toBe(true);
  });

  test('writes chunks whose words are sorted and carry page numbers and word positions', () => {
    const words = index.chunks.flatMap((c) => c.words);
    const names = words.map((w) => w[0]);
    expect(names, `chunk words are not in sorted order. ${REVERIFY}`).toEqual([...names].sort());
    // Pagefind indexes stems: "alignment" is stored as "align", found on the first and third pages.
    const align = words.find((w) => w[0] === 'align');
    expect(align, `the stem "align" is missing from the decoded chunks. ${REVERIFY}`).toBeDefined();
    expect(
      align?.[1].map((p) => p[0]),
      `"align" does not decode as [page, positions] entries for pages 0 and 2. ${REVERIFY}`,
    ).toEqual([0, 2]);
  });

  test('writes data files that our CBOR codec re-encodes to the same bytes', () => {
    const hash = readEntry(bundle).entry.languages['en']?.hash ?? '';
    const raw = gunzipSync(readFileSync(join(bundle, `pagefind.${hash}.pf_meta`)));
    const payload = raw.subarray('pagefind_dcd'.length);
    expect(Buffer.from(encodeCbor(decodeCbor(payload))).equals(payload), `re-encoding the meta file changes its bytes. ${REVERIFY}`).toBe(true);
  });

  test('stores each word’s pages as steps from the page before, and meta fields as sorted names', () => {
    // "training" (stem "train") is on pages 0, 1 and 2: stored as steps 0, 1, 1, not as page numbers 0, 1, 2.
    const words = index.chunks.flatMap((c) => c.words);
    const steps = words.find((w) => w[0] === 'train')?.[1].map((p) => p[0]);
    expect(steps, `"train" does not decode as page steps [0, 1, 1]. ${REVERIFY}`).toEqual([0, 1, 1]);
    expect(Array.isArray(index.meta) && index.meta.length, `meta file does not have six fields. ${REVERIFY}`).toBe(6);
    expect(Array.isArray(index.meta) && index.meta[5], `meta file does not end with the sorted meta field names. ${REVERIFY}`).toEqual(['title']);
  });

  test('keeps every word and position when its index is re-cut into smaller chunks', async () => {
    const before = index.chunks.flatMap((c) => c.words);
    const out = join(dir, 'recut');
    await mergePagefind([bundle], out, 4);
    const hash = readEntry(out).entry.languages['en']?.hash ?? '';
    const after = readWordIndex(out, hash);
    expect(after.ranges.length).toBeGreaterThan(index.ranges.length);
    expect(after.chunks.flatMap((c) => c.words)).toEqual(before);
  });
});
