// Builds the Pagefind index of a built site. Instead of one result per page, every passage
// marked `data-search-record` (a comment, an essay section) becomes its own record whose URL
// carries its anchor, with filters for kind, author and source; the rest of each page becomes a
// page-level record; then the word index is re-cut into small chunks (rechunk-pagefind.ts).
// `astro build` runs this through src/integrations/search.ts; the command line re-indexes a dist
// that is already there (`npm run build:search`) or builds a reference index with Pagefind's own
// chunks for the tests: node src/build/build-search-index.ts [--chunk-positions N] [--cache-dir DIR] [distDir]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTMLElement, type Node, parse, TextNode } from 'node-html-parser';
import * as pagefind from 'pagefind';
import { DEFAULT_CHUNK_POSITIONS } from '../lib/search/pagefind-chunks.ts';
import { VOCABULARY_DIR, VocabularyCounter, type VocabularyShard } from '../lib/search/vocabulary.ts';
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
  recordAsHtml,
  UNINDEXED_SELECTOR,
  type SearchKind,
  type SearchRecord,
} from '../lib/search/records.ts';
import { eachBuiltPage } from './dist.ts';
import { rechunkPagefind } from './rechunk-pagefind.ts';

/**
 * A test for one element from a selector list of the simple forms the record selectors use
 * (`tag`, `.class`, `[attribute]`, `.class:not(.class)`). A general selector engine matched each
 * list against every element of every page and was a third of the index step; anything else in
 * a list is refused, so a new selector cannot be silently misread.
 */
export function simpleMatcher(selector: string): (el: HTMLElement) => boolean {
  const tests = selector.split(',').map((raw): ((el: HTMLElement) => boolean) => {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([a-z][a-z0-9]*)$/.exec(part))) {
      const tag = m[1]!.toUpperCase();
      return (el) => el.tagName === tag;
    }
    if ((m = /^\.([\w-]+)(?::not\(\.([\w-]+)\))?$/.exec(part))) {
      const [, has, not] = m;
      return (el) => el.classList.contains(has!) && !(not && el.classList.contains(not));
    }
    if ((m = /^\[([\w-]+)\]$/.exec(part))) {
      const name = m[1]!;
      // Parsing every attribute of every element is the costly part: look in the raw text first.
      return (el) => el.rawAttrs.includes(name) && el.hasAttribute(name);
    }
    throw new Error(`search records: selector "${part}" is not one of the simple forms tag, .class, [attribute], .class:not(.class)`);
  });
  return (el) => tests.some((t) => t(el));
}

const matchers = new Map<string, (el: HTMLElement) => boolean>();

/** Every element under `el` matching `selector`: a part that a text walk leaves out. */
function excluded(el: HTMLElement, selector: string): Set<HTMLElement> {
  let test = matchers.get(selector);
  if (!test) matchers.set(selector, (test = simpleMatcher(selector)));
  const out = new Set<HTMLElement>();
  const visit = (node: HTMLElement): void => {
    for (const child of node.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      if (test(child)) out.add(child);
      visit(child);
    }
  };
  visit(el);
  return out;
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
const RECORD_CODE = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(fileURLToPath(new URL('../lib/search/records.ts', import.meta.url))))
  .digest('hex');

/**
 * Records kept between builds, one file per page named by the hash of its path, its HTML and the
 * code above: after adding one thread, only the pages whose HTML changed are parsed again.
 */
class RecordCache {
  private readonly used = new Set<string>();
  private readonly dir: string | null;
  constructor(dir: string | null) {
    this.dir = dir;
    if (dir) mkdirSync(dir, { recursive: true });
  }
  private keyOf(path: string, html: string): string {
    return createHash('sha256').update(RECORD_CODE).update(path).update('\0').update(html).digest('hex');
  }
  /** The page's records from an earlier build, or the ones `make` gives (then kept). */
  get(path: string, html: string, make: () => SearchRecord[]): { records: SearchRecord[]; hit: boolean } {
    if (!this.dir) return { records: make(), hit: false };
    const key = this.keyOf(path, html);
    this.used.add(key);
    const file = join(this.dir, `${key}.json`);
    if (existsSync(file)) {
      try {
        return { records: JSON.parse(readFileSync(file, 'utf8')) as SearchRecord[], hit: true };
      } catch {
        // A damaged cache file is rebuilt below.
      }
    }
    const records = make();
    writeFileSync(file, JSON.stringify(records));
    return { records, hit: false };
  }
  /** Removes the files no page of this build used, so the cache never outgrows the site. */
  prune(): void {
    if (!this.dir) return;
    for (const f of readdirSync(this.dir)) if (f.endsWith('.json') && !this.used.has(f.slice(0, -5))) rmSync(join(this.dir, f), { force: true });
  }
}

/** Each built page's search records in turn, with whether they came from the cache; the cache is pruned at the end. */
function* recordsByPage(dist: string, cache: RecordCache): Generator<{ records: SearchRecord[]; hit: boolean }> {
  // One page's HTML in memory at a time: a 5,000-thread site's pages are ~400 MB of text.
  for (const { path, html } of eachBuiltPage(dist)) {
    const kind = pageKindFor(path);
    if (!kind) continue;
    yield cache.get(path, html, () => pageRecords(path, kind, html));
  }
  cache.prune();
}

/** Every search record of a built site; with `cacheDir`, pages unchanged since the last build reuse their records. */
export function collectRecords(dist: string, cacheDir: string | null = null): { records: SearchRecord[]; reused: number; pages: number } {
  const records: SearchRecord[] = [];
  let reused = 0;
  let pages = 0;
  for (const got of recordsByPage(dist, new RecordCache(cacheDir))) {
    pages++;
    if (got.hit) reused++;
    records.push(...got.records);
  }
  return { records, reused, pages };
}

