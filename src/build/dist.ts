// Reading the built site: every HTML page with its URL path.
// Shared by the search indexer, the anchor list updater, the benchmark and the built-site tests.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface BuiltPage {
  /** URL path, e.g. `/threads/x/` or `/404.html`. */
  path: string;
  file: string;
  html: string;
}

/** Every HTML file under `dist` with its URL path, in path order, without reading any of them. */
export function builtPageFiles(dist: string): Omit<BuiltPage, 'html'>[] {
  const out: Omit<BuiltPage, 'html'>[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind' && entry.name !== '_astro') walk(full);
      } else if (entry.name.endsWith('.html')) {
        const rel = relative(dist, full).split(sep).join('/');
        const path = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
        out.push({ path, file: full });
      }
    }
  };
  walk(dist);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Every built page read in turn, one in memory at a time: what the build's own passes over a large site use. */
export function* eachBuiltPage(dist: string): Generator<BuiltPage> {
  for (const p of builtPageFiles(dist)) yield { ...p, html: readFileSync(p.file, 'utf8') };
}

/** Every HTML file under `dist`, skipping Pagefind's and Astro's asset folders, all read into memory (tools and tests). */
export function builtPages(dist: string): BuiltPage[] {
  return [...eachBuiltPage(dist)];
}

/**
 * A page's text up to and including its first `</head>` (the whole page when it has none), read a
 * piece at a time: what a pass over every page's head needs, without reading the rest (at 1,000
 * threads the pages are 130 MB, their heads about a third of that).
 */
export function readUntilHeadEnd(file: string, piece = 64 * 1024): string {
  // The tag is ASCII, and no byte of a longer UTF-8 character is: a search of the bytes finds
  // exactly where the text's tag is.
  const tag = Buffer.from('</head>');
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let offset = 0;
    // The last bytes of the piece before, so a tag cut between two pieces is still found.
    let tail = Buffer.alloc(0);
    for (;;) {
      const buffer = Buffer.alloc(piece);
      const read = readSync(fd, buffer, 0, piece, offset);
      if (read === 0) break;
      const got = buffer.subarray(0, read);
      const window = Buffer.concat([tail, got]);
      const at = window.indexOf(tag);
      if (at >= 0) {
        chunks.push(got.subarray(0, at + tag.length - tail.length));
        break;
      }
      chunks.push(got);
      offset += read;
      tail = window.subarray(Math.max(0, window.length - (tag.length - 1)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The first `bytes` bytes of a file as text (a page's head, without reading the whole page). */
export function readHead(file: string, bytes = 4096): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}
