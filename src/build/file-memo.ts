// What a build pass learnt from each built page, kept for the next build and trusted only while
// the page's file is the very one it was learnt from. After one more thread, Astro's incremental
// build leaves the other 3,000 files of a 1,000-thread site where they were, untouched; a pass
// that reads every page (the sitemap's robots check, the search records' content hash) can then
// stat a page instead of reading it. A file's signature is its device, inode, size and change
// times in nanoseconds: writing to a file or replacing it changes its ctime, which no program can
// set back, so a page that differs in any byte never matches the signature it had.
import { type BigIntStats, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A file's identity and last change, as text: equal only while nothing has written to or replaced it. */
export function fileSignature(file: string): string {
  return signatureOf(statSync(file, { bigint: true }));
}

/** The signature (see fileSignature) of a file already stat'ed with `{ bigint: true }`. */
export function signatureOf(s: BigIntStats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** The kept file's form: what the memo was computed by, and per page its signature and value. */
interface MemoFile<T> {
  code: string;
  entries: Record<string, [string, T]>;
}

/**
 * Values learnt per page, kept in one JSON file between builds. Those of an earlier build count
 * only when `code` (a hash of the code that computed them) is the same and the page's signature
 * has not changed; a missing, damaged or foreign file counts as empty. Saving keeps only the
 * pages this build asked about or told, so the file never outgrows the site.
 */
export class FileMemo<T> {
  private readonly file: string;
  private readonly code: string;
  private readonly earlier: Map<string, [string, T]>;
  private readonly now = new Map<string, [string, T]>();

  /** The memo kept in `file` for values computed by `code`. */
  constructor(file: string, code: string) {
    this.file = file;
    this.code = code;
    this.earlier = new Map();
    try {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoFile<T>>;
      if (kept.code === code && kept.entries && typeof kept.entries === 'object') {
        for (const [path, entry] of Object.entries(kept.entries)) {
          if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string') this.earlier.set(path, entry);
        }
      }
    } catch {
      // No memo yet, or one that cannot be read: every page is read as in a cold build.
    }
  }

  /** The value learnt for `path` when its file had `signature`, if an earlier build learnt one; it is kept. */
  get(path: string, signature: string): T | undefined {
    const entry = this.earlier.get(path);
    if (!entry || entry[0] !== signature) return undefined;
    this.now.set(path, entry);
    return entry[1];
  }

  /** Records what was learnt from `path` while its file had `signature`. */
  set(path: string, signature: string, value: T): void {
    this.now.set(path, [signature, value]);
  }

  /** Writes the memo (via a temporary file, so a stopped build never leaves half of one); a failure only costs the next build time. */
  save(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.partial`;
      const out: MemoFile<T> = { code: this.code, entries: Object.fromEntries(this.now) };
      writeFileSync(temp, JSON.stringify(out));
      renameSync(temp, this.file);
    } catch {
      // A cache folder that cannot be written fails nothing.
    }
  }
}
