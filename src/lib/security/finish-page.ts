// What a rendered page still needs before it ships, in this order: the anchors that moved are
// written into it (../links/permalinks.ts), its module scripts are made to wait until it has painted
// (after-paint.ts), its style attributes become classes (style-classes.ts), and it gets the
// Content-Security-Policy for the inline code it then holds (csp.ts). The order matters: each step adds markup the next must see, and the policy's hashes
// are taken last. The build runs this on each page as Astro renders it (src/middleware.ts), so a
// page Astro later copies from its incremental cache is already finished; pages Astro writes
// without rendering them (its redirect pages) are finished after the build
// (src/integrations/csp.ts).
import type { Redirects } from '../links/permalinks.ts';
import { applyAnchorRedirects, parseRedirects } from '../links/permalinks.ts';
import { compactLoader, loadScriptsAfterPaint } from './after-paint.ts';
import { policyOf, withPolicyMeta } from './csp.ts';
import { styleAttributesToClasses } from './style-classes.ts';

/** What finishing a page depends on besides the page. */
export interface FinishInputs {
  /** The after-paint loader's inline text (compactLoader of src/scripts/after-paint.js). */
  loader: string;
  /** Moved anchors (content/permalinks/redirects.json). */
  redirects: Redirects;
  /** Base64 SHA-256 of a text as UTF-8. */
  hash: (text: string) => string;
}

/** The files finishing reads besides the page, relative to the project root. */
export const FINISH_SOURCES = { loader: 'src/scripts/after-paint.js', redirects: 'content/permalinks/redirects.json' } as const;

/** Finishing's inputs from the texts of FINISH_SOURCES; `hash` as in FinishInputs. */
export function finishInputs(loaderSource: string, redirectsText: string, hash: (text: string) => string): FinishInputs {
  return { loader: compactLoader(loaderSource), redirects: parseRedirects(redirectsText, FINISH_SOURCES.redirects), hash };
}

/** The build's error for inline code no policy can allow, one `page: problem` a line. */
export function blockedCodeError(problems: readonly string[]): Error {
  return new Error(`inline code the Content-Security-Policy would block:\n  ${problems.join('\n  ')}`);
}

/**
 * The finished page for one rendered page at `path` (`/threads/x/`), and any inline code in it the
 * policy cannot allow (the caller fails the build on those). Throws, naming the page, when a
 * moved anchor's target is missing or the scripts have nowhere to go.
 */
export function finishPage(path: string, html: string, inputs: FinishInputs): { html: string; problems: string[] } {
  const moved = applyAnchorRedirects(path, html, inputs.redirects);
  let deferred: string;
  try {
    deferred = loadScriptsAfterPaint(moved, inputs.loader);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  const classed = styleAttributesToClasses(deferred);
  const { policy, problems } = policyOf(classed, inputs.hash);
  return { html: withPolicyMeta(classed, policy), problems: problems.map((p) => `${path}: ${p}`) };
}
