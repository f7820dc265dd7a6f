// The loader every built page carries inline in place of its module scripts: see
// src/lib/security/after-paint.ts, which puts it in, and finish-page.ts beside it, which hashes it.
// Lines starting with // are left out of the inline copy, so these comments cost pages nothing.
// It counts in the reading pages' 3 KB JavaScript budget, so it is written short.
// u: the module scripts named in its data-after-paint attribute. They are imported in order two
// frames after the page's largest paint has been reported, and not before the load event. The load
// event alone is too early: a browser can fire it before the first paint has reached the screen,
// and a script fetched then counts towards the largest paint in Lighthouse's simulation (0.91 s
// instead of 0.75 s on a phone). The first largest-paint entry comes once a paint is on screen; the
// next two frames let a page that paints as it arrives finish its first screen. Where the browser
// reports no largest paint (Safari), the two frames count from load; and should no entry come
// (a tab loaded in the background may get none), a timer starts them 3 s after load. A tab opened
// in the background runs no frames, so its scripts wait until it is shown; nothing a reader needs
// to read a page is in them. w runs once (t is set on its first call).
// As they start it marks <html data-painted>, which islands hydrated with client:afterpaint
// (src/scripts/hydrate-after-paint.ts) and the KaTeX font probes (components/Formula.astro) wait
// for. When the last has run it marks <html data-scripts="ran">, which the browser tests wait for.
((d, u, w, t) => {
  w = () =>
    t ||
    (t = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        d.documentElement.dataset.painted = '';
        u.reduce((p, x) => p.then(() => import(x)), Promise.resolve()).then(() => (d.documentElement.dataset.scripts = 'ran'));
      }),
    ));
  addEventListener('load', () => {
    const lcp = 'largest-contentful-paint';
    setTimeout(w, 3000);
    if (PerformanceObserver.supportedEntryTypes.includes(lcp)) new PerformanceObserver(w).observe({ type: lcp, buffered: true });
    else w();
  });
})(document, document.currentScript.dataset.afterPaint.split(' '));
