// The loader every built page carries inline in place of its module scripts: see
// src/lib/security/after-paint.ts, which puts it in, and src/integrations/csp.ts, which hashes it.
// Lines starting with // are left out of the inline copy, so these comments cost pages nothing.
// Every page carries the code and it counts in the reading pages' 3 KB JavaScript budget, so it
// is written short, in ES2017 at most (it runs before any feature test).
// u: the module scripts named in its data-after-paint attribute, which it appends once (g counts
// calls) after the browser reports the first contentful paint, or at once without paint timing.
// When the last has run it marks <html data-scripts="ran">, which the browser tests wait for.
(function (d, u, g) {
  function go(n) {
    if (!g++)
      u.map(function (x, e) {
        e = d.createElement('script');
        e.type = 'module';
        e.src = x;
        e.onload = function () {
          if (++n == u.length) d.documentElement.dataset.scripts = 'ran';
        };
        d.head.appendChild(e);
      });
  }
  try {
    if (PerformanceObserver.supportedEntryTypes.indexOf('paint') < 0) throw 0;
    new PerformanceObserver(function (l, o) {
      if (l.getEntriesByName('first-contentful-paint')[0]) (o.disconnect(), setTimeout(go, 0, 0));
    }).observe({ type: 'paint', buffered: !0 });
  } catch (e) {
    go(0);
  }
})(document, document.currentScript.dataset.afterPaint.split(' '), 0);
