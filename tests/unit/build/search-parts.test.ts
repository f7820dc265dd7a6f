import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSearchIndex } from '../../../src/build/build-search-index.ts';
import { mergePagefind } from '../../../src/build/merge-pagefind.ts';
import { copyBundleLinking, keptBundleFiles, memoryScratch, sweepScratch, writePartBundle } from '../../../src/build/pagefind-part.ts';
import { finishedParts } from '../../../src/build/part-folders.ts';
import { bundleBytes } from '../../../src/lib/search/parts.ts';
import { filesOf } from '../../files.ts';
import { readEntry, readPagefindFile, readWordIndex, writePagefindFile } from '../../../src/build/pagefind-files.ts';
import { decodeCbor, encodeCbor, type CborValue } from '../../../src/lib/search/cbor.ts';

// The search index is built in parts, each by its own Pagefind process, then joined. These tests
// build a small site's index in one part (exactly as Pagefind writes it) and in many, and hold
// the joined index to be the same index: the same pages in the same order, the same words with
// the same pages and positions, the same filters. They also check what a rebuild reuses.
const root = mkdtempSync(join(tmpdir(), 'search-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A built page with comment passages (some by authors whose names have diacritics), or a glossary page of our own prose. */
function page(dist: string, path: string, body: string): void {
  mkdirSync(join(dist, path), { recursive: true });
  writeFileSync(
    join(dist, path, 'index.html'),
    `<!doctype html><html lang="en"><head><title>${path}</title></head><body><main data-pagefind-body>${body}</main></body></html>`,
  );
}
const comment = (id: string, author: string, text: string, date: string) =>
  `<article id="${id}" data-search-record data-search-kind="comment" data-search-author="${author}" data-search-author-status="recorded" data-search-date="${date}" data-search-source="Thread"><h3>${author}</h3><p>${text}</p></article>`;

/** A site of a few threads and glossary pages. */
function site(dist: string, edited = ''): void {
  page(dist, 'glossary/mesa-optimizer', '<h1>Mesa-optimizer</h1><p>A learned model that is itself an optimizer; café talk.</p>');
  page(dist, 'glossary/scheming', '<h1>Scheming</h1><p>Playing along in training to pursue other goals later.</p>');
  for (let t = 0; t < 6; t++) {
    const comments = Array.from({ length: 4 }, (_, c) =>
      comment(
        `c-${t}-${c}`,
        c % 2 ? 'Adrià R. Moret' : `Author ${c}`,
        `Thread ${t} comment ${c}: gradient descent${t === 3 && c === 1 ? edited : ''} deceptive alignment goal ${t * c}.`,
        `2023-0${(c % 9) + 1}-1${t}`,
      ),
    ).join('');
    page(dist, `threads/t${t}`, `<h1>Comments on thread ${t}</h1>${comments}`);
  }
}

/** An index read back: each page's fragment and word count, every word entry, the filters and meta fields. */
function indexOf(bundle: string) {
  const { entry } = readEntry(bundle);
  const hash = entry.languages['en']!.hash;
  const { meta, chunks } = readWordIndex(bundle, hash);
  const m = meta as CborValue[][];
  const unzip = (file: string) => gunzipSync(readFileSync(join(bundle, file)));
  const filters = (m[3] as [string, string][]).map(([name, h]) => {
    const decoded = decodeCbor(unzip(`filter/${h}.pf_filter`).subarray(12)) as [string, [string, number[]][]];
    return [name, [...decoded[1]].sort((a, b) => (a[0] < b[0] ? -1 : 1))];
  });
  return {
    pages: (m[1] as [string, number][]).map(([h, words]) => [unzip(`fragment/${h}.pf_fragment`).toString(), words]),
    words: chunks.flatMap((c) => c.words),
    filters: filters.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    fields: m[5],
  };
}

describe('the search index built in parts', () => {
  const dist = join(root, 'dist');
  const cache = join(root, 'cache');
  site(dist);
  const logs: string[] = [];
  const build = (options: Parameters<typeof buildSearchIndex>[1] = {}) => {
    logs.length = 0;
    return buildSearchIndex(dist, { cacheDir: cache, partBytes: 1, concurrency: 2, log: (l) => logs.push(l), ...options });
  };

  test('equals the index Pagefind builds from all the records at once', async () => {
    const reference = join(root, 'reference');
    cpSync(dist, reference, { recursive: true });
    await buildSearchIndex(reference, { chunkPositions: 0, log: () => {} });
    await build();
    expect(logs).toContain('search index: 8 parts, 0 unchanged since the last build');
    const [ours, theirs] = [indexOf(join(dist, 'pagefind')), indexOf(join(reference, 'pagefind'))];
    expect(ours.pages).toHaveLength(6 * 4 + 6 + 2);
    expect(ours.pages).toEqual(theirs.pages);
    expect(ours.fields).toEqual(theirs.fields);
    expect(ours.filters).toEqual(theirs.filters);
    expect(ours.words).toEqual(theirs.words);
    // The joined index has what makes it a real test: variants ("adrià"), meta fields and many parts' pages.
    expect(ours.words.some((w) => JSON.stringify(w[2]).includes('adrià'))).toBe(true);
    expect(ours.fields).toEqual(['author', 'title']);
  }, 120_000);

  test('a part with more records than a Pagefind bundle holds is written as several bundles, and joins to the same index', async () => {
    const whole = join(root, 'whole');
    cpSync(dist, whole, { recursive: true });
    const logged: string[] = [];
    // One part (every page fits its size), at most 7 records to a bundle: 32 records make 5 bundles.
    await buildSearchIndex(whole, { cacheDir: join(root, 'whole-cache'), partBytes: 1e9, bundleRecords: 7, log: (l) => logged.push(l) });
    expect(logged).toContain('search index: 1 part, 0 unchanged since the last build');
    const partsDir = join(root, 'whole-cache', 'parts');
    const [part] = readdirSync(partsDir).filter((f) => !f.endsWith('.json'));
    expect(JSON.parse(readFileSync(join(partsDir, part!, 'bundles.json'), 'utf8'))).toEqual(['0', '1', '2', '3', '4']);
    await build();
    expect(indexOf(join(whole, 'pagefind'))).toEqual(indexOf(join(dist, 'pagefind')));
    // Built again unchanged, the part's bundles are reused as they are.
    logged.length = 0;
    await buildSearchIndex(whole, { cacheDir: join(root, 'whole-cache'), partBytes: 1e9, bundleRecords: 7, log: (l) => logged.push(l) });
    expect(logged).toContain('search index: 1 part, 1 unchanged since the last build');
    expect(indexOf(join(whole, 'pagefind'))).toEqual(indexOf(join(dist, 'pagefind')));
  }, 120_000);

  test('a rebuild re-indexes only the part whose page changed, and gives what a cold build gives', async () => {
    await build();
    expect(logs).toContain('search index: 8 parts, 8 unchanged since the last build');
    // A page with nothing to index (no data-pagefind-body) makes a part of no records: its page is still remembered.
    mkdirSync(join(dist, 'zz-empty'), { recursive: true });
    writeFileSync(join(dist, 'zz-empty', 'index.html'), '<!doctype html><html lang="en"><head><title>e</title></head><body><p>Nothing.</p></body></html>');
    await build();
    await build();
    expect(logs).toContain('search records: 9 of 9 pages unchanged since the last build, reused');
    site(dist, ' (edited)');
    await build();
    expect(logs).toContain('search index: 8 parts, 7 unchanged since the last build');
    const warm = indexOf(join(dist, 'pagefind'));
    expect(JSON.stringify(warm.pages)).toContain('(edited)');
    rmSync(cache, { recursive: true, force: true });
    await build();
    expect(logs).toContain('search index: 8 parts, 0 unchanged since the last build');
    expect(indexOf(join(dist, 'pagefind'))).toEqual(warm);
  }, 120_000);
});

describe('joining parts whose pages share a file name', () => {
  test('keeps both pages, renaming the second one’s file, so each result opens its own page', async () => {
    const [a, b] = [join(root, 'part-a'), join(root, 'part-b')];
    const record = (url: string, content: string) => ({ url, content, language: 'en' as const, meta: { title: url }, filters: {} });
    await writePartBundle([record('/a/#1', 'first page words'), record('/a/#2', 'second page words')], a);
    await writePartBundle([record('/b/#1', 'third page words')], b);
    // Pagefind names a page's file by a short hash; two parts can draw the same name. Force it.
    const metaOf = (bundle: string) => join(bundle, `pagefind.${readEntry(bundle).entry.languages['en']!.hash}.pf_meta`);
    const [metaA, metaB] = [decodeCbor(readPagefindFile(metaOf(a))) as CborValue[][], decodeCbor(readPagefindFile(metaOf(b))) as CborValue[][]];
    const taken = (metaA[1]![0] as string[])[0]!;
    const own = (metaB[1]![0] as string[])[0]!;
    renameSync(join(b, 'fragment', `${own}.pf_fragment`), join(b, 'fragment', `${taken}.pf_fragment`));
    (metaB[1]![0] as string[])[0] = taken;
    writePagefindFile(metaOf(b), encodeCbor(metaB));
    const out = join(root, 'joined');
    await mergePagefind([a, b], out, 2500);
    const urls = indexOf(out).pages.map(([fragment]) => (JSON.parse((fragment as string).slice(12)) as { url: string }).url);
    expect(urls).toEqual(['/a/#1', '/a/#2', '/b/#1']);
  }, 60_000);
});

describe('a part bundle written in memory first', () => {
  const records = Array.from({ length: 120 }, (_, i) => ({
    url: `/threads/t${i % 7}/#c-${i}`,
    content: `Comment ${i} on gradient descent, situational awareness and the counting argument, café ${i * 13}.`,
    language: 'en' as const,
    meta: { title: `Comment ${i}`, author: i % 2 ? 'Adrià R. Moret' : 'DavidW' },
    filters: { kind: ['comment'] },
  }));

  test('is the same bundle, file for file and byte for byte, as one written straight to disk, and leaves nothing in memory', async () => {
    const scratchRoot = join(root, 'memory');
    mkdirSync(scratchRoot);
    const [viaMemory, onDisk] = [join(root, 'via-memory'), join(root, 'on-disk')];
    // A folder that is no tmpfs is refused, so this run writes on disk: the reference.
    expect(memoryScratch(1, scratchRoot)).toBeNull();
    await writePartBundle(records, onDisk, scratchRoot);
    // Linux has a tmpfs at /dev/shm (a container's may be as small as 64 MB: room for this bundle),
    // so the default takes the memory route; a bundle larger than the room left is refused.
    const probe = memoryScratch(bundleBytes(records));
    expect(probe).not.toBeNull();
    expect(memoryScratch(2 ** 50)).toBeNull();
    rmSync(probe!, { recursive: true });
    await writePartBundle(records, viaMemory);
    const written = filesOf(viaMemory);
    expect([...written.keys()].filter((f) => f.startsWith('fragment/'))).toHaveLength(120);
    expect(written).toEqual(filesOf(onDisk));
    expect(readdirSync('/dev/shm').filter((f) => f.startsWith('search-bundle-'))).toEqual([]);
  }, 60_000);

  test('is given room enough: the bound holds a real bundle with margin to spare', async () => {
    const out = join(root, 'sized');
    await writePartBundle(records, out, null);
    const files = filesOf(out);
    const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
    // Each file takes at least a memory page on a tmpfs.
    expect(bundleBytes(records)).toBeGreaterThan(bytes + files.size * 4096);
  }, 60_000);
});

describe('scratch folders left on the tmpfs', () => {
  test('a folder whose worker has exited is removed; this process’s, a running process’s and other files stay', () => {
    const scratch = join(root, 'sweep');
    mkdirSync(scratch);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const names = [`search-bundle-${gone}-a1b2c3`, `search-bundle-${process.pid}-d4e5f6`, `search-bundle-${alive.pid}-g7h8i9`, 'someone-elses-folder'];
      for (const n of names) mkdirSync(join(scratch, n, 'fragment'), { recursive: true });
      expect(sweepScratch(scratch)).toEqual([names[0]]);
      expect(readdirSync(scratch).sort()).toEqual(names.slice(1).sort());
    } finally {
      alive.kill();
    }
  });
});

describe('a re-indexed part copied from memory into the parts folder', () => {
  const records = (n: number, edited = -1) =>
    Array.from({ length: n }, (_, i) => ({
      url: `/threads/t${i % 5}/#c-${i}`,
      content: `Comment ${i}${i === edited ? ' (edited)' : ''} on gradient descent and the counting argument.`,
      language: 'en' as const,
      meta: { title: `Comment ${i}` },
      filters: { kind: ['comment'] },
    }));

  test('links the files an earlier bundle holds byte for byte, copies the rest, and is the same bundle as one written afresh', async () => {
    const partsDir = join(root, 'linking-parts');
    const earlier = join(partsDir, 'earlier-part', '0');
    await writePartBundle(records(60), earlier, null);
    const kept = keptBundleFiles(partsDir, ['earlier-part']);
    expect([...kept.keys()].filter((k) => k.startsWith('fragment/'))).toHaveLength(60);
    expect(kept.has('pagefind.js')).toBe(true);

    // One comment edited, one added: Pagefind writes the other 59 records' files exactly as before.
    const scratch = join(root, 'linking-scratch');
    await writePartBundle(records(61, 7), scratch, null);
    const out = join(partsDir, 'next-part', '0');
    const { linked, copied } = copyBundleLinking(scratch, out, kept);
    const fresh = filesOf(scratch);
    expect(filesOf(out)).toEqual(fresh);
    expect(linked + copied).toBe(fresh.size);
    const fragments = [...fresh.keys()].filter((k) => k.startsWith('fragment/'));
    const sharesInode = (rel: string) => kept.has(rel) && statSync(kept.get(rel)!).ino === statSync(join(out, rel)).ino;
    expect(fragments.filter(sharesInode)).toHaveLength(59);
    // The edited and the new comment have files of their own, and so does every word-index file (their pages moved).
    expect(fragments.filter((f) => !sharesInode(f))).toHaveLength(2);
    expect([...fresh.keys()].filter((k) => k.startsWith('index/')).some(sharesInode)).toBe(false);
  }, 60_000);

  test('a kept file of the same name but other bytes is not linked', () => {
    const partsDir = join(root, 'linking-clash');
    mkdirSync(join(partsDir, 'old', '0', 'fragment'), { recursive: true });
    writeFileSync(join(partsDir, 'old', '0', 'fragment', 'en_a.pf_fragment'), 'old bytes');
    writeFileSync(join(partsDir, 'old', '0', 'fragment', 'en_b.pf_fragment'), 'same bytes');
    writeFileSync(join(partsDir, 'old', 'bundles.json'), '["0"]');
    writeFileSync(join(partsDir, 'old', '0', 'pagefind-entry.json'), '{}');
    // A part still being written, or left without its list of bundles, is not a source of files.
    for (const unfinished of ['writing.partial', 'stopped']) {
      mkdirSync(join(partsDir, unfinished, '0'), { recursive: true });
      writeFileSync(join(partsDir, unfinished, '0', 'pagefind.js'), 'half');
    }
    expect(finishedParts(partsDir)).toEqual(['old']);
    const from = join(root, 'linking-clash-from');
    mkdirSync(join(from, 'fragment'), { recursive: true });
    writeFileSync(join(from, 'fragment', 'en_a.pf_fragment'), 'new bytes');
    writeFileSync(join(from, 'fragment', 'en_b.pf_fragment'), 'same bytes');
    writeFileSync(join(from, 'pagefind.js'), 'whole');
    const kept = keptBundleFiles(partsDir, finishedParts(partsDir));
    expect([...kept.keys()].sort()).toEqual(['fragment/en_a.pf_fragment', 'fragment/en_b.pf_fragment', 'pagefind-entry.json']);
    const to = join(root, 'linking-clash-to');
    expect(copyBundleLinking(from, to, kept)).toEqual({ linked: 1, copied: 2 });
    expect(readFileSync(join(to, 'fragment', 'en_a.pf_fragment'), 'utf8')).toBe('new bytes');
    expect(readFileSync(join(partsDir, 'old', '0', 'fragment', 'en_a.pf_fragment'), 'utf8')).toBe('old bytes');
    expect(readFileSync(join(to, 'pagefind.js'), 'utf8')).toBe('whole');
  });
});
