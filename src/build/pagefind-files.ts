// Reading and writing Pagefind's data files: the entry file, meta files and word index chunks,
// each gzip of a marker and a CBOR payload. merge-pagefind.ts joins index parts and re-cuts the
// word index into small chunks (src/lib/search/pagefind-chunks.ts says why) with these; the tests
// read bundles back with them. Every name written is a content hash, so browsers and CDNs never
// mix an old meta file with new chunks.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import { decodeCbor, type CborValue } from '../lib/search/cbor.ts';
import { chunkRangesOfMeta, wordsOfChunk, type ChunkRange, type PackedWord } from '../lib/search/pagefind-chunks.ts';

/**
 * The Pagefind release whose private file layout (gzip + "pagefind_dcd" + CBOR; the meta file's
 * fields; each chunk's word entries; filter files) the index merge was checked against. package.json pins
 * this version; tests/unit/build/pagefind-format.test.ts fails when another one is installed.
 */
export const VERIFIED_PAGEFIND_VERSION = '1.6.0';

// Every Pagefind data file is gzip of this marker followed by the CBOR payload.
const SIGNATURE = Buffer.from('pagefind_dcd');

/** The CBOR payload of a Pagefind data file's bytes, or an error naming the file. */
export function unpack(gz: Buffer, path: string): Uint8Array {
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
export function readPagefindFile(path: string): Uint8Array {
  return unpack(readFileSync(path), path);
}

// The gzip level of every file we write: the same bytes whichever of the two writers below is used.
const GZIP = { level: 6 };
const gzipAsync = promisify(gzip);

/** Writes a CBOR payload the way Pagefind stores its data files. */
export function writePagefindFile(path: string, payload: Uint8Array): number {
  const gz = gzipSync(Buffer.concat([SIGNATURE, payload]), GZIP);
  writeFileSync(path, gz);
  return gz.length;
}

/**
 * Jobs run a few at a time: adding one waits only while `limit` are in flight, and the first
 * failure is kept and thrown by the next add or by done(), so none is lost or reported twice.
 */
export class BoundedJobs {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;
  private readonly limit: number;
  /** Jobs with at most `limit` in flight at once. */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Starts `job` once fewer than `limit` are in flight; rejects with an earlier job's error. */
  async add(job: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure.error;
    const running: Promise<void> = job()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Waits for every job started; rejects with the first error. */
  async done(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Writes Pagefind data files with the compression on Node's thread pool, a few at once, so the
 * merge goes on encoding the next chunk while earlier ones are compressed on another core.
 */
export class PagefindFileWriter {
  private readonly jobs: BoundedJobs;
  private largest = 0;
  /** A writer with at most `limit` files being compressed or written at once. */
  constructor(limit = 16) {
    this.jobs = new BoundedJobs(limit);
  }

  /** Queues one file: waits only while the writer is full. Rejects with an earlier write's error. */
  write(path: string, payload: Uint8Array): Promise<void> {
    return this.jobs.add(async () => {
      const gz = await gzipAsync(Buffer.concat([SIGNATURE, payload]), GZIP);
      await writeFile(path, gz);
      this.largest = Math.max(this.largest, gz.length);
    });
  }

  /** Waits for every queued file; resolves to the largest file's size in bytes, or rejects with the first error. */
  async done(): Promise<number> {
    await this.jobs.done();
    return this.largest;
  }
}

/** A short content hash for a file name, lengthened past any name already taken. */
export function nameFor(prefix: string, payload: Uint8Array, taken: Set<string>, length: number): string {
  const hex = createHash('sha1').update(payload).digest('hex');
  let n = length;
  while (taken.has(`${prefix}_${hex.slice(0, n)}`) && n < hex.length) n++;
  const name = `${prefix}_${hex.slice(0, n)}`;
  taken.add(name);
  return name;
}

/** A bundle's pagefind-entry.json: its languages, each with its meta file's hash and page count; other fields are kept as they are. */
export interface Entry {
  languages: Record<string, { hash: string; page_count?: number } & Record<string, unknown>>;
  [key: string]: unknown;
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
