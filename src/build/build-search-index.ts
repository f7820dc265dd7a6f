// Builds the Pagefind index of a built site. Instead of one result per page, every passage
// marked `data-search-record` (a comment, an essay section) becomes its own record whose URL
// carries its anchor, with filters for kind, author and source; the rest of each page becomes a
// page-level record. Records are indexed in parts of a few thousand (src/lib/search/parts.ts), each
// by its own Pagefind process (pagefind-part.ts), two or more at once; the parts are then joined
// into one index with its word index cut into small chunks (merge-pagefind.ts). With a cache
// folder, a part whose records did not change since the last build is not indexed again.
// `astro build` runs this through src/integrations/search.ts; the command line re-indexes a dist
// that is already there (`npm run build:search`) or builds a reference index with Pagefind's own
// chunks for the tests:
//   node src/build/build-search-index.ts [--chunk-positions N] [--cache-dir DIR] [--part-bytes N] [--fresh-since MS] [distDir]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { HTMLElement, type Node, parse, TextNode } from 'node-html-parser';
import { DEFAULT_CHUNK_POSITIONS } from '../lib/search/pagefind-chunks.ts';
import { BUNDLE_RECORDS, endsPart, PART_BYTES } from '../lib/search/parts.ts';
import { VOCABULARY_DIR, VocabularyCounter, type VocabularyCounts } from '../lib/search/vocabulary.ts';
import {
  dropsHeadings,
  isSearchKind,
  LISTING_SELECTOR,
  PASSAGE_CHROME_SELECTOR,
  pageKindFor,
  pageRecord,
  pageTextScope,
  passageAttribution,
  passageRecord,
  passageTitle,
  UNINDEXED_SELECTOR,
  type SearchKind,
  type SearchRecord,
} from '../lib/search/records.ts';
import { builtPageFiles } from './dist.ts';
import { FileMemo, signatureOf } from './file-memo.ts';
import { mergePagefind } from './merge-pagefind.ts';
import { finishedParts } from './part-folders.ts';
import type { PartJob, PartReply, PartResult } from './pagefind-part.ts';

/**
 * A test for one element from a selector list of the simple forms the record selectors use
 * (`tag`, `.class`, `[attribute]`, `.class:not(.class)`). A general selector engine matched each
 * list against every element of every page and was a third of the index step; anything else in
 * a list is refused, so a new selector cannot be silently misread.
 */
export function simpleMatcher(selector: string): (el: HTMLElement) => boolean {
  const tags = new Set<string>();
  const classes: [string, string | undefined][] = [];
  const attributes: string[] = [];
  for (const raw of selector.split(',')) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([a-z][a-z0-9]*)$/.exec(part))) tags.add(m[1]!);
    else if ((m = /^\.([\w-]+)(?::not\(\.([\w-]+)\))?$/.exec(part))) classes.push([m[1]!, m[2]]);
    else if ((m = /^\[([\w-]+)\]$/.exec(part))) attributes.push(m[1]!);
    else throw new Error(`search records: selector "${part}" is not one of the simple forms tag, .class, [attribute], .class:not(.class)`);
  }
  // Every element of every page meets every list, so each test first asks the raw text of the
  // tag: parsing an element's attributes or classes happens only when the name is there at all.
  return (el) => {
    if (tags.has(el.rawTagName.toLowerCase())) return true;
    const raw = el.rawAttrs;
    if (raw === '') return false;
    for (const [has, not] of classes) if (raw.includes(has) && el.classList.contains(has) && !(not && el.classList.contains(not))) return true;
    for (const name of attributes) if (raw.includes(name) && hasAttributeNamed(raw, name)) return true;
    return false;
  };
}

