// Builds parts of the search index in a process of its own, so that parts are worked on side by
// side (our HTML parsing and each Pagefind service use about one core apiece). build-search-index.ts
// starts one such worker per core and sends it jobs as lines of JSON on stdin: the built pages of
// a part, the record cache and the parts folder. For each, it reads the pages' records (from the
// cache where the HTML is unchanged), names the part by those records, and writes Pagefind's
// bundles for them under that name (one, or several for a part of very many records: see
// BUNDLE_RECORDS) unless that folder is already there complete (then the part is unchanged since
// an earlier build). It answers each job with a line of JSON (PartReply).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import * as pagefind from 'pagefind';
import { bundleBytes } from '../lib/search/parts.ts';
import { BUNDLE_LIST, bundlesIn } from './part-folders.ts';
import { recordAsHtml, type SearchRecord } from '../lib/search/records.ts';
import { VocabularyCounter } from '../lib/search/vocabulary.ts';
import { RECORD_CODE, RecordCache, recordsOfPages } from './build-search-index.ts';

// Records in flight to Pagefind at once: enough to keep its process busy, few enough to bound memory.
const RECORD_BATCH = 256;

// What a part's bundle depends on besides its records: the code that reads and indexes them, and Pagefind.
const PART_CODE = createHash('sha256')
  .update(RECORD_CODE)
  .update(readFileSync(new URL(import.meta.url)))
  .update(readFileSync(new URL('../../node_modules/pagefind/package.json', import.meta.url)))
  .digest('hex');

/** What the parent sends: this part's pages in order, and where caches and parts live. */
export interface PartJob {
  /** With, where an earlier build read this very file (see FileMemo), its record cache key. */
  pages: { path: string; file: string; key?: string }[];
  /** Record cache folder, or null for none. */
  recordCache: string | null;
  partsDir: string;
  /**
   * The finished parts in `partsDir` when the build began: a part indexed again links the files
   * its earlier version holds (keptBundleFiles). Parts written during the build are left out, so
   * a cold build's workers never list each other's output (at 5,000 threads, 67 parts listing
   * every part before them made the index step a fifth slower).
   */
  earlierParts: string[];
  /** Most records a bundle holds (see BUNDLE_RECORDS); 0 keeps the part in one bundle, as the reference index needs. */
  bundleRecords: number;
}

/** What a part reports back. */
export interface PartResult {
  /** The part's folder, named by its records. */
  dir: string;
  /** Its Pagefind bundles inside that folder, in record order. */
  bundles: string[];
  /** Its vocabulary counts (VocabularyCounts as JSON), kept beside the bundle. */
  countsFile: string;
  records: number;
  passages: number;
  pages: number;
  /** Pages whose records came from the record cache. */
  reusedPages: number;
  /** True when a bundle for exactly these records was already there. */
  reusedPart: boolean;
  /** Each page's record cache key, for the parent to keep against the page's file (see FileMemo) and to prune the cache by. */
  pageKeys: [path: string, key: string][];
}

// Pagefind writes a file per record from many threads at once. On this machine's ext4 a bundle of
// 2,500 records took 2.4–2.8 s to write against 1.1 s on a tmpfs, and copying the finished bundle
// from the tmpfs to disk took 0.08 s; so a bundle is written in memory first where there is room.
const SCRATCH_ROOT = '/dev/shm';
const TMPFS_MAGIC = 0x01021994;
// A bundle takes at most a quarter of the tmpfs's free room, leaving the rest to everything else
// that uses it (two workers at once, Chromium in the tests; a container's tmpfs may be 64 MB).
const SCRATCH_SHARE = 4;

// Scratch folders are named by the worker's process id, so one left by a worker killed mid-write
// (an interrupted build) can be told from one in use: the tmpfs is memory, and nothing else frees it.
const SCRATCH_NAME = /^search-bundle-(\d+)-/;
const sweptRoots = new Set<string>();

