// Byte budgets of site.md, checked on the built site without a browser: what each page runs
// before interaction (its scripts, their static imports, island code and inline scripts, gzipped),
// and where KaTeX's stylesheet and fonts come from. Times and Lighthouse scores are reported by
// `npm run bench`, never asserted here.
import { describe, expect, test } from 'vitest';
import { CALCULATOR_JS_GZIP, READING_JS_GZIP } from '../../src/bench/budgets.ts';
import { isReadingPage, pageKindOf } from '../../src/bench/kinds.ts';
import { DistFiles, eagerJsBytes, isKatexCss, pageAssets, type PageAssets } from '../../src/tools/page-assets.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, expectNone, expectSome, pages } from './helpers.ts';

const files = new DistFiles(DIST);
const assets = new Map<string, PageAssets>(pages().map((p) => [p.path, pageAssets(files, p.path, p.html)]));
const assetsOf = (path: string): PageAssets => {
  const a = assets.get(path);
  if (!a) throw new Error(`no assets for ${path}`);
  return a;
};
const html = (path: string) => pages().find((p) => p.path === path)?.html ?? '';
const hasMath = (path: string) => /class="katex"/.test(html(path));
const usesKatexCss = (path: string) => {
  const a = assetsOf(path);
  return a.css.some((c) => isKatexCss(files.text(c))) || a.inlineCss.some(isKatexCss);
};

describe('JavaScript before interaction', () => {
  test(`every reading page runs at most ${READING_JS_GZIP} bytes gzipped (the search and preview loader)`, () => {
    const reading = pages().filter((p) => isReadingPage(p.path));
    expectSome(reading, 'reading pages');
    for (const kind of ['home', 'essay', 'thread', 'person', 'claim', 'term'] as const) {
      expectSome(
        reading.filter((p) => pageKindOf(p.path) === kind),
        `${kind} pages`,
      );
    }
    const over = reading
      .map((p) => ({ path: p.path, gzip: eagerJsBytes(files, assetsOf(p.path)).gzip }))
      .filter((x) => x.gzip > READING_JS_GZIP)
      .map((x) => `${x.path}: ${x.gzip} bytes (${assetsOf(x.path).eagerJs.join(', ')} + ${assetsOf(x.path).inlineJs.length} inline)`);
    expectNone(over, `reading pages over ${READING_JS_GZIP} bytes of JS`);
  });

  test('reading pages load search, previews and the Pagefind engine only on use', () => {
    const problems: string[] = [];
    for (const p of pages().filter((x) => isReadingPage(x.path))) {
      const a = assetsOf(p.path);
      for (const f of a.eagerJs)
        if (f.startsWith('/pagefind/') || /\/(search-ui|previews)\.[^/]*\.js$/.test(f)) problems.push(`${p.path}: ${f} loads before interaction`);
    }
    expectNone(problems, 'search or preview code loaded eagerly');
    // The loader does reach them, lazily: otherwise the check above would pass for a site without search.
    const lazy = assetsOf('/').lazyJs;
    expect(lazy.some((f) => /\/search-ui\.[^/]*\.js$/.test(f))).toBe(true);
    expect(lazy.some((f) => /\/previews\.[^/]*\.js$/.test(f))).toBe(true);
  });

  test(`every calculator page runs at most ${CALCULATOR_JS_GZIP} bytes gzipped, islands included`, () => {
    const calculators = pages().filter((p) => pageKindOf(p.path) === 'calculator');
    expect(calculators.map((p) => p.path).sort()).toEqual(['/calculators/goal-horizon/', '/calculators/ordering/']);
    const problems: string[] = [];
    for (const p of calculators) {
      const a = assetsOf(p.path);
      // Without its island code the figure would be meaningless.
      if (!a.eagerJs.some((f) => /Calculator\.[^/]*\.js$/.test(f))) problems.push(`${p.path}: no calculator island found`);
      const gzip = eagerJsBytes(files, a).gzip;
      if (gzip > CALCULATOR_JS_GZIP) problems.push(`${p.path}: ${gzip} bytes`);
    }
    expectNone(problems, 'calculator pages over budget');
  });
});

describe('the preload helper (src/integrations/small-preload.ts)', () => {
  const chunks = readdirSync(join(DIST, '_astro'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ name: f, code: files.text(`/_astro/${f}`) }));
  // Vite lists the files each dynamic import preloads in one table per chunk.
  const listed = chunks.flatMap((c) => [...c.code.matchAll(/__vite__mapDeps=.*?m\.f=(\[[^\]]*\])/g)].flatMap((m) => JSON.parse(m[1] ?? '[]') as string[]));

  test("replaces Vite's own helper in the built chunks", () => {
    expectSome(chunks, 'built chunks');
    // Vite's helper announces failed preloads with this event; ours has no such code.
    expectNone(
      chunks.filter((c) => c.code.includes('vite:preloadError')).map((c) => c.name),
      "chunks carrying Vite's preload helper",
    );
    expectSome(listed, 'files listed for preloading');
  });

  test('is asked to preload only JavaScript chunks that exist, never CSS, which it does not load', () => {
    const names = new Set(chunks.map((c) => `_astro/${c.name}`));
    expectNone(
      listed.filter((f) => !names.has(f)),
      'listed files that are not built JavaScript chunks',
    );
  });
});

describe('KaTeX', () => {
  test('its stylesheet is linked exactly on the pages that contain math', () => {
    const withMath = pages().filter((p) => hasMath(p.path));
    expectSome(withMath, 'pages with KaTeX markup');
    const problems: string[] = [];
    for (const p of pages()) {
      if (usesKatexCss(p.path) && !hasMath(p.path)) problems.push(`${p.path}: KaTeX CSS without math`);
      if (!usesKatexCss(p.path) && hasMath(p.path)) problems.push(`${p.path}: math without KaTeX CSS`);
    }
    expectNone(problems, 'pages with KaTeX CSS and math out of step');
  });

  test('its fonts, and every script and stylesheet, come from our own origin', () => {
    const problems: string[] = [];
    let katexFonts = 0;
    for (const p of pages()) {
      const a = assetsOf(p.path);
      for (const url of a.external) problems.push(`${p.path}: ${url}`);
      for (const f of a.fonts) {
        if (!files.file(f)) problems.push(`${p.path}: font ${f} is not in dist/`);
        if (/KaTeX_/.test(f)) katexFonts++;
      }
    }
    expect(katexFonts).toBeGreaterThan(0);
    expectNone(problems, 'assets from elsewhere');
  });
});
