import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { dom, expectNone, expectSome, pagePaths, requestsAroundPaint, sourcePaths, startSession, type Session } from './helpers.ts';

// Printing in Debian's Chromium, at a phone's and a desktop's width: every formula prints with its
// KaTeX fonts (those below the fold too, which content-visibility: auto leaves unlaid-out until
// the reader scrolls), controls and backlink lists stay off the paper, folded comments print in
// full, and long blocks may break across pages instead of leaving half-empty ones.

const WIDTHS = [390, 1280] as const;

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/** Built pages with at least one KaTeX formula. */
const FORMULA_PAGES = pagePaths(/./).filter((p) => dom(p).querySelector('.katex-html'));
const ESSAY = sourcePaths('essay')[0] ?? '';
const THREAD =
  sourcePaths('thread').sort((a, b) => dom(b).querySelectorAll('article.comment').length - dom(a).querySelectorAll('article.comment').length)[0] ?? '';

test('the pages to print are in dist/: formulas (a calculator among them), an essay and a thread', () => {
  expectSome(FORMULA_PAGES, 'pages with formulas');
  expect(FORMULA_PAGES.some((p) => p.startsWith('/calculators/'))).toBe(true);
  expect(ESSAY).not.toBe('');
  expect(THREAD).not.toBe('');
});

