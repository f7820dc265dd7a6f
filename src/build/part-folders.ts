// The layout of the index parts kept between builds (parts/<name>/<bundle>/…, with
// <name>.counts.json beside each), read by both the index builder and its workers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file naming a part's bundles, written last: a part folder with it is complete. */
export const BUNDLE_LIST = 'bundles.json';

/** The bundles of a part folder written by writePartBundles, or null when it is missing or incomplete. */
export function bundlesIn(dir: string): string[] | null {
  try {
    const names: unknown = JSON.parse(readFileSync(join(dir, BUNDLE_LIST), 'utf8'));
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && existsSync(join(dir, n, 'pagefind-entry.json')))) return null;
    return names.map((n: string) => join(dir, n));
  } catch {
    return null;
  }
}

/** The finished part folders in `partsDir` (see bundlesIn): what a build finds there before it writes any. */
export function finishedParts(partsDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(partsDir);
  } catch {
    return [];
  }
  return names.filter((n) => !n.endsWith('.partial') && !n.endsWith('.json') && bundlesIn(join(partsDir, n)) !== null);
}
