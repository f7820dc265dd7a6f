/**
 * What an integration hands to the page renderer of the same `astro build`. Astro loads the
 * integrations and renders the pages in one process but as separately bundled modules, so a
 * module-level variable is not shared between them; a registered symbol on the global object is.
 */

/** Where the quote links are kept between builds, from the project root: beside Astro's and Vite's own caches, so `rm -rf node_modules` clears it (src/data/quote-links.ts). */
export const QUOTE_CACHE_DIR = 'node_modules/.cache/site-quote-links';

/** How the quote-links child's result line starts: printed once the links are kept, before it keeps its reader for the next build. */
export const QUOTE_LINKS_READY = 'quote links:';

/** The global key under which the quote-links integration leaves a promise that settles when its child process has finished (src/data/quote-links.ts). */
export const QUOTE_LINKS_PENDING = Symbol.for('deceptive-alignment-explainer.quote-links-pending');

/** The promise left under `key`, if an integration left one. */
export function handedOver(key: symbol): Promise<unknown> | undefined {
  const value: unknown = (globalThis as Record<symbol, unknown>)[key];
  return value instanceof Promise ? value : undefined;
}

/** Leaves `value` under `key` for the renderer (undefined clears it). */
export function handOver(key: symbol, value: Promise<unknown> | undefined): void {
  (globalThis as Record<symbol, unknown>)[key] = value;
}
