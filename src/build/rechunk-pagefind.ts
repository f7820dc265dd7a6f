// Rewrites a written Pagefind bundle so its word index comes in smaller chunks (see
// src/lib/search/pagefind-chunks.ts for why). Reads pagefind-entry.json, and for each language its
// meta file and chunk files; writes the new chunks, a new meta file under a new name, and the entry
// file pointing at it; removes the old chunks. Every name is a content hash, so browsers and CDNs
// never mix an old meta file with new chunks.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeCbor, encodeCbor, type CborValue } from '../lib/search/cbor.ts';
import {
  chunkOfWords,
  chunkRangesOfMeta,
  cutIntoChunks,
  metaWithChunkRanges,
  rangesOf,
  wordsOfChunk,
  type ChunkRange,
  type PackedWord,
} from '../lib/search/pagefind-chunks.ts';

/**
 * The Pagefind release whose private file layout (gzip + "pagefind_dcd" + CBOR; the meta file's
 * chunk list; each chunk's word entries) this re-chunker was checked against. package.json pins
 * this version; tests/unit/tools/pagefind-format.test.ts fails when another one is installed.
 */
export const VERIFIED_PAGEFIND_VERSION = '1.6.0';

// Every Pagefind data file is gzip of this marker followed by the CBOR payload.
const SIGNATURE = Buffer.from('pagefind_dcd');

/** The CBOR payload of a Pagefind data file's bytes, or an error naming the file. */
function unpack(gz: Buffer, path: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = gunzipSync(gz);
  } catch (err) {
    throw new Error(`${path}: not a gzip file Pagefind wrote (${(err as Error).message})`, { cause: err });
  }
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${path}: missing Pagefind's "pagefind_dcd" marker`);
  return raw.subarray(SIGNATURE.length);
}

/** The CBOR payload of a Pagefind data file, or an error naming the file. */
function readPagefindFile(path: string): Uint8Array {
  return unpack(readFileSync(path), path);
}

/** Writes a CBOR payload the way Pagefind stores its data files. */
function writePagefindFile(path: string, payload: Uint8Array): number {
  const gz = gzipSync(Buffer.concat([SIGNATURE, payload]), { level: 6 });
  writeFileSync(path, gz);
  return gz.length;
}

/** A short content hash for a file name, lengthened past any name already taken. */
function nameFor(prefix: string, payload: Uint8Array, taken: Set<string>, length: number): string {
  const hex = createHash('sha1').update(payload).digest('hex');
  let n = length;
  while (taken.has(`${prefix}_${hex.slice(0, n)}`) && n < hex.length) n++;
  const name = `${prefix}_${hex.slice(0, n)}`;
  taken.add(name);
  return name;
}

interface Entry {
  languages: Record<string, { hash: string }>;
}

/** A bundle's pagefind-entry.json, checked to list its languages. */
export function readEntry(bundle: string): { path: string; entry: Entry } {
  const path = join(bundle, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(path, 'utf8')) as Entry;
  if (typeof entry.languages !== 'object' || entry.languages === null) throw new Error(`${path}: no "languages" listed`);
  return { path, entry };
}

/** One language's word index as written: its decoded meta file, chunk ranges, and each chunk's words and size on disk. */
export interface WordIndex {
  metaPath: string;
  meta: CborValue;
  ranges: ChunkRange[];
  chunks: { words: PackedWord[]; bytes: number }[];
}

/** Reads the word index whose meta file is named by `metaHash` (from the entry file), each file once. */
export function readWordIndex(bundle: string, metaHash: string): WordIndex {
  const metaPath = join(bundle, `pagefind.${metaHash}.pf_meta`);
  const meta = decodeCbor(readPagefindFile(metaPath));
  const ranges = chunkRangesOfMeta(meta, metaPath);
  const chunks = ranges.map((r) => {
    const path = join(bundle, 'index', `${r.hash}.pf_index`);
    const gz = readFileSync(path);
    return { words: wordsOfChunk(decodeCbor(unpack(gz, path)), path), bytes: gz.length };
  });
  return { metaPath, meta, ranges, chunks };
}

/** What one language's index looked like before and after re-chunking. */
export interface RechunkReport {
  language: string;
  chunksBefore: number;
  chunksAfter: number;
  largestBefore: number;
  largestAfter: number;
}

/** Re-cuts every language's word index under `bundle` (a written Pagefind dir) into chunks of about `target` word positions. */
export function rechunkPagefind(bundle: string, target: number): RechunkReport[] {
  const { path: entryPath, entry } = readEntry(bundle);
  const reports: RechunkReport[] = [];
  for (const [language, info] of Object.entries(entry.languages)) {
    const { metaPath, meta, ranges: old, chunks: before } = readWordIndex(bundle, info.hash);
    const words = before.flatMap((c) => c.words);
    const largestBefore = Math.max(0, ...before.map((c) => c.bytes));
    const chunks = cutIntoChunks(words, target);
    const ranges = rangesOf(chunks);
    const prefix = info.hash.slice(0, info.hash.indexOf('_'));
    const taken = new Set<string>();
    let largestAfter = 0;
    // New files first, then the meta that points at them, then the old files: a half-finished run
    // leaves the old index intact and working.
    chunks.forEach((chunk, i) => {
      const payload = encodeCbor(chunkOfWords(chunk));
      const hash = nameFor(prefix, payload, taken, 7);
      ranges[i]!.hash = hash;
      largestAfter = Math.max(largestAfter, writePagefindFile(join(bundle, 'index', `${hash}.pf_index`), payload));
    });
    const metaPayload = encodeCbor(metaWithChunkRanges(meta, ranges));
    const metaHash = nameFor(prefix, metaPayload, new Set(), 10);
    writePagefindFile(join(bundle, `pagefind.${metaHash}.pf_meta`), metaPayload);
    const oldMetaHash = info.hash;
    info.hash = metaHash;
    writeFileSync(entryPath, JSON.stringify(entry));
    if (metaHash !== oldMetaHash) rmSync(metaPath, { force: true });
    for (const r of old) if (!taken.has(r.hash)) rmSync(join(bundle, 'index', `${r.hash}.pf_index`), { force: true });
    reports.push({ language, chunksBefore: old.length, chunksAfter: chunks.length, largestBefore, largestAfter });
  }
  return reports;
}
