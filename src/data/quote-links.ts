// The quote links of the corpus (which comment repeats which passage), found once per corpus and
// kept for the next build. Finding them reads every essay and comment, about 5 s at a thousand
// threads, and they depend only on the essays, the threads and the matcher's code: a build whose
// edits touched only the curated layer, or nothing, finds them kept under the same key and reads
// them back. A build that changed a thread finds them again, but not on Astro's thread: the
// integration src/integrations/quote-links.ts runs this file as a child process as soon as the
// build starts, so the work overlaps the content sync and Vite's bundling on the machine's other
// core, and the site model (src/data/site.ts) waits for it instead of doing it again.
//
// Both sides read the same thing. The child reads the source files and checks each with the
// loader's own function (src/loaders/frontmatter.ts checkedDataText); the model reads the texts
// the loader wrote with that function. Both take them in id order and map them with the model's
// own quoteCorpusOf. The key covers those texts and the matcher's source, so a set is only ever
// read back for the exact corpus and code it was found for: should the two sides ever read
// different texts, the model finds no set under its key and finds the links itself.
//   node src/data/quote-links.ts --cache-dir <dir> --root <project root> [--entry-data <the loader's folder>]
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FRONTMATTER_COLLECTIONS } from '../loaders/collections.ts';
import { QUOTE_LINKS_READY } from '../lib/site/build-handoff.ts';
import { checkedDataText, dataFileEntryId, entryFiles, entryIdOf } from '../loaders/frontmatter.ts';
import { quoteLinksOf } from '../lib/links/graph.ts';
import { quoteCorpusOf, type Entry } from '../lib/site/model.ts';
import type { QuoteLink } from '../lib/text/quotes.ts';
import { readerChunks, readerFromBytes, TextReader } from '../lib/text/reading.ts';
import type { EssayData } from '../schemas/essay.ts';
import type { ThreadsEntryData } from '../schemas/thread.ts';

/** The source files, from the project root, whose code decides the quote links; an edit to any of them makes every kept set stale. */
export const QUOTE_CODE = [
  'src/lib/text/quotes.ts',
  'src/lib/text/postings.ts',
  'src/lib/text/reading.ts',
  'src/lib/links/graph.ts',
  'src/lib/site/model.ts',
  'src/data/quote-links.ts',
] as const;

/** One entry's checked data: its id, the text of its data file, and that text parsed. */
export interface EntryText<D> extends Entry<D> {
  text: string;
}

/** Entries sorted by id, as both sides read them: the store's own order depends on which entries an earlier build had. */
export function byId<T extends { id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The key of a corpus's quote links: the matcher's source texts and every essay's and thread's data text, each list in id order. */
export function quoteKey(code: readonly string[], essays: readonly { id: string; text: string }[], threads: readonly { id: string; text: string }[]): string {
  const hash = createHash('sha256');
  for (const text of code) hash.update(text).update('\0');
  for (const [collection, list] of [
    ['essays', essays],
    ['threads', threads],
  ] as const) {
    hash.update(`${collection}\0${list.length}\0`);
    for (const e of list) hash.update(e.id).update('\0').update(e.text).update('\0');
  }
  return hash.digest('hex');
}

/** The texts of QUOTE_CODE under `root`. */
export function quoteCode(root: string): string[] {
  return QUOTE_CODE.map((file) => readFileSync(join(root, file), 'utf8'));
}

/** The quote links kept under `key` in `dir`, or null when there are none (or the file is damaged: they are then found again). */
export function keptQuoteLinks(dir: string, key: string): QuoteLink[] | null {
  const file = join(dir, `${key}.json`);
  if (!existsSync(file)) return null;
  try {
    const links: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(links) ? (links as QuoteLink[]) : null;
  } catch {
    return null;
  }
}

/**
 * Puts the file `name` in `dir` (written by `write` to a temporary name, then renamed into place, so
 * no reader sees half of it; none when `name` is null) and removes every other finished file that
 * `ofKind` claims, so the cache holds one of each kind.
 */
function keepOnly(dir: string, name: string | null, ofKind: (file: string) => boolean, write: (temp: string) => void): void {
  mkdirSync(dir, { recursive: true });
  if (name !== null) {
    const temp = join(dir, `${name}.${process.pid}.partial`);
    write(temp);
    renameSync(temp, join(dir, name));
  }
  // Only finished files: a `.partial` file may be another build's, about to be renamed.
  for (const file of readdirSync(dir)) if (ofKind(file) && file !== name) rmSync(join(dir, file), { force: true });
}

/** Keeps `links` under `key` in `dir` and removes every other kept set, so the cache holds one corpus. */
export function keepQuoteLinks(dir: string, key: string, links: readonly QuoteLink[]): void {
  keepOnly(
    dir,
    `${key}.json`,
    (file) => file.endsWith('.json'),
    (temp) => writeFileSync(temp, JSON.stringify(links)),
  );
}

/**
 * The loader's data file for each entry id in `dir` (`<id>.<digest>.json`), for ids with exactly
 * one: an id with two is being rewritten by the loader right now.
 */
function loaderFiles(dir: string | null): Map<string, string> {
  const byEntry = new Map<string, string | null>();
  if (!dir || !existsSync(dir)) return new Map();
  for (const name of readdirSync(dir)) {
    const id = dataFileEntryId(name);
    if (id !== null) byEntry.set(id, byEntry.has(id) ? null : join(dir, name));
  }
  return new Map([...byEntry].filter((e): e is [string, string] => e[1] !== null));
}

/** The text and data of a data file the loader wrote after the source's last change, or null when there is none to trust. */
function loaderEntry<D>(file: string | undefined, sourceChanged: number): { text: string; data: D } | null {
  if (!file) return null;
  try {
    if (statSync(file).mtimeMs < sourceChanged) return null;
    const text = readFileSync(file, 'utf8');
    return { text, data: JSON.parse(text) as D };
  } catch {
    // Removed or half written by the loader running beside us: the source is read instead.
    return null;
  }
}

/**
 * Every entry of a frontmatter collection under `root`, in id order, with the text the loader
 * keeps for it; none when the folder is missing. Reading the sources rather than waiting for the
 * loader lets this child start with the build, beside the content sync. Each source is checked
 * exactly as the loader checks it (checkedDataText), unless `entryData` (the loader's folder of
 * data files) holds a file for it written since the source last changed: a rebuild then reads the
 * loader's earlier work instead of parsing every thread again. Neither way can mislead the model:
 * it keys the links by the loader's texts as it reads them, so a text read wrong here only means
 * the model finds no kept set under its key and finds the links itself.
 */
export function readSourceEntries<D>(root: string, collection: keyof typeof FRONTMATTER_COLLECTIONS, entryData: string | null = null): EntryText<D>[] {
  const { base, schema } = FRONTMATTER_COLLECTIONS[collection];
  const dir = join(root, base);
  if (!existsSync(dir)) return [];
  const loaderFile = loaderFiles(entryData && join(entryData, collection));
  const entries = entryFiles(readdirSync(dir)).map((file) => {
    const id = entryIdOf(file);
    const source = join(dir, file);
    const kept = loaderEntry<D>(loaderFile.get(id), statSync(source).mtimeMs);
    if (kept) return { id, ...kept };
    const text = checkedDataText(`${base}/${file}`, readFileSync(source, 'utf8'), schema, collection);
    // Parsed back from the text, as the model reads the loader's files: the same data to the letter.
    return { id, text, data: JSON.parse(text) as D };
  });
  return byId(entries);
}

/** The quote links of a corpus read as above (the model's own mapping, quoteCorpusOf), its texts read with `reader` when given. */
export function findQuoteLinks(essays: readonly Entry<EssayData>[], threads: readonly Entry<ThreadsEntryData>[], reader?: TextReader): QuoteLink[] {
  return quoteLinksOf(quoteCorpusOf(essays, threads), reader);
}

/**
 * The name of the kept reader's file for this code: its numbers are only good for the same way of
 * reading, which also rests on the Unicode tables of the Node that runs it (NFKC, letter classes).
 */
export function readerFile(dir: string, code: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of code) hash.update(text).update('\0');
  hash.update(`unicode ${process.versions.unicode ?? '?'} icu ${process.versions.icu ?? '?'}`);
  return join(dir, `reader-${hash.digest('hex').slice(0, 32)}.bin`);
}

