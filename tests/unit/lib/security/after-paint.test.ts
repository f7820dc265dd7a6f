import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { afterPaintScripts, compactLoader, loadScriptsAfterPaint, SCRIPTS_RAN } from '../../../../src/lib/security/after-paint.ts';
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

interface FakeScript {
  type: string;
  src: string;
  onload: (() => void) | null;
}

/** Runs the loader against stand-ins for the browser, with or without paint timing. */
function runLoader(urls: string[], paintTiming: boolean) {
  const appended: FakeScript[] = [];
  const timers: (() => void)[] = [];
  let observer: ((list: { getEntriesByName: (n: string) => unknown[] }, o: { disconnect: () => void }) => void) | null = null;
  let disconnected = false;
  const html = { dataset: {} as Record<string, string> };
  const document = {
    currentScript: { dataset: { afterPaint: urls.join(' ') } },
    documentElement: html,
    createElement: (): FakeScript => ({ type: '', src: '', onload: null }),
    head: { appendChild: (s: FakeScript) => appended.push(s) },
  };
  class Observer {
    static supportedEntryTypes = paintTiming ? ['paint', 'navigation'] : ['navigation'];
    constructor(callback: typeof observer) {
      observer = callback;
    }
    observe(): void {}
  }
  const setTimeout = (f: (...a: unknown[]) => void, _ms: number, ...args: unknown[]) => timers.push(() => f(...args));
  new Function('document', 'PerformanceObserver', 'setTimeout', LOADER)(document, Observer, setTimeout);
  return {
    appended,
    html,
    paint(name: string) {
      observer?.({ getEntriesByName: (n) => (n === name ? [{}] : []) }, { disconnect: () => (disconnected = true) });
    },
    runTimers() {
      for (const f of timers.splice(0)) f();
    },
    get disconnected() {
      return disconnected;
    },
  };
}

describe('the loader, run against stand-ins for the browser', () => {
  test('appends nothing until the first contentful paint, then each module script once, in order', () => {
    const b = runLoader(['/a.js', '/b.js'], true);
    b.paint('first-paint');
    b.runTimers();
    expect(b.appended).toEqual([]);
    b.paint('first-contentful-paint');
    expect(b.disconnected).toBe(true);
    b.runTimers();
    expect(b.appended.map((s) => [s.type, s.src])).toEqual([
      ['module', '/a.js'],
      ['module', '/b.js'],
    ]);
    b.paint('first-contentful-paint');
    b.runTimers();
    expect(b.appended).toHaveLength(2);
  });

  test('marks <html> once every module has run, not before', () => {
    const b = runLoader(['/a.js', '/b.js'], true);
    b.paint('first-contentful-paint');
    b.runTimers();
    b.appended[1]?.onload?.();
    expect(b.html.dataset['scripts']).toBeUndefined();
    b.appended[0]?.onload?.();
    expect(b.html.dataset['scripts']).toBe(SCRIPTS_RAN);
  });

  test('starts at once in a browser without paint timing', () => {
    const b = runLoader(['/a.js'], false);
    expect(b.appended.map((s) => s.src)).toEqual(['/a.js']);
  });
});
