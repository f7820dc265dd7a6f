// Finishes each page as Astro renders it (src/middleware.ts calls this; the steps are in
// src/lib/security/finish-page.ts). Finishing used to be a pass over the built files after the
// build, which read and wrote every page again, and did so on every rebuild too, since the pages
// Astro copies from its incremental cache are the ones it rendered, unfinished. Now the cache holds
// finished pages. Its inputs are read once per build and their digest goes into every page's cache
// key (site.ts cacheKeyOf), so a change to the loader or to the moved anchors re-renders the pages;
// a change to this code does too, since Astro's key covers the modules a page imports and the
// pages import site.ts, which imports this.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { blockedCodeError, FINISH_SOURCES, finishInputs, finishPage, type FinishInputs } from '../lib/security/finish-page.ts';

/** Finishing's inputs from the texts of the loader's source and of redirects.json, with a digest of both for cache keys. */
export function finishInputsOf(loaderSource: string, redirectsText: string): { finish: FinishInputs; digest: string } {
  const finish = finishInputs(loaderSource, redirectsText, (text) => createHash('sha256').update(text, 'utf8').digest('base64'));
  // The loader as pages carry it: a change to its comments alone re-renders nothing.
  return { finish, digest: createHash('sha256').update(finish.loader).update('\0').update(redirectsText).digest('hex') };
}

let inputs: { finish: FinishInputs; digest: string } | undefined;

function read(): { finish: FinishInputs; digest: string } {
  inputs ??= finishInputsOf(readFileSync(FINISH_SOURCES.loader, 'utf8'), readFileSync(FINISH_SOURCES.redirects, 'utf8'));
  return inputs;
}

/** A digest of what finishing reads besides the page (the loader, the moved anchors), for page cache keys. */
export function finishDigest(): string {
  return read().digest;
}

/** The finished page; throws, naming the page, on inline code the policy cannot allow or a moved anchor with no target. */
export function finishRenderedPage(path: string, html: string): string {
  const { html: out, problems } = finishPage(path, html, read().finish);
  if (problems.length > 0) throw blockedCodeError(problems);
  return out;
}