/** Opens a page as a reader does, without scrolling, and waits until the fonts it asked for are in. */
async function open(width: number, path: string): Promise<Page> {
  const page = await (await s.context({ viewport: { width, height: 844 } })).newPage();
  await page.goto(path);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

interface FormulaFacts {
  count: number;
  /** Formulas whose glyph box is empty in print. */
  empty: string[];
  /** How far below the first screen the last formula starts, in screens. */
  lastScreen: number;
  /** KaTeX faces the formulas' text is set in ("Main-Regular"), each with whether it was loaded when printing began. */
  faces: Record<string, boolean>;
}

/**
 * Switches to print media and, in the same task (before any font fetched now could arrive), reads
 * every formula's box and the KaTeX face each piece of its text is set in.
 */
async function printFormulas(page: Page): Promise<FormulaFacts> {
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(() => {
    const faces: Record<string, boolean> = {};
    const all = [...document.querySelectorAll<HTMLElement>('.katex-html')];
    const empty: string[] = [];
    for (const [i, f] of all.entries()) {
      const r = f.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0) empty.push(`formula ${i + 1}: ${Math.round(r.width)}×${Math.round(r.height)}`);
      for (const el of [f, ...f.querySelectorAll<HTMLElement>('*')]) {
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
        if (!text) continue;
        const cs = getComputedStyle(el);
        const family = cs.fontFamily
          .split(',')[0]!
          .trim()
          .replace(/^["']|["']$/g, '');
        if (!family.startsWith('KaTeX_')) {
          faces[`${family} (not a KaTeX face)`] = false;
          continue;
        }
        // The face the browser matches: same style if the family has it, then the nearest weight.
        const weight = Number(cs.fontWeight);
        const style = cs.fontStyle === 'normal' ? 'normal' : 'italic';
        const inFamily = [...document.fonts].filter((ff) => ff.family.replace(/["']/g, '') === family);
        const sameStyle = inFamily.filter((ff) => ff.style === style);
        const pool = sameStyle.length > 0 ? sameStyle : inFamily;
        const face = pool.sort((a, b) => Math.abs(Number(a.weight) - weight) - Math.abs(Number(b.weight) - weight))[0];
        if (!face) {
          faces[`${family} (no @font-face)`] = false;
          continue;
        }
        const bold = Number(face.weight) >= 600 ? 'Bold' : '';
        const italic = face.style === 'italic' ? 'Italic' : '';
        faces[`${family.slice('KaTeX_'.length)}-${bold + italic || 'Regular'}`] = face.status === 'loaded';
      }
    }
    const last = all.at(-1)?.getBoundingClientRect().top ?? 0;
    return { count: all.length, empty, lastScreen: last / innerHeight, faces };
  });
}

describe('every formula prints with its fonts', () => {
  test.each(WIDTHS.flatMap((w) => FORMULA_PAGES.map((p) => [w, p] as const)))('at %i px: %s', async (width, path) => {
    const page = await open(width, path);
    const facts = await printFormulas(page);
    expect(facts.count).toBe(dom(path).querySelectorAll('.katex-html').length);
    expectNone(facts.empty, `formulas with no glyph box in print on ${path}`);
    // The check reaches formulas that were never on screen before printing.
    if (path.startsWith('/calculators/')) expect(facts.lastScreen).toBeGreaterThan(1.5);
    expect(Object.keys(facts.faces)).toContain('Main-Regular');
    expect(Object.keys(facts.faces)).toContain('Math-Italic');
    const missing = Object.entries(facts.faces)
      .filter(([, loaded]) => !loaded)
      .map(([face]) => `${face} was not loaded when printing began`);
    expectNone(missing, `KaTeX faces missing from the printout of ${path}`);
    await page.close();
  });

  test.each(FORMULA_PAGES)('the PDF of %s embeds every KaTeX face its formulas use', async (path) => {
    // Faces the formulas use, read from a first load; the PDF comes from a second, untouched one,
    // since reading print layout may itself start the downloads.
    const probe = await open(1280, path);
    const used = Object.keys((await printFormulas(probe)).faces);
    await probe.close();
    const page = await open(1280, path);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    await page.close();
    const embedded = new Set([...pdf.matchAll(/\/BaseFont\s*\/[A-Z]{6}\+KaTeX_([A-Za-z0-9]+-[A-Za-z]+)/g)].map((m) => m[1]));
    expectNone(
      used.filter((f) => !embedded.has(f)),
      `KaTeX faces the PDF of ${path} lacks (formulas print as bare fraction bars)`,
    );
  });
});

// The fonts above are asked for by hidden probes once the page has painted (components/Formula.astro):
// earlier, on a slow phone, they competed with the page itself for the first screen.
describe('KaTeX fonts wait for the first paint', () => {
  const CALCULATORS = FORMULA_PAGES.filter((p) => p.startsWith('/calculators/'));
  const KATEX_FONT = /\/KaTeX_[^/]*\.woff2$/;

  test.each(WIDTHS.flatMap((w) => CALCULATORS.map((p) => [w, p] as const)))(
    'at %i px, %s asks for them only after it is marked painted',
    async (width, path) => {
      const page = await (await s.context({ viewport: { width, height: 844 } })).newPage();
      const got = await requestsAroundPaint(page, path, KATEX_FONT, (p) => p.evaluate(() => document.fonts.ready.then(() => undefined)));
      await page.close();
      expect(got.painted).toBe(true);
      expectSome(got.files, `KaTeX fonts fetched by ${path}`);
      expectNone(
        got.files.filter((f) => f.early).map((f) => f.name),
        `KaTeX fonts ${path} asked for before its first screen was marked painted`,
      );
    },
  );

  test.each(CALCULATORS)('without scripts, %s still asks for them as it loads (so a printout has them)', async (path) => {
    const page = await (await s.context({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })).newPage();
    const fonts: string[] = [];
    page.on('requestfinished', (r) => {
      if (KATEX_FONT.test(new URL(r.url()).pathname)) fonts.push(r.url());
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.close();
    expectSome(fonts, `KaTeX fonts fetched by ${path} without scripts`);
  });
});

/** Controls and lists that do nothing on paper, each found on at least one of the printed pages. */
const HIDDEN = {
  'the header (menu, search, theme)': '.site-header',
  'the "Hide names and karma" toggle': '[data-blind-toggle]',
  'collapse and expand all': '[data-fold-all]',
  'a comment fold button': '[data-fold]',
  'the comment bar': '.thread-nav',
  'a copy-link button': 'button[data-copy-link]',
  'a permalink "#"': '.anchor-tools',
  'the on-this-page contents': '.on-this-page',
  'the corner jump control': '.page-jump',
  'a search form': '[role="search"]',
  'a "Quoted in / Cited by" list': '.backlinks',
  'calculator presets': '.calc-presets',
  'a calculator slider': '.calc-slider',
  'a calculator button': '.calc button',
  'the copy-scenario and reset controls': '.calc-share',
  "a calculator's sticky result strip (phones)": '.calc-strip',
  'the preset status beside the presets': '.calc-scenario',
} as const;

/** For each selector in HIDDEN: how many elements match, and which of them still show in print. */
async function printedControls(page: Page): Promise<Record<string, { found: number; shown: string[] }>> {
  await page.emulateMedia({ media: 'print' });
  return page.evaluate((hidden) => {
    const out: Record<string, { found: number; shown: string[] }> = {};
    for (const [what, sel] of Object.entries(hidden)) {
      const els = [...document.querySelectorAll<HTMLElement>(sel)];
      const shown = els.filter((el) => {
        for (let e: HTMLElement | null = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return false;
        return true;
      });
      out[what] = { found: els.length, shown: shown.map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 40)}"`) };
    }
    return out;
  }, HIDDEN);
}

describe('controls and backlink lists do not print', () => {
  const PAGES = () => [
    ESSAY,
    THREAD,
    ...FORMULA_PAGES.filter((p) => p.startsWith('/calculators/')),
    '/',
    '/start/',
    ...pagePaths(/^\/arguments\/[^/]+\/$/).slice(0, 1),
    ...pagePaths(/^\/glossary\/[^/]+\/$/).slice(0, 1),
  ];

  test.each(WIDTHS)('at %i px', async (width) => {
    const found: Record<string, number> = {};
    const problems: string[] = [];
    for (const path of PAGES()) {
      const page = await open(width, path);
      for (const [what, r] of Object.entries(await printedControls(page))) {
        found[what] = (found[what] ?? 0) + r.found;
        problems.push(...r.shown.map((el) => `${path}: ${what} prints: ${el}`));
      }
      await page.close();
    }
    expectNone(
      Object.keys(HIDDEN).filter((what) => !found[what]),
      'controls found on none of the printed pages (the check would pass on nothing)',
    );
    expectNone(problems, `controls that print at ${width} px`);
  });

  test('a calculator prints its inputs as plain values, not as fields', async () => {
    const path = FORMULA_PAGES.find((p) => p.startsWith('/calculators/'))!;
    const page = await open(1280, path);
    await page.emulateMedia({ media: 'print' });
    const inputs = await page.$$eval('.calc-field input[type="text"]', (els) =>
      els.map((e) => {
        const cs = getComputedStyle(e);
        return { value: (e as HTMLInputElement).value, border: cs.borderTopWidth, shown: e.checkVisibility(), width: e.getBoundingClientRect().width };
      }),
    );
    await page.close();
    expectSome(inputs, `text inputs on ${path}`);
    for (const i of inputs) {
      expect(i.shown, i.value).toBe(true);
      expect(i.border, i.value).toBe('0px');
      expect(i.width, i.value).toBeGreaterThan(0);
    }
  });
});

test.each(WIDTHS)("at %i px a calculator's results print in full, not in a scroll box one page tall", async (width) => {
  const calculators = FORMULA_PAGES.filter((p) => p.startsWith('/calculators/'));
  for (const path of calculators) {
    const page = await open(width, path);
    await page.emulateMedia({ media: 'print' });
    const side = await page.$$eval('.calc-side', (els) =>
      els.map((e) => ({ shown: e.checkVisibility(), overflow: getComputedStyle(e).overflowY, clipped: e.scrollHeight > e.clientHeight + 1 })),
    );
    await page.close();
    expectSome(side, `results columns on ${path}`);
    for (const s of side) expect(s, path).toEqual({ shown: true, overflow: 'visible', clipped: false });
  }
});

describe('folded comments print in full', () => {
  test.each(WIDTHS)('at %i px, after "Collapse all"', async (width) => {
    const page = await open(width, THREAD);
    await page.click('[data-fold-all="collapse"]');
    await expect.poll(() => page.locator('.comment-node[data-collapsed]').count(), { timeout: 8_000 }).toBeGreaterThan(0);
    // A folded part keeps its box (hidden="until-found") but lays out nothing: no height.
    const onScreen = await page.$$eval('.comment-body', (els) => els.filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0).length);
    expect(onScreen).toBe(0);
    await page.emulateMedia({ media: 'print' });
    const facts = await page.evaluate(() => {
      const visible = (e: Element) => e.checkVisibility() && e.getBoundingClientRect().height > 0;
      const bodies = [...document.querySelectorAll('.comment-body')];
      const notes = [...document.querySelectorAll('.comment-foot details > :not(summary)')];
      return {
        bodies: bodies.length,
        hiddenBodies: bodies.filter((e) => !visible(e)).map((e) => e.closest('article')?.id ?? '?'),
        replies: [...document.querySelectorAll('.replies')].filter((e) => !visible(e)).map((e) => e.id),
        notes: notes.length,
        hiddenNotes: notes.filter((e) => !visible(e)).length,
        summaries: [...document.querySelectorAll('.fold-summary')].filter((e) => e.checkVisibility()).length,
      };
    });
    await page.close();
    expect(facts.bodies).toBe(dom(THREAD).querySelectorAll('.comment-body').length);
    expectNone(facts.hiddenBodies, 'folded comments whose text does not print');
    expectNone(facts.replies, 'folded reply lists that do not print');
    expect(facts.notes).toBeGreaterThan(0);
    expect(facts.hiddenNotes).toBe(0);
    // The one-line stand-in for a folded comment is not printed beside its full text.
    expect(facts.summaries).toBe(0);
  });
});

describe('page breaks', () => {
  test('long blocks may break across pages; headings stay with what follows', async () => {
    const styles: Record<string, { inside: string; after: string }> = {};
    for (const path of [ESSAY, THREAD]) {
      const page = await open(1280, path);
      await page.emulateMedia({ media: 'print' });
      const found = await page.evaluate(() => {
        const out: Record<string, { inside: string; after: string }> = {};
        for (const [name, sel] of Object.entries({
          comment: '.comment',
          body: '.comment-body',
          box: '.box',
          note: '.editorial-note',
          h2: 'main h2',
          head: '.comment-head',
        })) {
          const e = document.querySelector(sel);
          if (e) out[name] = { inside: getComputedStyle(e).breakInside, after: getComputedStyle(e).breakAfter };
        }
        return out;
      });
      Object.assign(styles, found);
      await page.close();
    }
    for (const long of ['comment', 'body', 'box', 'note']) expect(styles[long]?.inside, long).toBe('auto');
    for (const heading of ['h2', 'head']) expect(styles[heading]?.after, heading).toBe('avoid');
  });
});