/** Whether a process with this id is running (EPERM: it is, but not ours to signal). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the scratch folders under `root` whose worker is no longer running; the names of those removed. */
export function sweepScratch(root: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const pid = Number(SCRATCH_NAME.exec(name)?.[1] ?? 0);
    if (pid <= 0 || pid === process.pid || running(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** A fresh folder on the tmpfs at `root` with room for `bytes`, or null where there is no such tmpfs or too little room. */
export function memoryScratch(bytes: number, root: string | null = SCRATCH_ROOT): string | null {
  if (root === null) return null;
  try {
    const fs = statfsSync(root);
    if (fs.type !== TMPFS_MAGIC) return null;
    if (!sweptRoots.has(root)) {
      sweptRoots.add(root);
      sweepScratch(root);
    }
    if (fs.bavail * fs.bsize < SCRATCH_SHARE * bytes) return null;
    return mkdtempSync(join(root, `search-bundle-${process.pid}-`));
  } catch {
    // No such folder, or not ours to write in: the bundle is written on disk as before.
    return null;
  }
}

/** Every file under `dir` by its path relative to it (`fragment/en_1a2b3c4.pf_fragment`); an unreadable folder has none. */
function filesUnder(dir: string, prefix = ''): [rel: string, full: string][] {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    return e.isDirectory() ? filesUnder(dir, rel) : [[rel, join(dir, rel)] as [string, string]];
  });
}

/**
 * Every file of the bundles of `parts` (finished part folders in `partsDir`: parts/<name>/<bundle>/…),
 * by its path inside its bundle (`fragment/en_1a2b3c4.pf_fragment`, `pagefind.js`). Pagefind names
 * a record's file by a hash of its content, so a part indexed again after one more thread writes
 * 2,000 files that the part's earlier bundle already holds, byte for byte.
 */
export function keptBundleFiles(partsDir: string, parts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of parts) {
    let bundles: string[];
    try {
      bundles = readdirSync(join(partsDir, part)).filter((b) => b !== BUNDLE_LIST);
    } catch {
      // Removed since the build began: nothing to link to.
      continue;
    }
    for (const bundle of bundles) for (const [rel, full] of filesUnder(join(partsDir, part, bundle))) if (!out.has(rel)) out.set(rel, full);
  }
  return out;
}

// A worker serves many parts of one build: the earlier parts' files are listed once.
let listed: { key: string; files: Map<string, string> } | undefined;

/** keptBundleFiles for a job, listed once per worker and build. */
function keptFilesFor(job: PartJob): Map<string, string> {
  const key = JSON.stringify([job.partsDir, job.earlierParts]);
  if (listed?.key !== key) listed = { key, files: keptBundleFiles(job.partsDir, job.earlierParts) };
  return listed.files;
}

/**
 * Copies the bundle at `from` into `to` (created), linking each file that `kept` (keptBundleFiles)
 * has with the same bytes instead of writing it again: on this machine's disk, making 2,400 new
 * files for a re-indexed part took 0.5–0.9 s. Nothing writes into a bundle's files once made, and
 * removing either name leaves the other, so the bundles never see each other's changes.
 */
export function copyBundleLinking(from: string, to: string, kept: ReadonlyMap<string, string>): { linked: number; copied: number } {
  let linked = 0;
  let copied = 0;
  const made = new Set<string>();
  for (const [rel, source] of filesUnder(from)) {
    const target = join(to, rel);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const twin = kept.get(rel);
    if (twin !== undefined && sameBytes(twin, source)) {
      try {
        linkSync(twin, target);
        linked++;
        continue;
      } catch {
        // Gone since it was listed, or on another file system: copied below.
      }
    }
    copyFileSync(source, target);
    copied++;
  }
  mkdirSync(to, { recursive: true });
  return { linked, copied };
}