// How node-html-parser reads the attributes out of a tag's raw text (its `rawAttributes`).
const ATTRIBUTE = /([a-zA-Z()[\]#@$.?:][a-zA-Z0-9-_:()[\]#]*)(?:\s*=\s*((?:'[^']*')|(?:"[^"]*")|\S+))?/g;

/**
 * Whether a tag's raw attribute text has an attribute of this (lower-case) name, read as
 * node-html-parser's `hasAttribute` reads it but without decoding every value on the way: half
 * the elements of a thread page carry `data-pagefind-ignore`, and decoding was the costly part.
 */
export function hasAttributeNamed(raw: string, name: string): boolean {
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) if (m[1]!.toLowerCase() === name) return true;
  return false;
}

const matchers = new Map<string, (el: HTMLElement) => boolean>();

/** The test for a selector list, compiled once. */
function matcherFor(selector: string): (el: HTMLElement) => boolean {
  let test = matchers.get(selector);
  if (!test) matchers.set(selector, (test = simpleMatcher(selector)));
  return test;
}

/** Every element under `el` matching each of `selectors`, in one walk: the parts that text walks leave out. */
function excludedAll(el: HTMLElement, selectors: readonly string[]): Set<HTMLElement>[] {
  const tests = selectors.map(matcherFor);
  const out = selectors.map(() => new Set<HTMLElement>());
  const visit = (node: HTMLElement): void => {
    for (const child of node.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      for (let i = 0; i < tests.length; i++) if (tests[i]!(child)) out[i]!.add(child);
      visit(child);
    }
  };
  visit(el);
  return out;
}

/** Every element under `el` matching `selector`: a part that a text walk leaves out. */
function excluded(el: HTMLElement, selector: string): Set<HTMLElement> {
  return excludedAll(el, [selector])[0]!;
}

/**
 * Text of an element without the elements in any of `skip`, with a space at every element
 * boundary (unless `boundary` says otherwise) so a name, a date and a paragraph never run together. One walk, nothing changed:
 * inserting the spaces into the tree and removing the skipped parts cost time in proportion to
 * the siblings each time, which made a page of 20,000 comments quadratic.
 */
function walkText(el: HTMLElement, skip: readonly ReadonlySet<HTMLElement>[], boundary = ' '): string {
  const out: string[] = [];
  const visit = (node: Node): void => {
    if (node instanceof HTMLElement) {
      if (skip.some((s) => s.has(node))) return;
      for (const child of node.childNodes) visit(child);
      out.push(boundary);
    } else if (node instanceof TextNode) {
      out.push(node.text);
    }
  };
  for (const child of el.childNodes) visit(child);
  return out.join('');
}

/** What a page's text walks leave out, found once per page rather than once per passage. */
interface PageParts {
  /** Never indexed: code, math, hidden parts, chrome marked for Pagefind to ignore. */
  unindexed: ReadonlySet<HTMLElement>;
  /** A passage's heading and byline, which become its record's title and author instead. */
  chrome: ReadonlySet<HTMLElement>;
  /** Every passage; the page's own record leaves them all out. */
  passages: ReadonlySet<HTMLElement>;
}

/** Text of a heading as a reader sees it, without its permalink tools. */
function headingText(h: HTMLElement, parts: PageParts): string {
  // A heading reads as one line of text, so its inline elements join without a space.
  return walkText(h, [parts.unindexed], '').replace(/\s+/g, ' ').trim();
}

/**
 * The page's own text for its page-level record: the lede, or its prose without listing text,
 * or nothing (see pageTextScope). Every passage is left out.
 */
function pageText(body: HTMLElement, path: string, kind: SearchKind, parts: PageParts): string {
  const scope = pageTextScope(path, kind);
  if (scope === 'title') return '';
  if (scope === 'lede') {
    const lede = body.querySelector('.lede');
    return lede ? walkText(lede, [parts.unindexed, parts.passages]) : '';
  }
  const listing = excluded(body, `h1, ${LISTING_SELECTOR}${dropsHeadings(kind) ? ', h2, h3, h4, h5, h6' : ''}`);
  return walkText(body, [parts.unindexed, parts.passages, listing]);
}

// What a page's records depend on besides its HTML: the code that reads them. A change to either
// file makes every cached page's records stale.
export const RECORD_CODE = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(fileURLToPath(new URL('../lib/search/records.ts', import.meta.url))))
  .digest('hex');

