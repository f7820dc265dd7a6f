import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { AFTER_PAINT_MARK, afterPaintScripts, compactLoader, loadScriptsAfterPaint, SCRIPTS_RAN } from '../../../../src/lib/security/after-paint.ts';
import { inlineCode } from '../../../../src/lib/security/csp.ts';

const LOADER = compactLoader(readFileSync('src/scripts/after-paint.js', 'utf8'));
const rewrite = (html: string): string => loadScriptsAfterPaint(html, LOADER);
const page = (body: string): string => `<!DOCTYPE html><html><head><title>t</title></head><body><main>Text</main>${body}</body></html>`;
const BASE = '<script type="module" src="/_astro/Base.abc.js"></script>';
const SEARCH = '<script type="module" src="/_astro/search.def.js"></script>';

describe('compactLoader', () => {
  test('drops whole-line comments and indentation and keeps every line of code', () => {
    expect(compactLoader('// about it\n(function () {\n  var a = "//x"; // kept: not a whole line\n\n  a();\n})();\n')).toBe(
      '(function () {\nvar a = "//x"; // kept: not a whole line\na();\n})();',
    );
    expect(LOADER).not.toMatch(/^\s*\/\//m);
    expect(LOADER.length).toBeLessThan(1200);
  });
});

describe('loadScriptsAfterPaint', () => {
  test('takes out every module script tag and names them, in order, on one loader before </body>', () => {
    const out = rewrite(page(`${SEARCH}\n${BASE}`));
    expect(out).not.toContain('type="module"');
    expect(afterPaintScripts(out)).toEqual(['/_astro/search.def.js', '/_astro/Base.abc.js']);
    expect(out.indexOf('data-after-paint')).toBeGreaterThan(out.indexOf('<main>'));
    expect(out.trimEnd().endsWith('</body></html>')).toBe(true);
  });

  test('leaves a page without module scripts, and a page already rewritten, as they are', () => {
    const plain = page('<script>let a = 1;</script>');
    expect(rewrite(plain)).toBe(plain);
    const once = rewrite(page(BASE));
    expect(rewrite(once)).toBe(once);
  });

  test('gives every page the same loader text, so the policy needs one hash for all', () => {
    const a = inlineCode(rewrite(page(BASE))).scripts;
    const b = inlineCode(rewrite(page(`${SEARCH}${BASE}`))).scripts;
    expect(a).toEqual([LOADER]);
    expect(b).toEqual(a);
  });

  test('reads an address as the browser would and writes it back escaped', () => {
    const html = page('<script type="module" src="/_astro/a&amp;b&#34;.js"></script>');
    const out = rewrite(html);
    expect(out).toContain('data-after-paint="/_astro/a&amp;b&quot;.js"');
    expect(afterPaintScripts(out)).toEqual(['/_astro/a&b".js']);
    expect(() => rewrite(page('<script type="module" src="/a&bogus;.js"></script>'))).toThrow(/character reference/);
    const forged = page(`<script data-after-paint="/x&amp;y &quot;z">${LOADER}</script>`);
    expect(afterPaintScripts(forged)).toEqual(['/x&y', '"z']);
  });

  test('refuses a page with module scripts but no </body>, naming the scripts', () => {
    expect(() => rewrite(`<p>x</p>${BASE}`)).toThrow(/\/_astro\/Base\.abc\.js.*no <\/body>/);
  });

  test('leaves scripts Astro did not write its way (other attributes, inline modules) where they are', () => {
    const other = page('<script type="module" async src="/x.js"></script><script type="module">import "/y.js"</script>');
    expect(rewrite(other)).toBe(other);
  });
});

/**
 * Runs the loader in a fresh context against stand-ins for the browser: the load event, frames, a
 * timer, and a PerformanceObserver that reports largest paints (`lcp: false` is a browser without
 * them). Code made at run time has no dynamic import() under Vitest, so the loader's one import(x)
 * call is pointed at a stand-in that records the address and returns a promise the test settles.
 */
function runLoader(urls: string[], { lcp = true } = {}) {
  const listeners: (() => void)[] = [];
  const frames: (() => void)[] = [];
  const timers: { f: () => void; ms: number }[] = [];
  const observers: { callback: () => void; options: unknown }[] = [];
  const imports: { url: string; done: () => void }[] = [];
  const html = { dataset: {} as Record<string, string> };
  const document = { currentScript: { dataset: { afterPaint: urls.join(' ') } }, documentElement: html };
  const addEventListener = (type: string, f: () => void) => type === 'load' && listeners.push(f);
  const requestAnimationFrame = (f: () => void) => frames.push(f);
  const setTimeout = (f: () => void, ms: number) => timers.push({ f, ms });
  class PerformanceObserver {
    static supportedEntryTypes = lcp ? ['paint', 'largest-contentful-paint'] : ['paint'];
    readonly callback: () => void;
    constructor(callback: () => void) {
      this.callback = callback;
    }
    observe(options: unknown) {
      observers.push({ callback: this.callback, options });
    }
  }
  const load = (url: string) => new Promise<void>((done) => imports.push({ url, done }));
  const code = LOADER.split('import(x)');
  expect(code).toHaveLength(2);
  runInNewContext(code.join('load(x)'), { document, addEventListener, requestAnimationFrame, setTimeout, PerformanceObserver, Promise, load });
  return {
    html,
    imports,
    observers,
    timers,
    load: () => listeners.splice(0).forEach((f) => f()),
    largestPaint: () => observers.forEach((o) => o.callback()),
    frame: () => frames.splice(0).forEach((f) => f()),
    pending: () => frames.length,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Runs the next two frames: the addresses imported after the first, and after the second. */
async function twoFrames(b: ReturnType<typeof runLoader>): Promise<string[][]> {
  const seen: string[][] = [];
  for (let i = 0; i < 2; i++) {
    b.frame();
    await tick();
    seen.push(b.imports.map((x) => x.url));
  }
  return seen;
}

describe('the loader, run against stand-ins for the browser', () => {
  test('imports nothing before the load event, the first largest paint and the two frames after it', async () => {
    const b = runLoader(['/a.js']);
    b.largestPaint();
    b.frame();
    await tick();
    expect(b.imports).toEqual([]);
    expect(b.observers).toEqual([]);
    b.load();
    // Loaded but not yet painted: no frame is asked for.
    expect(b.observers.map((o) => o.options)).toEqual([{ type: 'largest-contentful-paint', buffered: true }]);
    expect(b.pending()).toBe(0);
    b.largestPaint();
    expect(b.pending()).toBe(1);
    expect(await twoFrames(b)).toEqual([[], ['/a.js']]);
  });

  test('a later largest paint, or the timer, does not start the scripts again', async () => {
    const b = runLoader(['/a.js']);
    b.load();
    b.largestPaint();
    b.largestPaint();
    b.timers.forEach((t) => t.f());
    expect(b.pending()).toBe(1);
    expect(await twoFrames(b)).toEqual([[], ['/a.js']]);
  });

  test('without a largest paint, a timer starts them 3 s after load', async () => {
    const b = runLoader(['/a.js']);
    b.load();
    expect(b.timers.map((t) => t.ms)).toEqual([3000]);
    b.timers.forEach((t) => t.f());
    expect(await twoFrames(b)).toEqual([[], ['/a.js']]);
  });

  test('a browser that reports no largest paints counts the two frames from load', async () => {
    const b = runLoader(['/a.js'], { lcp: false });
    b.load();
    expect(b.observers).toEqual([]);
    expect(await twoFrames(b)).toEqual([[], ['/a.js']]);
  });

  test('marks <html data-painted> as the scripts start, not before (islands and font probes wait for it)', async () => {
    const b = runLoader(['/a.js']);
    b.load();
    b.largestPaint();
    b.frame();
    await tick();
    // The mark as the directive and the font probes look for it: <html data-painted> is dataset.painted.
    const mark = AFTER_PAINT_MARK.slice('data-'.length);
    expect(b.html.dataset[mark]).toBeUndefined();
    b.frame();
    await tick();
    expect(b.html.dataset[mark]).toBe('');
    expect(b.imports.map((i) => i.url)).toEqual(['/a.js']);
  });

  test('imports the modules one after another, in the order named, then marks <html>', async () => {
    const b = runLoader(['/a.js', '/b.js']);
    b.load();
    b.largestPaint();
    expect(await twoFrames(b)).toEqual([[], ['/a.js']]);
    b.imports[0]?.done();
    await tick();
    expect(b.imports.map((i) => i.url)).toEqual(['/a.js', '/b.js']);
    expect(b.html.dataset['scripts']).toBeUndefined();
    b.imports[1]?.done();
    await tick();
    expect(b.html.dataset['scripts']).toBe(SCRIPTS_RAN);
  });
});
