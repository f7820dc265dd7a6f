// Writes one Pagefind bundle from bundles Pagefind wrote for consecutive runs of records (the
// index parts of build-search-index.ts), equal to the bundle Pagefind would write for all the
// records at once except that the word index comes re-cut into small chunks (pagefind-chunks.ts).
// The joining rules are in src/lib/search/pagefind-merge.ts; this file reads and writes the files.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCbor, encodeCbor, type CborValue } from '../lib/search/cbor.ts';
import { chunkOfWords, chunkRangesOfMeta, cutChunks, PagefindFormatError, rangeAfter, readRawWords, type ChunkRange } from '../lib/search/pagefind-chunks.ts';
import { joinFields, mergeFilters, mergeWords, type FilterValues, type IndexPart } from '../lib/search/pagefind-merge.ts';
import { nameFor, PagefindFileWriter, readEntry, readPagefindFile, writePagefindFile, type Entry } from './pagefind-files.ts';

const isArray = (x: CborValue): x is CborValue[] => Array.isArray(x);

/** One language of one part, read: its pages ([hash, word count, …]), words, filters and meta-field names. */
interface PartLanguage extends IndexPart {
  bundle: string;
  version: string;
  pages: CborValue[][];
  filters: Map<string, FilterValues>;
}

/** Reads one language of a part bundle, checking each field this merge relies on. */
function readPart(bundle: string, metaHash: string): PartLanguage {
  const metaPath = join(bundle, `pagefind.${metaHash}.pf_meta`);
  const meta = decodeCbor(readPagefindFile(metaPath));
  if (
    !isArray(meta) ||
    meta.length !== 6 ||
    typeof meta[0] !== 'string' ||
    !isArray(meta[1]) ||
    !isArray(meta[2]) ||
    !isArray(meta[3]) ||
    !isArray(meta[4]) ||
    !isArray(meta[5])
  ) {
    throw new PagefindFormatError(`${metaPath}: expected [version, pages, chunks, filters, sorts, meta fields]`);
  }
  // Sorts reorder pages by a value; the site sets none, and joining them is not written.
  if (meta[4].length > 0) throw new PagefindFormatError(`${metaPath}: has sort orders, which the index merge does not join`);
  const pages = meta[1].map((p, i) => {
    if (!isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'number')
      throw new PagefindFormatError(`${metaPath}: page ${i} is not [hash, word count, …]`);
    return p;
  });
  const fields = meta[5].map((f) => {
    if (typeof f !== 'string') throw new PagefindFormatError(`${metaPath}: a meta field name is not text`);
    return f;
  });
  const chunkFiles = chunkRangesOfMeta(meta, metaPath).map((r) => join(bundle, 'index', `${r.hash}.pf_index`));
  // One chunk file decoded at a time, as the merge asks for its words: a whole large index
  // decoded at once, for every part, would hold the site's word positions twice over.
  const words = {
    *[Symbol.iterator]() {
      // Page entries pass through the merge all but unchanged, so they are left as bytes (RawPageList).
      for (const path of chunkFiles) yield* readRawWords(readPagefindFile(path), path);
    },
  };
  const filters = new Map<string, FilterValues>();
  for (const f of meta[3]) {
    if (!isArray(f) || typeof f[0] !== 'string' || typeof f[1] !== 'string') throw new PagefindFormatError(`${metaPath}: a filter is not [name, hash]`);
    const path = join(bundle, 'filter', `${f[1]}.pf_filter`);
    const decoded = decodeCbor(readPagefindFile(path));
    if (!isArray(decoded) || decoded[0] !== f[0] || !isArray(decoded[1])) throw new PagefindFormatError(`${path}: expected [name, values]`);
    filters.set(
      f[0],
      decoded[1].map((v) => {
        if (!isArray(v) || typeof v[0] !== 'string' || !isArray(v[1]) || !v[1].every((n) => typeof n === 'number')) {
          throw new PagefindFormatError(`${path}: a value is not [value, pages]`);
        }
        return [v[0], v[1]];
      }),
    );
  }
  return { bundle, version: meta[0], pages, words, fields, filters, pageCount: pages.length };
}

/**
 * Puts a part's file into the joined bundle. A hard link where the file system allows: a large
 * site has one fragment file per record (23,000 at 1,000 threads), and copying them was most of
 * the merge. Nothing writes into a bundle's files after they are made, and removing either name
 * leaves the other, so the part cache and the site never see each other's changes.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** What a merge wrote for one language. */
export interface MergeReport {
  language: string;
  parts: number;
  pages: number;
  chunks: number;
  largestChunk: number;
}