const RECORD_FILE = /^[0-9a-f]{64}\.json$/;

/**
 * Records kept between builds, one file per page named by the hash of its path, its HTML and the
 * code above: after adding one thread, only the pages whose HTML changed are parsed again.
 */
export class RecordCache {
  private readonly used = new Set<string>();
  private readonly dir: string | null;
  /** A cache in `dir`, or none (every page parsed) when `dir` is null. */
  constructor(dir: string | null) {
    this.dir = dir;
    if (dir) mkdirSync(dir, { recursive: true });
  }
  private keyOf(path: string, html: string): string {
    return createHash('sha256').update(RECORD_CODE).update(path).update('\0').update(html).digest('hex');
  }
  /** The records kept under `key`, or null when there are none (or they cannot be read). */
  private kept(key: string): SearchRecord[] | null {
    if (!this.dir) return null;
    const file = join(this.dir, `${key}.json`);
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SearchRecord[];
    } catch {
      // A damaged cache file is rebuilt by the caller.
      return null;
    }
  }
  /**
   * The page's records from an earlier build, or the ones `make` gives (then kept), with the key
   * they are kept under. `known` is the key an earlier build found for this very file (see
   * FileMemo): its records are taken without reading the page at all.
   */
  get(path: string, html: () => string, make: (html: string) => SearchRecord[], known?: string): { records: SearchRecord[]; hit: boolean; key: string } {
    if (known !== undefined) {
      const records = this.kept(known);
      if (records) {
        this.used.add(known);
        return { records, hit: true, key: known };
      }
    }
    const text = html();
    const key = this.keyOf(path, text);
    if (!this.dir) return { records: make(text), hit: false, key };
    this.used.add(key);
    const kept = this.kept(key);
    if (kept) return { records: kept, hit: true, key };
    const records = make(text);
    writeFileSync(join(this.dir, `${key}.json`), JSON.stringify(records));
    return { records, hit: false, key };
  }
  /** Removes the files no page of this build used (`used`: every process's keys), so the cache never outgrows the site. */
  prune(used: ReadonlySet<string> = this.used): void {
    if (!this.dir) return;
    // Only record files (a key's 64 hex digits): the folder also holds the page memo and the parts.
    for (const f of readdirSync(this.dir)) if (RECORD_FILE.test(f) && !used.has(f.slice(0, -5))) rmSync(join(this.dir, f), { force: true });
  }
}

/** Each listed page's search records in turn, with whether they came from the cache and their cache key; pages we do not index are skipped. */
export function* recordsOfPages(
  files: readonly { path: string; file: string; key?: string | undefined }[],
  cache: RecordCache,
): Generator<{ path: string; records: SearchRecord[]; hit: boolean; key: string }> {
  // One page's HTML in memory at a time: a 5,000-thread site's pages are ~400 MB of text.
  for (const { path, file, key } of files) {
    const kind = pageKindFor(path);
    if (!kind) continue;
    yield {
      path,
      ...cache.get(
        path,
        () => readFileSync(file, 'utf8'),
        (html) => pageRecords(path, kind, html),
        key,
      ),
    };
  }
}

/** Every search record of a built site; with `cacheDir`, pages unchanged since the last build reuse their records. */
export function collectRecords(dist: string, cacheDir: string | null = null): { records: SearchRecord[]; reused: number; pages: number } {
  const records: SearchRecord[] = [];
  let reused = 0;
  let pages = 0;
  const cache = new RecordCache(cacheDir);
  for (const got of recordsOfPages(builtPageFiles(dist), cache)) {
    pages++;
    if (got.hit) reused++;
    records.push(...got.records);
  }
  cache.prune();
  return { records, reused, pages };
}

/**
 * Where the element marked `data-pagefind-body` starts in a page's HTML, or 0 when it cannot be
 * found with certainty (then the whole page is parsed). Looked for after `<body`, so no style or
 * script in the head can be mistaken for it; text inside the body has its `<` escaped.
 */