/** The records of one page: one per marked passage, plus the page's own text. */
function pageRecords(path: string, kind: SearchKind, html: string): SearchRecord[] {
  const records: SearchRecord[] = [];
  const root = parse(html);
  const body = root.querySelector('[data-pagefind-body]');
  if (!body) return records;
  const title = (body.querySelector('h1')?.textContent ?? root.querySelector('title')?.textContent ?? path).trim();
  // Essay sections are flat siblings with h2–h4 headings: the open headings above each one make
  // its title path, so a "Why does this matter?" says which question it belongs to.
  const open: { level: number; text: string }[] = [];
  // Passages are read in page order, and the page's own text leaves every one of them out. A
  // passage inside another counts in both, as it always has (comments nest their replies outside).
  const parts: PageParts = {
    unindexed: excluded(body, UNINDEXED_SELECTOR),
    chrome: excluded(body, PASSAGE_CHROME_SELECTOR),
    passages: excluded(body, '[data-search-record]'),
  };
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

// Records in flight to Pagefind at once: enough to keep its process busy, few enough to bound memory.
const RECORD_BATCH = 256;

/** Options for buildSearchIndex. */
export interface SearchIndexOptions {
  /** Target word positions per index chunk; 0 keeps Pagefind's own chunks. */
  chunkPositions?: number;
  /** Where progress lines go (the integration passes Astro's logger). */
  log?: (line: string) => void;
  /** Folder for the per-page record cache (see RecordCache); none when absent. */
  cacheDir?: string | null;
}

/** Writes `<dist>/pagefind`, replacing any index already there, from the built pages in `dist`. */
export async function buildSearchIndex(
  dist: string,
  { chunkPositions = DEFAULT_CHUNK_POSITIONS, log = console.log, cacheDir = null }: SearchIndexOptions = {},
): Promise<void> {
  const started = performance.now();
  await rm(join(dist, 'pagefind'), { recursive: true, force: true });
  // Nothing holds a record once it is sent: the vocabulary is counted as records pass, so memory
  // stays bounded by a batch however large the site (5,000 threads ran out of heap holding them).
  const vocabulary = new VocabularyCounter();
  let total = 0;
  let passages = 0;
  let reused = 0;
  let pages = 0;
  let shards: Map<string, VocabularyShard>;
  // Pagefind runs as a child process: close it on failure too, or a failed `astro build` would
  // wait for it instead of exiting.
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // Records go to Pagefind's process in batches while the next pages are read, so its indexing
    // and our parsing share the two cores instead of taking turns. Its service answers in order.
    const send = async (batch: SearchRecord[]): Promise<void> => {
      const results = await Promise.all(
        batch.map((r) => (r.weight === undefined ? index.addCustomRecord(r) : index.addHTMLFile({ url: r.url, content: recordAsHtml(r) }))),
      );
      results.forEach((res, k) => {
        if (res.errors.length) throw new Error(`Pagefind rejected ${batch[k]?.url}: ${res.errors.join('; ')}`);
      });
    };
    let pending: SearchRecord[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    for (const got of recordsByPage(dist, new RecordCache(cacheDir))) {
      pages++;
      if (got.hit) reused++;
      for (const r of got.records) {
        total++;
        if (r.url.includes('#')) passages++;
        vocabulary.add([r.content, ...Object.values(r.meta)].join(' '));
        pending.push(r);
      }
      if (pending.length >= RECORD_BATCH) {
        await inFlight;
        inFlight = send(pending);
        // Its failure is thrown where it is awaited; this only keeps it from counting as unhandled meanwhile.
        inFlight.catch(() => {});
        pending = [];
      }
      // Lets the batch in flight reach Pagefind's pipe while this loop reads on.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await inFlight;
    await send(pending);
    if (reused > 0) log(`search records: ${reused} of ${pages} pages unchanged since the last build, reused`);
    // Pagefind writes its files while we sort the vocabulary (src/lib/search/vocabulary.ts).
    const writing = index.writeFiles({ outputPath: join(dist, 'pagefind') });
    await new Promise((resolve) => setImmediate(resolve));
    shards = vocabulary.shards();
    const written = await writing;
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  await mkdir(join(dist, 'pagefind', VOCABULARY_DIR), { recursive: true });
  for (const [name, shard] of shards) await writeFile(join(dist, 'pagefind', VOCABULARY_DIR, name), JSON.stringify(shard));
  if (chunkPositions > 0) {
    for (const r of rechunkPagefind(join(dist, 'pagefind'), chunkPositions)) {
      log(
        `search index (${r.language}): ${r.chunksBefore} word chunks of up to ${(r.largestBefore / 1024).toFixed(1)} KiB re-cut into ${r.chunksAfter} of up to ${(r.largestAfter / 1024).toFixed(1)} KiB`,
      );
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The bench reads the record count and the time from this line: keep its wording.
  log(`search index: ${total} records (${passages} passages, ${total - passages} pages) in ${seconds} s → ${join(dist, 'pagefind')}`);
  log(
    `search vocabulary: ${[...shards.values()].reduce((n, s) => n + s.words.length, 0)} words in ${shards.size} files → ${join(dist, 'pagefind', VOCABULARY_DIR)}`,
  );
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
  buildSearchIndex(args[0] ?? 'dist', { chunkPositions, cacheDir }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
