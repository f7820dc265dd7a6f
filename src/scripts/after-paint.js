// The loader every built page carries inline in place of its module scripts: see
// src/lib/security/after-paint.ts, which puts it in, and src/integrations/csp.ts, which hashes it.
// Lines starting with // are left out of the inline copy, so these comments cost pages nothing.
// It counts in the reading pages' 3 KB JavaScript budget, so it is written short.
// u: the module scripts named in its data-after-paint attribute. They are imported in order two
// frames after the load event: by then the whole page is parsed and its first screen painted
// (a long page paints as it arrives, so the first paint alone is too early), and the next frame
// starts after that paint has reached the screen. A tab opened in the background runs no frames,
// so its scripts wait until it is shown; nothing a reader needs to read a page is in them.
// When the last has run it marks <html data-scripts="ran">, which the browser tests wait for.
((d, u) =>
  addEventListener('load', () =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => u.reduce((p, x) => p.then(() => import(x)), Promise.resolve()).then(() => (d.documentElement.dataset.scripts = 'ran'))),
    ),
  ))(document, document.currentScript.dataset.afterPaint.split(' '));
