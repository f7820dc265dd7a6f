// A content loader for files whose meaning is all in their frontmatter: the imported threads and
// essays, whose MDX body is only a "generated, do not edit" comment. Astro's glob() loader would
// compile each one into an MDX module that Vite then bundles, though no page ever renders it; at a
// thousand threads that was 13 s of every build. The YAML the importer wrote is read by a reader
// for exactly its grammar (src/lib/text/yaml-read.ts); any other YAML by js-yaml, the parser Astro
// itself uses for frontmatter (several times faster than the `yaml` package on these files). The
// data is checked against the collection's full schema here.
//
// The checked data does not go into Astro's content store. Astro builds that store into the server
// bundle as one JSON string inside a JavaScript module, so every comment of every thread passed
// through the bundler and then sat in memory twice more (the module's source and the string) for
// the whole build: at 5,000 threads the store was 185 MB and the build peaked at 5.3 GB. Each entry's
// data is written instead to a file of its own under Astro's cache directory, named by the digest
// of the source file, and the store keeps only that file's path (`EntryDataRef`); src/data/site.ts
// reads the files back. An unchanged source file (same digest, data file still there) is not parsed
// again, so a rebuild reuses the work as Astro's own content cache would.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { load as parseYaml } from 'js-yaml';
import type { EntryDataRef } from '../schemas/entry-data.ts';
import { readEmittedYaml } from '../lib/text/yaml-read.ts';

/** The part of a zod schema the loader uses; structural, so the loader needs no zod of its own. */
export interface FrontmatterSchema {
  safeParse(raw: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly SchemaIssue[] } };
}
interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Data files written at once before the loader waits for them: enough to overlap the disk with parsing, few enough to hold little. */
const WRITES_IN_FLIGHT = 8;

/**
 * `promise`, to be awaited later: its failure is thrown there, and not also reported as unhandled
 * when an earlier file's error stops the loader before it gets there.
 */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** The frontmatter block of a file's text, or null when the file has none. */
function frontmatterOf(text: string): string | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  return m ? (m[1] ?? '') : null;
}

/** One line per schema problem, each naming the field it is in. */
function describeIssues(error: { issues: readonly SchemaIssue[] }): string {
  return error.issues.map((i) => `  - ${i.path.length ? i.path.map(String).join('.') : '(the whole frontmatter)'}: ${i.message}`).join('\n');
}

/**
 * The checked data of one file, as the JSON text the loader keeps for it: its frontmatter parsed
 * and checked against `schema`, or an error naming the file (`filePath`) and every problem. The
 * quote-links child (src/data/quote-links.ts) reads the source files with this same function, so
 * its texts, and the key it keeps the links under, are the ones the model computes from ours.
 */
export function checkedDataText(filePath: string, text: string, schema: FrontmatterSchema, collection: string): string {
  const front = frontmatterOf(text);
  if (front === null) throw new Error(`${filePath}: no frontmatter block (--- … ---) at the top of the file`);
  let raw: unknown;
  try {
    // The importer's own output (every thread) is read by the small reader made for it, in about
    // half js-yaml's time; anything else, and every error message, is js-yaml's.
    raw = readEmittedYaml(front) ?? parseYaml(front);
  } catch (e) {
    throw new Error(`${filePath}: the frontmatter is not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${filePath}: the frontmatter is not a mapping of fields`);
  const checked = schema.safeParse(raw);
  if (!checked.success) throw new Error(`${filePath}: the frontmatter does not match the ${collection} schema:\n${describeIssues(checked.error)}`);
  return JSON.stringify(checked.data);
}

/** The entry files of a frontmatter collection's folder, in id order: every `.mdx` file directly in it. */
export function entryFiles(names: readonly string[]): string[] {
  return names.filter((f) => f.endsWith('.mdx')).sort();
}

/** The name of the data file the loader keeps for an entry: its id and its source's digest. */
export function dataFileName(id: string, digest: string): string {
  return `${id}.${digest}.json`;
}

/** The entry id a data file named by dataFileName belongs to, or null for another file. The digest has no dot; an id may. */
export function dataFileEntryId(name: string): string | null {
  if (!name.endsWith('.json')) return null;
  const dot = name.lastIndexOf('.', name.length - '.json'.length - 1);
  return dot > 0 ? name.slice(0, dot) : null;
}

/** An entry's id: its file name without `.mdx`. */
export function entryIdOf(file: string): string {
  return file.replace(/\.mdx$/, '');
}

/**
 * Loads every `.mdx` file directly in `base` (relative to the project root) as an entry whose
 * frontmatter must match `schema`; the store gets a reference to the checked data.
 */
export function frontmatterLoader(base: string, schema: FrontmatterSchema): Loader {
  return {
    name: 'frontmatter-data',
    async load(context) {
      const { config, store, logger, collection } = context;
      const root = fileURLToPath(config.root);
      const dir = join(root, base);
      const dataDir = join(fileURLToPath(config.cacheDir), 'entry-data', collection);
      await mkdir(dataDir, { recursive: true });
      const files = entryFiles(await readdir(dir));
      const seen = new Set<string>();
      const kept = new Set<string>();
      let reused = 0;
      // Reading a file and writing its data each waited for the disk while nothing else ran (the
      // sync of 1,000 threads was 40 % idle): the next file is read while this one is parsed, and
      // data files are written while the next ones are, a few in flight at most.
      const read = (name: string): Promise<string> => awaitedLater(readFile(join(dir, name), 'utf8'));
      const writes: Promise<void>[] = [];
      let ahead: Promise<string> | undefined;
      for (const [i, file] of files.entries()) {
        const id = entryIdOf(file);
        const filePath = relative(root, join(dir, file)).split('\\').join('/');
        const text = await (ahead ?? read(file));
        const next = files[i + 1];
        ahead = next === undefined ? undefined : read(next);
        const digest = context.generateDigest(text);
        // The id is a file name already; the digest keeps an edited file from reading stale data.
        const dataName = dataFileName(id, digest);
        const dataFile = join(dataDir, dataName);
        seen.add(id);
        kept.add(dataName);
        // Reused only when the store names this very file (its name holds the digest) and it is
        // still there: a store kept from another checkout points into that checkout's cache.
        const stored = store.get(id)?.data as Partial<EntryDataRef> | undefined;
        if (stored?.dataFile === dataFile && existsSync(dataFile)) {
          reused++;
          continue;
        }
        writes.push(awaitedLater(writeFile(dataFile, checkedDataText(filePath, text, schema, collection))));
        if (writes.length >= WRITES_IN_FLIGHT) await Promise.all(writes.splice(0));
        const data: EntryDataRef = { dataFile };
        // The store skips an entry whose digest it already holds, so one that names another
        // checkout's data file (a project copied or moved) would keep naming it, and be parsed
        // again on every build: it is dropped first.
        if (stored) store.delete(id);
        store.set({ id, data, digest, filePath });
      }
      // Every data file is on disk before the store that names them is used.
      await Promise.all(writes);
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      // Data of files since edited or removed.
      for (const name of await readdir(dataDir)) if (!kept.has(name)) await rm(join(dataDir, name), { force: true });
      if (reused > 0) logger.info(`${reused} of ${files.length} unchanged since the last build, reused`);
    },
  };
}
