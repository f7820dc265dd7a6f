// Builds the Pagefind index of a built site. Instead of one result per page, every passage
// marked `data-search-record` (a comment, an essay section) becomes its own record whose URL
// carries its anchor, with filters for kind, author and source; the rest of each page becomes a
// page-level record; then the word index is re-cut into small chunks (rechunk-pagefind.ts).
// `astro build` runs this through src/integrations/search.ts; the command line re-indexes a dist
// that is already there (`npm run build:search`) or builds a reference index with Pagefind's own
// chunks for the tests: node src/build/build-search-index.ts [--chunk-positions N] [distDir]
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import * as pagefind from 'pagefind';
import { DEFAULT_CHUNK_POSITIONS } from '../lib/search/pagefind-chunks.ts';
import { pageKindFor, pageRecord, passageAttribution, passageRecord, recordAsHtml, type SearchRecord } from '../lib/search/records.ts';
import { builtPages } from './dist.ts';
import { rechunkPagefind } from './rechunk-pagefind.ts';

/** Text of an element, skipping anything marked as chrome with data-pagefind-ignore. */
function textOf(el: HTMLElement): string {
  for (const ignored of el.querySelectorAll('[data-pagefind-ignore]')) ignored.remove();
  // Every element boundary becomes a space so a name, a date and a paragraph never run together.
  for (const child of el.querySelectorAll('*')) child.insertAdjacentHTML('afterend', ' ');
  return el.textContent;
}

/** Options for buildSearchIndex. */
export interface SearchIndexOptions {
  /** Target word positions per index chunk; 0 keeps Pagefind's own chunks. */
  chunkPositions?: number;
  /** Where progress lines go (the integration passes Astro's logger). */
  log?: (line: string) => void;
}

/** Writes `<dist>/pagefind`, replacing any index already there, from the built pages in `dist`. */
export async function buildSearchIndex(dist: string, { chunkPositions = DEFAULT_CHUNK_POSITIONS, log = console.log }: SearchIndexOptions = {}): Promise<void> {
  const started = performance.now();
  const records: SearchRecord[] = [];
  for (const { path, html } of builtPages(dist)) {
    const kind = pageKindFor(path);
    if (!kind) continue;
    const root = parse(html);
    const body = root.querySelector('[data-pagefind-body]');
    if (!body) continue;
    const title = (body.querySelector('h1')?.textContent ?? root.querySelector('title')?.textContent ?? path).trim();
    // Passages are taken out of the page first, innermost last, so nested ones never double-count.
    for (const el of body.querySelectorAll('[data-search-record]')) {
      const a = (name: string) => el.getAttribute(`data-search-${name}`) || undefined;
      const anchor = a('anchor') ?? el.id;
      const where = `${path}#${anchor}`;
      const replyTo = a('reply-to') || a('reply-to-status') ? passageAttribution(`${where} (reply)`, a('reply-to'), a('reply-to-status')) : undefined;
      const author = passageAttribution(where, a('author'), a('author-status'));
      const attrs = { kind: a('kind'), anchor, title: a('title'), author, date: a('date'), replyTo, source: a('source') };
      el.remove();
      records.push(passageRecord(path, attrs, textOf(el)));
    }
    const page = pageRecord(path, kind, title, textOf(body));
    if (page) records.push(page);
  }

  await rm(join(dist, 'pagefind'), { recursive: true, force: true });
  // Pagefind runs as a child process: close it on failure too, or a failed `astro build` would
  // wait for it instead of exiting.
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const r of records) {
      const res = r.weight === undefined ? await index.addCustomRecord(r) : await index.addHTMLFile({ url: r.url, content: recordAsHtml(r) });
      if (res.errors.length) throw new Error(`Pagefind rejected ${r.url}: ${res.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  if (chunkPositions > 0) {
    for (const r of rechunkPagefind(join(dist, 'pagefind'), chunkPositions)) {
      log(
        `search index (${r.language}): ${r.chunksBefore} word chunks of up to ${(r.largestBefore / 1024).toFixed(1)} KiB re-cut into ${r.chunksAfter} of up to ${(r.largestAfter / 1024).toFixed(1)} KiB`,
      );
    }
  }
  const passages = records.filter((r) => r.url.includes('#')).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The bench reads the record count and the time from this line: keep its wording.
  log(`search index: ${records.length} records (${passages} passages, ${records.length - passages} pages) in ${seconds} s → ${join(dist, 'pagefind')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--chunk-positions');
  const chunkPositions = flag >= 0 ? Number(args.splice(flag, 2)[1]) : DEFAULT_CHUNK_POSITIONS;
  if (!Number.isInteger(chunkPositions) || chunkPositions < 0) {
    console.error("--chunk-positions takes a whole number (0 keeps Pagefind's own chunks)");
    process.exit(2);
  }
  buildSearchIndex(args[0] ?? 'dist', { chunkPositions }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
