// Keeps published anchors working after content moves (content/permalinks/redirects.json):
// whole-page moves become Astro redirects (see astro.config.mjs); moved anchors are written into
// each page as it is finished (src/lib/security/finish-page.ts), because an id must sit in the
// page's own HTML to work without JavaScript.
import { readFileSync } from 'node:fs';
import { parseRedirects, type Redirects } from '../lib/links/permalinks.ts';
import { FINISH_SOURCES } from '../lib/security/finish-page.ts';

export const REDIRECTS_PATH = FINISH_SOURCES.redirects;

/** Reads redirects.json, naming the file when it is not a JSON object of strings. */
export function readRedirects(file = REDIRECTS_PATH): Redirects {
  return parseRedirects(readFileSync(file, 'utf8'), file);
}