/**
 * Writes into `out` (created; must not exist) the bundle for all of `parts`' records, taken in
 * order, with the word index cut into chunks of about `target` positions.
 */
export async function mergePagefind(parts: readonly string[], out: string, target: number): Promise<MergeReport[]> {
  if (parts.length === 0) throw new Error('search index: no index parts to merge');
  if (existsSync(out)) throw new Error(`search index: ${out} already exists`);
  for (const sub of ['fragment', 'filter', 'index']) mkdirSync(join(out, sub), { recursive: true });
  const entries = parts.map((p) => readEntry(p).entry);
  // Pagefind's scripts, styles and per-language search engines are the same in every part.
  for (const part of parts) {
    for (const name of readdirSync(part)) {
      const from = join(part, name);
      if (name === 'pagefind-entry.json' || name.endsWith('.pf_meta') || statSync(from).isDirectory() || existsSync(join(out, name))) continue;
      copyFileSync(from, join(out, name));
    }
  }
  const entry: Entry = { ...entries[0]!, languages: {} };
  const languages = [...new Set(entries.flatMap((e) => Object.keys(e.languages)))].sort();
  const reports: MergeReport[] = [];
  for (const language of languages) {
    const got = parts.flatMap((bundle, k) => {
      const info = entries[k]!.languages[language];
      return info ? [readPart(bundle, info.hash)] : [];
    });
    const versions = new Set(got.map((p) => p.version));
    if (versions.size > 1) throw new PagefindFormatError(`search index: parts were written by different Pagefind versions (${[...versions].join(', ')})`);
    const { fields, maps } = joinFields(got.map((p) => p.fields));
    // Fragments keep their names unless two parts chose the same short name for different pages
    // (a 7-digit hash, so likely somewhere among 100,000 pages); files are read only then.
    const taken = new Set<string>();
    const pages: CborValue[] = [];
    for (const part of got) {
      for (const page of part.pages) {
        const name = page[0] as string;
        const from = join(part.bundle, 'fragment', `${name}.pf_fragment`);
        let final = name;
        let write = !taken.has(name);
        if (!write) {
          const bytes = readFileSync(from);
          if (!readFileSync(join(out, 'fragment', `${name}.pf_fragment`)).equals(bytes)) {
            final = nameFor(language, bytes, taken, 8);
            write = true;
          }
        }
        if (write) linkOrCopy(from, join(out, 'fragment', `${final}.pf_fragment`));
        taken.add(final);
        const copy = page.slice();
        copy[0] = final;
        pages.push(copy);
      }
    }
    const filterFiles = new PagefindFileWriter();
    const filterList: CborValue[] = [];
    const filterNames = new Set<string>();
    for (const [name, values] of mergeFilters(got)) {
      const payload = encodeCbor([name, values]);
      const hash = nameFor(language, payload, filterNames, 7);
      await filterFiles.write(join(out, 'filter', `${hash}.pf_filter`), payload);
      filterList.push([name, hash]);
    }
    const ranges: ChunkRange[] = [];
    const chunkNames = new Set<string>();
    let lastWord: string | undefined;
    // Each chunk goes to be compressed and written as soon as it is cut, so the merge holds a few
    // chunks of words at a time and encodes the next while another core compresses the last.
    const chunkFiles = new PagefindFileWriter();
    for (const chunk of cutChunks(mergeWords(got, maps), target)) {
      const range = rangeAfter(lastWord, chunk);
      const payload = encodeCbor(chunkOfWords(chunk));
      range.hash = nameFor(language, payload, chunkNames, 7);
      await chunkFiles.write(join(out, 'index', `${range.hash}.pf_index`), payload);
      ranges.push(range);
      lastWord = chunk.at(-1)![0];
    }
    const [, largestChunk] = await Promise.all([filterFiles.done(), chunkFiles.done()]);
    const metaPayload = encodeCbor([got[0]!.version, pages, ranges.map((r) => [r.from, r.to, r.hash]), filterList, [], fields]);
    const metaHash = nameFor(language, metaPayload, new Set(), 10);
    writePagefindFile(join(out, `pagefind.${metaHash}.pf_meta`), metaPayload);
    const first = entries.find((e) => e.languages[language])!.languages[language]!;
    entry.languages[language] = { ...first, hash: metaHash, page_count: pages.length };
    reports.push({ language, parts: got.length, pages: pages.length, chunks: ranges.length, largestChunk });
  }
  writeFileSync(join(out, 'pagefind-entry.json'), JSON.stringify(entry));
  return reports;
}
