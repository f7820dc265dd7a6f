// Emptying the output folder at the start of a build, except for the files Astro's incremental
// build may leave in place, and removing those of them the build no longer made (the rules are in
// src/lib/site/kept-output.ts; this file touches the disk).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { foldersHolding, orphanedFiles, recordedOutputFiles } from '../lib/site/kept-output.ts';

/** The files left in the output folder, each with its modification time then. */
export interface KeptOutput {
  files: Map<string, number>;
  /** Resolves once the folders moved aside have been deleted. */
  cleared: Promise<void>;
}

/** The text of Astro's incremental-build manifest in `cacheDir`, or null when there is none. */
export function readIncrementalManifest(cacheDir: string): string | null {
  const file = join(cacheDir, 'incremental-build.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/**
 * Empties `dist` but for the files `manifestText` records (see recordedOutputFiles). A folder
 * holding none of them is moved into `trashDir` and deleted in the background: the search
 * index's 24,000 files at 1,000 threads would otherwise hold up the build's start.
 */
export function emptyExceptRecorded(dist: string, manifestText: string | null, trashDir: string): KeptOutput {
  const files = new Map<string, number>();
  if (!existsSync(dist)) return { files, cleared: Promise.resolve() };
  const recorded = recordedOutputFiles(manifestText) ?? new Set<string>();
  const folders = foldersHolding(recorded);
  // Folders a build that was stopped had moved aside but not yet deleted go with this build's.
  const aside = existsSync(trashDir) ? readdirSync(trashDir).map((name) => join(trashDir, name)) : [];
  let moved = 0;
  const setAside = (full: string): void => {
    try {
      mkdirSync(trashDir, { recursive: true });
      const to = join(trashDir, `${process.pid}-${Date.now()}-${moved++}`);
      renameSync(full, to);
      aside.push(to);
    } catch {
      // Another file system, or no rights to the trash folder: deleted here instead.
      rmSync(full, { recursive: true, force: true });
    }
  };
  const walk = (rel: string): void => {
    const dir = rel === '' ? dist : join(dist, rel);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const full = join(dist, path);
      if (entry.isDirectory()) {
        if (folders.has(path)) walk(path);
        else setAside(full);
      } else if (entry.isFile() && recorded.has(path)) {
        files.set(path, statSync(full).mtimeMs);
      } else {
        rmSync(full, { recursive: true, force: true });
      }
    }
  };
  walk('');
  const cleared = Promise.all(aside.map((dir) => rm(dir, { recursive: true, force: true }))).then(() => undefined);
  return { files, cleared };
}

/**
 * Deletes the kept files that the build just finished neither recorded in its manifest nor wrote
 * again, and the folders that leaves empty; returns their paths, relative to `dist`.
 */
export function removeOrphans(dist: string, kept: ReadonlyMap<string, number>, manifestText: string | null): string[] {
  // A file gone since the start (no time now) is not ours to delete; one with a new time was
  // written by this build. Either way its time differs from the one kept.
  const mtimeNow = (file: string): number | null => statSync(join(dist, file), { throwIfNoEntry: false })?.mtimeMs ?? null;
  const orphans = orphanedFiles(kept.keys(), recordedOutputFiles(manifestText), (file) => mtimeNow(file) !== kept.get(file));
  for (const file of orphans) {
    unlinkSync(join(dist, file));
    for (let dir = dirname(file); dir !== '.' && dir !== ''; dir = dirname(dir)) {
      const full = join(dist, dir);
      if (readdirSync(full).length > 0) break;
      rmdirSync(full);
    }
  }
  return orphans;
}