/** Whether two files hold the same bytes (false when either cannot be read). */
function sameBytes(a: string, b: string): boolean {
  try {
    return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

/**
 * Writes Pagefind's bundle for `records` (in order) to `out`, via a temporary folder beside it,
 * and first in a folder on the tmpfs at `scratchRoot` when it has room (null writes on disk only);
 * from there, files that `kept` already holds are linked rather than written again.
 */
export async function writePartBundle(
  records: readonly SearchRecord[],
  out: string,
  scratchRoot: string | null = SCRATCH_ROOT,
  kept: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const temp = `${out}.partial`;
  rmSync(temp, { recursive: true, force: true });
  const scratch = memoryScratch(bundleBytes(records), scratchRoot);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (let i = 0; i < records.length; i += RECORD_BATCH) {
      const batch = records.slice(i, i + RECORD_BATCH);
      // Weighted records go in as HTML, the only route on which Pagefind honours a weight.
      const results = await Promise.all(
        batch.map((r) => (r.weight === undefined ? index.addCustomRecord(r) : index.addHTMLFile({ url: r.url, content: recordAsHtml(r) }))),
      );
      results.forEach((res, k) => {
        if (res.errors.length) throw new Error(`Pagefind rejected ${batch[k]?.url}: ${res.errors.join('; ')}`);
      });
    }
    const written = await index.writeFiles({ outputPath: scratch ?? temp });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    // With nothing to link to (a cold build), Node's own copy of the whole tree is the faster.
    if (scratch && kept.size === 0) cpSync(scratch, temp, { recursive: true });
    else if (scratch) copyBundleLinking(scratch, temp, kept);
  } finally {
    await pagefind.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(temp, out);
}

/**
 * Writes `records` to `out` as Pagefind bundles of at most `perBundle` records each (all in one
 * when `perBundle` is 0), in folders 0, 1, … and a list of them written last, via a temporary
 * folder beside `out`: a folder with the list is complete.
 */
export async function writePartBundles(
  records: readonly SearchRecord[],
  out: string,
  perBundle: number,
  kept: ReadonlyMap<string, string> = new Map(),
): Promise<string[]> {
  const temp = `${out}.partial`;
  rmSync(temp, { recursive: true, force: true });
  const size = perBundle > 0 ? perBundle : Math.max(1, records.length);
  const names: string[] = [];
  for (let i = 0; i < records.length; i += size) {
    const name = String(names.length);
    await writePartBundle(records.slice(i, i + size), join(temp, name), SCRATCH_ROOT, kept);
    names.push(name);
  }
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(temp, BUNDLE_LIST), JSON.stringify(names));
  rmSync(out, { recursive: true, force: true });
  renameSync(temp, out);
  return names.map((n) => join(out, n));
}

// Records counted between turns of the event loop, so the records bound for Pagefind keep flowing.
const COUNT_SLICE = 64;

/** The vocabulary of `records`, counted a slice at a time between other work on this thread. */
async function countVocabulary(records: readonly SearchRecord[]): Promise<VocabularyCounter> {
  const vocabulary = new VocabularyCounter();
  for (let i = 0; i < records.length; i += COUNT_SLICE) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const r of records.slice(i, i + COUNT_SLICE)) vocabulary.add([r.content, ...Object.values(r.meta)].join(' '));
  }
  return vocabulary;
}

/** Does one part's job (see the top of this file). */
export async function indexPart(job: PartJob): Promise<PartResult> {
  const cache = new RecordCache(job.recordCache);
  const records: SearchRecord[] = [];
  let pages = 0;
  let reusedPages = 0;
  const pageKeys: [string, string][] = [];
  for (const got of recordsOfPages(job.pages, cache)) {
    pages++;
    if (got.hit) reusedPages++;
    records.push(...got.records);
    pageKeys.push([got.path, got.key]);
  }
  const passages = records.filter((r) => r.url.includes('#')).length;
  const name = createHash('sha256').update(PART_CODE).update(String(job.bundleRecords)).update(JSON.stringify(records)).digest('hex').slice(0, 32);
  const dir = join(job.partsDir, name);
  const countsFile = `${dir}.counts.json`;
  const kept = existsSync(countsFile) ? bundlesIn(dir) : null;
  const reusedPart = kept !== null;
  let bundles = kept ?? [];
  if (!reusedPart) {
    // Counted only for a part built now (a reused part's counts are kept beside its bundle), and
    // while Pagefind's own process indexes the records: this thread would otherwise wait on it.
    const [written, vocabulary] = await Promise.all([
      records.length > 0 ? writePartBundles(records, dir, job.bundleRecords, keptFilesFor(job)) : Promise.resolve([]),
      countVocabulary(records),
    ]);
    bundles = written;
    writeFileSync(countsFile, JSON.stringify(vocabulary.counts()));
  }
  return { dir, bundles, countsFile, records: records.length, passages, pages, reusedPages, reusedPart, pageKeys };
}

/** A line the worker answers with: a part's result, or why it failed. */
export type PartReply = { ok: PartResult } | { error: string };

if (import.meta.url === `file://${process.argv[1]}`) {
  // One job per line in, one reply per line out, in order, until stdin closes: a worker serves
  // many parts, so a large site does not start Node and load this code once per part.
  let queue = Promise.resolve();
  const reply = (r: PartReply): void => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
  };
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (!line.trim()) return;
    queue = queue.then(() =>
      indexPart(JSON.parse(line) as PartJob).then(
        (ok) => reply({ ok }),
        (err: unknown) => reply({ error: err instanceof Error ? err.message : String(err) }),
      ),
    );
  });
}
