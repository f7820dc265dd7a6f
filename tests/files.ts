// File helpers shared by the unit and the built-site tests, kept apart from the browser helpers
// (tests/e2e/helpers.ts) so a unit test can use them without loading Playwright.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` with its bytes, by path from `dir` (`/`-separated): a built site or an index bundle, for comparing two file by file. */
export function filesOf(dir: string, under = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of filesOf(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel)));
  }
  return out;
}
