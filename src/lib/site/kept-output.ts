// Which files of the last build may stay in the output folder for the next one. Astro's
// incremental build skips a page whose cache key is unchanged; when the page is still in the
// output folder it is left there ("cached"), otherwise Astro copies it back from its own cache
// ("restored"). Emptying the folder first, as Astro does by default, turned a rebuild after one
// more thread into deleting and copying back 3,077 unchanged files (about 2 s at 1,000 threads).
// So the folder is emptied of everything except the files Astro's manifest recorded, and once the
// build is done the kept files it no longer recorded (a removed thread's page) go too.

/** A relative output path we can trust to stay inside the output folder. */
function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The output files (relative to the output folder) that Astro's incremental-build manifest
 * recorded, or null when the manifest is missing, of another version or shape, or names a path
 * that could leave the folder: then nothing is kept, as with no manifest at all.
 */
export function recordedOutputFiles(manifestText: string | null): Set<string> | null {
  if (manifestText === null) return null;
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return null;
  }
  // The shape of version 1, which Astro 7 writes (astro/dist/core/build/incremental.js).
  if (!isRecord(manifest) || manifest.version !== 1 || !isRecord(manifest.routes)) return null;
  const files = new Set<string>();
  for (const route of Object.values(manifest.routes)) {
    if (!isRecord(route) || !isRecord(route.paths)) return null;
    for (const entry of Object.values(route.paths)) {
      if (!isRecord(entry) || typeof entry.outputFile !== 'string' || !isPlainRelativePath(entry.outputFile)) return null;
      files.add(entry.outputFile);
    }
  }
  return files;
}

/** Every folder (relative, without a trailing slash) that holds one of `files`, at any depth. */
export function foldersHolding(files: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let cut = file.lastIndexOf('/'); cut > 0; cut = file.lastIndexOf('/', cut - 1)) {
      const folder = file.slice(0, cut);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/**
 * Of the files kept when the build started, those to delete once it is done: no longer recorded
 * by Astro's manifest, and not written since (`writtenSince`: another route may now write the
 * same path, a redirect where a page was).
 */
export function orphanedFiles(kept: Iterable<string>, recordedNow: ReadonlySet<string> | null, writtenSince: (file: string) => boolean): string[] {
  return [...kept].filter((file) => !recordedNow?.has(file) && !writtenSince(file)).sort();
}
