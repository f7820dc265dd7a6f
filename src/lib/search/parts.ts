// Where the search index is cut into parts (see src/build/build-search-index.ts). A part ends
// after a page chosen by the page's own path and record count alone, never by what came before
// it, so adding or changing one page moves no other boundary: a rebuild after a new thread finds
// every part that does not hold a changed page exactly as it was, and re-indexes only the rest.

/**
 * Built HTML a part holds on average: about 2,000 comments (a generated thread page is ~6 KB of
 * HTML per comment), a few seconds of Pagefind's work, so two parts run side by side and a changed
 * part is cheap to redo. Sizes stand in for record counts because they are known before a page is
 * parsed, which each part does in its own process.
 */
export const PART_BYTES = 12 * 1024 * 1024;

/**
 * Most records one Pagefind index is given; a part with more (a page of thousands of comments is
 * one part, since parts are made of whole pages) is written as several bundles. Pagefind's time
 * to add a record grows with the records it already holds: measured on this machine, 1,000
 * records took 0.21 s, 8,000 took 2.0 s and 32,000 took 21.5 s, and a page of 20,000 comments
 * spent 21 of its 26 s in Pagefind adding them. Parts of the usual size (a few thousand records)
 * stay whole.
 */
export const BUNDLE_RECORDS = 5000;

/**
 * Room a Pagefind bundle of `records` may take on a tmpfs, an upper bound: a memory page for each
 * record's own file, the text four times over (up to three bytes of UTF-8 a character, in the
 * record's file and again in the word index, before either is compressed) and a few MiB for
 * Pagefind's fixed files (its code, its WebAssembly, the meta file).
 */
export function bundleBytes(records: readonly { content: string; meta: Record<string, string> }[]): number {
  let text = 0;
  for (const r of records) {
    text += r.content.length;
    for (const v of Object.values(r.meta)) text += v.length;
  }
  return records.length * 4096 + 4 * text + 4 * 1024 * 1024;
}

/** FNV-1a over a string's UTF-16 units, as a number in [0, 1): a stable, well-spread draw per path. */
export function pathDraw(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // FNV's low bits spread poorly for short keys: fold the high half in before scaling.
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x45d9f3b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 2 ** 32;
}

/**
 * Whether a part ends after this page, which brings the part to `partSize` bytes: with chance
 * size / target, so parts hold about `target` bytes whatever their pages' sizes (a long thread is
 * far likelier to close a part than a glossary entry); and always once the part reaches twice
 * the target, since a part far larger than the rest would be indexed alone while the other cores
 * wait. An infinite target makes the whole site one part.
 */
export function endsPart(path: string, size: number, partSize: number, target: number): boolean {
  return size > 0 && (pathDraw(path) < size / target || partSize >= 2 * target);
}
