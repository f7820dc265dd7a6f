// What a lazily loaded feature's dynamic import() runs through in the built site, in place of Vite's
// own preload helper (src/integrations/small-preload.ts swaps it in). Vite wraps each import() of a
// chunk as preload(() => import(chunk), files) where files are that chunk and the chunks it imports,
// so the browser can fetch them side by side instead of one after another. Vite's helper does the
// same in about 900 bytes gzipped (CSS files, CSP nonces, relative bases, an error event), which
// counted against the reading pages' 3 KB budget on every page; this site needs only the
// modulepreload hint. No lazily loaded chunk may import CSS: tests/e2e/budgets.test.ts checks it.

const hinted = new Set<string>();

/** Hints the browser to fetch `files` (paths under the site root) at once, then runs the import. */
export function preload<T>(load: () => Promise<T>, files?: readonly string[]): Promise<T> {
  for (const file of files ?? []) {
    if (hinted.has(file)) continue;
    hinted.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = `/${file}`;
    document.head.append(link);
  }
  return load();
}