export function indexedPartStart(html: string): number {
  const body = /<body[\s>]/i.exec(html);
  if (!body) return 0;
  const tag = /<[a-zA-Z][^\s/>]*\s[^<>]*?(?<=\s)data-pagefind-body(?=[\s/>=])/g;
  tag.lastIndex = body.index;
  return tag.exec(html)?.index ?? 0;
}

/** The records of one page: one per marked passage, plus the page's own text. */
function pageRecords(path: string, kind: SearchKind, html: string): SearchRecord[] {
  const records: SearchRecord[] = [];
  // Only the indexed part of the page is parsed: the head (every page's styles inline) and the
  // site's header are about a third of a thread page's HTML, and parsing was most of this step.
  const start = indexedPartStart(html);
  const body = parse(html.slice(start)).querySelector('[data-pagefind-body]');
  if (!body) return records;
  const title = (body.querySelector('h1')?.textContent ?? parse(html).querySelector('title')?.textContent ?? path).trim();
  // Essay sections are flat siblings with h2–h4 headings: the open headings above each one make
  // its title path, so a "Why does this matter?" says which question it belongs to.
  const open: { level: number; text: string }[] = [];
  // Passages are read in page order, and the page's own text leaves every one of them out. A
  // passage inside another counts in both, as it always has (comments nest their replies outside).
  const [unindexed, chrome, passages] = excludedAll(body, [UNINDEXED_SELECTOR, PASSAGE_CHROME_SELECTOR, '[data-search-record]']);
  const parts: PageParts = { unindexed: unindexed!, chrome: chrome!, passages: passages! };
  for (const el of parts.passages) {
    const a = (name: string) => el.getAttribute(`data-search-${name}`) || undefined;
    const anchor = a('anchor') ?? el.id;
    const where = `${path}#${anchor}`;
    const replyTo = a('reply-to') || a('reply-to-status') ? passageAttribution(`${where} (reply)`, a('reply-to'), a('reply-to-status')) : undefined;
    const author = passageAttribution(where, a('author'), a('author-status'));
    const heading = el.childNodes.find((n): n is HTMLElement => n instanceof HTMLElement && /^H[1-6]$/.test(n.tagName));
    let headings: string[] = [];
    if (heading) {
      const level = Number(heading.tagName[1]);
      while (open.length > 0 && open.at(-1)!.level >= level) open.pop();
      open.push({ level, text: headingText(heading, parts) });
      headings = open.map((h) => h.text);
    } else if (a('kind') === 'essay-section') {
      // A section before the first heading (the essay's opening note) is named by its marked title.
      headings = [a('title')?.split(' · ')[0] ?? ''];
    }
    const kindOf = a('kind');
    const attrs = {
      kind: kindOf,
      anchor,
      title: isSearchKind(kindOf) ? passageTitle(kindOf, author, headings) : undefined,
      author,
      date: a('date'),
      replyTo,
      source: a('source'),
    };
    records.push(passageRecord(path, attrs, walkText(el, [parts.unindexed, parts.chrome])));
  }
  const page = pageRecord(path, kind, title, pageText(body, path, kind, parts));
  if (page) records.push(page);
  return records;
}

/** Options for buildSearchIndex. */
export interface SearchIndexOptions {
  /** Target word positions per index chunk; 0 keeps Pagefind's own chunks (one part, as Pagefind wrote it). */
  chunkPositions?: number;
  /** Where progress lines go (the integration passes Astro's logger). */
  log?: (line: string) => void;
  /** Folder for the per-page record cache (see RecordCache) and the index parts; none when absent. */
  cacheDir?: string | null;
  /** Bytes of built HTML an index part holds on average (see endsPart). */
  partBytes?: number;
  /** Index parts built at once, each in its own Pagefind process. */
  concurrency?: number;
  /** Most records one Pagefind bundle of a part holds (see BUNDLE_RECORDS). */
  bundleRecords?: number;
  /** When the build began (ms since 1970): parts with a page written since then go first (see jobOrder). */
  freshSince?: number;
  /** Workers started ahead of time (see `--wait`), used before any new one is started. */
  workers?: readonly PartWorker[];
}