/** The reader kept in `file`, or a fresh one when there is none or it is damaged. */
export function keptReader(file: string): TextReader {
  try {
    return readerFromBytes(readFileSync(file)) ?? new TextReader();
  } catch {
    return new TextReader();
  }
}

/**
 * Keeps `reader` in `file` and removes every other kept reader; when the reader says it should not
 * be kept (too many of its texts are gone), none is.
 */
export function keepReader(file: string, reader: TextReader): void {
  const chunks = readerChunks(reader);
  keepOnly(
    dirname(file),
    chunks && basename(file),
    (name) => name.startsWith('reader-') && name.endsWith('.bin'),
    (temp) => {
      const fd = openSync(temp, 'w');
      try {
        for (const chunk of chunks ?? []) for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
      } finally {
        closeSync(fd);
      }
    },
  );
}

/** What a run of this file did: the key, the number of links, and whether they were kept from an earlier build. */
export interface QuoteRun {
  key: string;
  links: number;
  reused: boolean;
}

/**
 * The quote links of the essays and threads under `root` (with the loader's earlier data files in
 * `entryData`, if any), read back from `cacheDir` when kept for this exact corpus and code, else
 * found (reading the texts with the reader kept from the last build) and kept. `found` hears of the
 * links as soon as they are kept; the reader is kept after it, since nothing in this build waits
 * for that.
 */
export function quoteLinksForSources(root: string, cacheDir: string, entryData: string | null = null, found: (run: QuoteRun) => void = () => {}): QuoteRun {
  const essays = readSourceEntries<EssayData>(root, 'essays', entryData);
  const threads = readSourceEntries<ThreadsEntryData>(root, 'threads', entryData);
  const code = quoteCode(root);
  const key = quoteKey(code, essays, threads);
  const kept = keptQuoteLinks(cacheDir, key);
  if (kept) {
    const run = { key, links: kept.length, reused: true };
    found(run);
    return run;
  }
  const file = readerFile(cacheDir, code);
  const reader = keptReader(file);
  const links = findQuoteLinks(essays, threads, reader);
  keepQuoteLinks(cacheDir, key, links);
  const run = { key, links: links.length, reused: false };
  found(run);
  keepReader(file, reader);
  return run;
}

// Compared as real paths: a project reached through a symbolic link names the script by the link.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string): string => {
    const at = args.indexOf(`--${name}`);
    const value = at >= 0 ? args[at + 1] : undefined;
    if (!value) {
      console.error(`quote links: --${name} takes a folder`);
      process.exit(2);
    }
    return value;
  };
  const started = performance.now();
  try {
    // The integration goes on at this line (QUOTE_LINKS_READY), while the reader is kept.
    quoteLinksForSources(option('root'), option('cache-dir'), args.includes('--entry-data') ? option('entry-data') : null, (run) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        run.reused
          ? `${QUOTE_LINKS_READY} ${run.links} kept from an earlier build of the same corpus, read in ${seconds} s`
          : `${QUOTE_LINKS_READY} ${run.links} found in ${seconds} s beside the content sync and bundling, kept for the next build`,
      );
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
