// The `client:afterpaint` directive (registered by src/integrations/after-paint-islands.ts): an
// island hydrates once the page's first screen has painted, not as soon as its script arrives.
//
// Why: `client:load` fetches the island's component and Preact as the page is parsed, so on a slow
// phone those requests compete with the page itself, and Lighthouse's mobile run counted them on
// the way to a calculator page's largest paint (1.2–1.4 s in most runs against 0.82 s in those
// where they happened to start later). The page already shows the calculator, rendered at build
// time with its default inputs; hydrating a few frames later only delays when it answers input.
//
// A page opened with a query (a shared scenario, `?pG=0.9…`) hydrates at once, as with
// `client:load`: the page as built can only show the default inputs, and the reader who followed
// the link should not read the defaults' numbers first.
//
// The signal is the one the site's other scripts wait for: the after-paint loader
// (src/scripts/after-paint.js) marks <html data-painted> when it starts them. A page without that
// loader (one with no module scripts of its own) hydrates on load instead of waiting for a mark
// that never comes.

// The loader's attribute names, from the module that writes the loader in (esbuild keeps only
// these two strings of it in the directive's inline code).
import { AFTER_PAINT_ATTRIBUTE, AFTER_PAINT_MARK as PAINTED } from '../lib/security/after-paint.ts';

/** What Astro hands a client directive: loads the island's code and gives its hydrate function. */
type Load = () => Promise<() => Promise<void> | void>;

/** Hydrates the island once the page is marked painted (at once for a shared link), or on load when no loader will mark it. */
export default function hydrateAfterPaint(load: Load): void {
  const root = document.documentElement;
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    marks.disconnect();
    void load().then((hydrate) => hydrate());
  };
  const marks = new MutationObserver(() => {
    if (root.hasAttribute(PAINTED)) start();
  });
  if (location.search !== '' || root.hasAttribute(PAINTED)) {
    start();
    return;
  }
  marks.observe(root, { attributes: true, attributeFilter: [PAINTED] });
  addEventListener(
    'load',
    () => {
      if (!document.querySelector(`script[${AFTER_PAINT_ATTRIBUTE}]`)) start();
    },
    { once: true },
  );
}