const PART_SCRIPT = fileURLToPath(new URL('./pagefind-part.ts', import.meta.url));

/** A worker process (pagefind-part.ts) that takes part jobs one at a time. */
export class PartWorker {
  private readonly child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', PART_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  private waiting: { resolve: (r: PartResult) => void; reject: (e: Error) => void; job: PartJob } | null = null;
  private errors = '';
  /** Why the worker stopped, once it has. */
  private exited: string | undefined;

  /** Starts the worker; its replies settle the job in hand, and its exit fails that job with its error output. */
  constructor() {
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (line.trim()) this.settle(line);
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.errors += chunk));
    const fail = (why: string) => {
      this.exited ??= why;
      const w = this.waiting;
      this.waiting = null;
      w?.reject(new Error(`search index: the part starting at ${w.job.pages[0]?.path ?? '?'} failed (${why}): ${this.errors.trim()}`));
    };
    this.child.on('error', (err) => fail(err.message));
    this.child.on('close', (code, signal) => fail(signal ?? `exit ${code}`));
    // A worker that died between jobs fails the next job (see run), not the whole process.
    this.child.stdin.on('error', () => {});
  }

  private settle(line: string): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = null;
    const start = w.job.pages[0]?.path ?? '?';
    let reply: PartReply;
    try {
      reply = JSON.parse(line) as PartReply;
    } catch {
      w.reject(new Error(`search index: the part starting at ${start} gave no result: ${line.slice(0, 500)}`));
      return;
    }
    if ('ok' in reply) w.resolve(reply.ok);
    else w.reject(new Error(`search index: the part starting at ${start} failed: ${reply.error}`));
  }

  /** Sends one job and waits for its result. */
  run(job: PartJob): Promise<PartResult> {
    return new Promise((resolve, reject) => {
      if (this.exited !== undefined) {
        reject(new Error(`search index: a worker stopped (${this.exited}) before the part starting at ${job.pages[0]?.path ?? '?'}: ${this.errors.trim()}`));
        return;
      }
      this.waiting = { resolve, reject, job };
      this.child.stdin.write(`${JSON.stringify(job)}\n`);
    });
  }

  /** Lets the worker finish and exit. */
  end(): void {
    this.child.stdin.end();
  }
}

/** A part job with what its order of work goes by. */
type SizedJob = PartJob & { bytes: number; fresh: boolean };

/**
 * The order to run jobs in: those holding a page written since the build began first (after one
 * more thread, those are the parts to index again: each of the others only checks its pages and
 * takes its kept bundle, and the one part Pagefind must redo should not wait behind them), then
 * the largest first (so a big one never starts last while the other workers idle).
 */
export function jobOrder(jobs: readonly { bytes: number; fresh: boolean }[]): number[] {
  return jobs.map((_, i) => i).sort((a, b) => Number(jobs[b]!.fresh) - Number(jobs[a]!.fresh) || jobs[b]!.bytes - jobs[a]!.bytes);
}

/**
 * Runs `jobs` on `limit` workers in jobOrder; results in the jobs' order; the first failure
 * rejects once the workers have stopped taking jobs.
 */
async function runParts(jobs: readonly SizedJob[], limit: number, started: readonly PartWorker[] = []): Promise<PartResult[]> {
  const results = new Array<PartResult>(jobs.length);
  const order = jobOrder(jobs);
  const lanes = Math.max(1, Math.min(limit, jobs.length));
  // Workers started ahead of time take the first lanes; any beyond the lanes needed are let go.
  const spare = [...started];
  for (const idle of spare.splice(lanes)) idle.end();
  let next = 0;
  let failure: Error | undefined;
  const lane = async (): Promise<void> => {
    const worker = spare.pop() ?? new PartWorker();
    try {
      while (next < order.length && failure === undefined) {
        const i = order[next++]!;
        const { bytes: _, fresh: __, ...job } = jobs[i]!;
        try {
          results[i] = await worker.run(job);
        } catch (err) {
          failure ??= err instanceof Error ? err : new Error(String(err));
        }
      }
    } finally {
      worker.end();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure !== undefined) throw failure;
  return results;
}

/** The first line of `input`, or null when it ends without one. */
export function firstLine(input: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve) => {
    const lines = createInterface({ input });
    let got: string | null = null;
    lines.once('line', (line) => {
      got = line.trim();
      lines.close();
    });
    lines.once('close', () => resolve(got));
  });
}

/** Writes `<dist>/pagefind`, replacing any index already there, from the built pages in `dist`. */
export async function buildSearchIndex(
  dist: string,
  {
    chunkPositions = DEFAULT_CHUNK_POSITIONS,
    log = console.log,
    cacheDir = null,
    partBytes = PART_BYTES,
    concurrency = availableParallelism(),
    bundleRecords = BUNDLE_RECORDS,
    freshSince = 0,
    workers = [],
  }: SearchIndexOptions = {},
): Promise<void> {
  const started = performance.now();
  const out = join(dist, 'pagefind');
  await rm(out, { recursive: true, force: true });
  // Parts are kept between builds beside the record cache; without a cache they live for this build only.
  const partsDir = cacheDir ? join(cacheDir, 'parts') : mkdtempSync(join(tmpdir(), 'search-parts-'));
  mkdirSync(partsDir, { recursive: true });
  const earlierParts = finishedParts(partsDir);
  // Pagefind's own chunks (the reference the tests compare with) exist only for an index built in one part.
  const target = chunkPositions > 0 ? partBytes : Infinity;
  const perBundle = chunkPositions > 0 ? bundleRecords : 0;
  const jobs: SizedJob[] = [];
  let pending: PartJob['pages'] = [];
  let pendingBytes = 0;
  let pendingFresh = false;
  const close = (): void => {
    jobs.push({ pages: pending, recordCache: cacheDir, partsDir, earlierParts, bundleRecords: perBundle, bytes: pendingBytes, fresh: pendingFresh });
    pending = [];
    pendingBytes = 0;
    pendingFresh = false;
  };
  // A page whose file is the one an earlier build read goes with the key its records are kept
  // under, so its worker takes them without reading the page (after one more thread, 1,000 pages).
  const memo = cacheDir ? new FileMemo<string>(join(cacheDir, 'pages.json'), RECORD_CODE) : null;
  const signatures = new Map<string, string>();
  for (const page of builtPageFiles(dist)) {
    if (!pageKindFor(page.path)) continue;
    const stats = statSync(page.file, { bigint: true });
    const size = Number(stats.size);
    const signature = signatureOf(stats);
    signatures.set(page.path, signature);
    const key = memo?.get(page.path, signature);
    pending.push(key === undefined ? page : { ...page, key });
    pendingBytes += size;
    pendingFresh ||= Number(stats.mtimeMs) >= freshSince;
    if (endsPart(page.path, size, pendingBytes, target)) close();
  }
  if (pending.length > 0) close();
  try {
    const all = await runParts(jobs, concurrency, workers);
    if (memo) {
      for (const [path, key] of all.flatMap((r) => r.pageKeys)) memo.set(path, signatures.get(path)!, key);
      memo.save();
    }
    // A part whose pages gave no records has no bundle to join, but its pages' cache entries stay.
    if (cacheDir) new RecordCache(cacheDir).prune(new Set(all.flatMap((r) => r.pageKeys.map(([, key]) => key))));
    const results = all.filter((r) => r.records > 0);
    if (results.length === 0) throw new Error(`search index: ${dist} has no page with text to index`);
    const sum = (f: (r: PartResult) => number) => all.reduce((n, r) => n + f(r), 0);
    const [total, passages, pages, reused] = [sum((r) => r.records), sum((r) => r.passages), sum((r) => r.pages), sum((r) => r.reusedPages)];
    if (reused > 0) log(`search records: ${reused} of ${pages} pages unchanged since the last build, reused`);
    log(`search index: ${results.length} part${results.length === 1 ? '' : 's'}, ${results.filter((r) => r.reusedPart).length} unchanged since the last build`);
    if (chunkPositions > 0) {
      for (const r of await mergePagefind(
        results.flatMap((p) => p.bundles),
        out,
        chunkPositions,
      )) {
        log(
          `search index (${r.language}): ${r.parts} part${r.parts === 1 ? '' : 's'} joined, word index in ${r.chunks} chunks of up to ${(r.largestChunk / 1024).toFixed(1)} KiB`,
        );
      }
    } else {
      cpSync(results[0]!.bundles[0]!, out, { recursive: true });
    }
    const vocabulary = new VocabularyCounter();
    for (const r of results) vocabulary.absorb(JSON.parse(readFileSync(r.countsFile, 'utf8')) as VocabularyCounts);
    const shards = vocabulary.shards();
    await mkdir(join(out, VOCABULARY_DIR), { recursive: true });
    for (const [name, shard] of shards) await writeFile(join(out, VOCABULARY_DIR, name), JSON.stringify(shard));
    if (cacheDir) {
      // Parts this build did not use go, so the cache never outgrows the site.
      const used = new Set(results.flatMap((r) => [basename(r.dir), basename(r.countsFile)]));
      for (const f of readdirSync(partsDir)) if (!used.has(f)) rmSync(join(partsDir, f), { recursive: true, force: true });
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    // The bench reads the record count and the time from this line: keep its wording.
    log(`search index: ${total} records (${passages} passages, ${total - passages} pages) in ${seconds} s → ${out}`);
    log(`search vocabulary: ${[...shards.values()].reduce((n, s) => n + s.words.length, 0)} words in ${shards.size} files → ${join(out, VOCABULARY_DIR)}`);
  } catch (err) {
    // A half-written index never stays in the site.
    rmSync(out, { recursive: true, force: true });
    throw err;
  } finally {
    if (!cacheDir) rmSync(partsDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--chunk-positions');
  const chunkPositions = flag >= 0 ? Number(args.splice(flag, 2)[1]) : DEFAULT_CHUNK_POSITIONS;
  if (!Number.isInteger(chunkPositions) || chunkPositions < 0) {
    console.error("--chunk-positions takes a whole number (0 keeps Pagefind's own chunks)");
    process.exit(2);
  }
  const cacheFlag = args.indexOf('--cache-dir');
  const cacheDir = cacheFlag >= 0 ? (args.splice(cacheFlag, 2)[1] ?? null) : null;
  if (cacheFlag >= 0 && !cacheDir) {
    console.error('--cache-dir takes a folder');
    process.exit(2);
  }
  const partFlag = args.indexOf('--part-bytes');
  const partBytes = partFlag >= 0 ? Number(args.splice(partFlag, 2)[1]) : PART_BYTES;
  if (!(partBytes > 0)) {
    console.error('--part-bytes takes a positive number');
    process.exit(2);
  }
  const freshFlag = args.indexOf('--fresh-since');
  const freshSince = freshFlag >= 0 ? Number(args.splice(freshFlag, 2)[1]) : 0;
  if (!Number.isFinite(freshSince)) {
    console.error('--fresh-since takes a time in milliseconds since 1970');
    process.exit(2);
  }
  const waitFlag = args.indexOf('--wait');
  if (waitFlag >= 0) args.splice(waitFlag, 1);
  // With --wait, the workers start now and the pages are read once a line `go` arrives: the build
  // starts this process before its pages are written. Input that ends first means no pages are
  // coming (the build failed): the workers are let go and nothing is written.
  const workers = waitFlag >= 0 ? Array.from({ length: availableParallelism() }, () => new PartWorker()) : [];
  const go = waitFlag >= 0 ? firstLine(process.stdin) : Promise.resolve('go');
  go.then((line) => {
    if (line !== 'go') {
      for (const w of workers) w.end();
      return;
    }
    return buildSearchIndex(args[0] ?? 'dist', { chunkPositions, cacheDir, partBytes, freshSince, workers });
  }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
