import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NodeType, type HTMLElement as ParsedElement, type Node as ParsedNode } from 'node-html-parser';
import { CHROMIUM, CHROMIUM_ARGS, axe, dom, expectNone, expectSome, pagePaths, sourcePaths, startSession, type Session } from './helpers.ts';
import { follow, quoteLinks, type Landing } from './quote-landing.ts';
import { parseFragment } from '../../src/lib/links/fragment.ts';
import { findTextDirective, indexText } from '../../src/lib/links/text-match.ts';

// Quote links land on the quoted words: built-site checks that every text fragment the site
// publishes picks out words inside the element it names, and browser checks (Debian Chromium,
// phone and desktop sizes) that following the quote links of the tour and the home page leaves the
// words on screen, with the site's own highlight where a browser has no text fragments. Also the
// preview card of a quote link, and the "Copy link to selected text" button.

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/** Polls give a feature's module (loaded on first use) and its data time to arrive. */
const WAIT = { timeout: 5_000 };

const SIZES = [
  { label: 'phone', width: 390, height: 844 },
  { label: 'desktop', width: 1280, height: 900 },
] as const;

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'BUTTON']);

/**
 * A built page's text as a browser's find-in-page reads it (blocks on their own lines, whitespace
 * collapsed), and where the element with `id` lies in it. The same flattening as src/scripts/dom-text.ts.
 */
function flatPage(path: string, id: string | null): { text: string; element: { start: number; end: number } | null } {
  let text = '';
  let gap = '';
  let element: { start: number; end: number } | null = null;
  // An essay heading's passage is its whole section, as the site's own links and backlinks treat it.
  const named = id ? dom(path).getElementById(id) : null;
  const scope = named && /^H[2-4]$/.test(named.tagName) ? (named.closest('section') ?? named) : named;
  const visit = (node: ParsedNode): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === NodeType.TEXT_NODE) {
        for (const ch of child.text) {
          if (/\s/.test(ch)) {
            if (gap === '') gap = ' ';
            continue;
          }
          if (gap && text) text += gap;
          gap = '';
          text += ch;
        }
      } else if (child.nodeType === NodeType.ELEMENT_NODE) {
        const el = child as ParsedElement;
        const hidden = el.getAttribute('hidden');
        if (SKIP.has(el.tagName) || (hidden !== undefined && hidden !== 'until-found')) continue;
        const block = BLOCK.has(el.tagName);
        if (block) gap = '\n';
        const start = text.length;
        visit(el);
        if (scope && el === scope) element = { start, end: text.length };
        if (block) gap = '\n';
      }
    }
  };
  visit(dom(path).querySelector('body') ?? dom(path));
  return { text, element };
}

/** Every link on a built page whose address carries a text directive. */
function directiveLinks(path: string): string[] {
  return dom(path)
    .querySelectorAll('main a[href*=":~:text="]')
    .map((a) => a.getAttribute('href') ?? '');
}

describe('text fragments the site publishes', () => {
  const paths = pagePaths(/^\/(?!pagefind\/|_astro\/).*\/$/);

  test('every quotation on the tour and the home page links to its words', () => {
    for (const path of ['/start/', '/']) {
      const quotes = dom(path)
        .querySelectorAll('main a[href*="#"]')
        .filter((a) => /^\s*[“"].+[”"]\s*$/s.test(a.text));
      expectSome(quotes, `quotation links on ${path}`);
      expectNone(
        quotes.filter((a) => !(a.getAttribute('href') ?? '').includes(':~:text=')).map((a) => `${path}: ${a.text.trim()} → ${a.getAttribute('href')}`),
        'quotation links without a text fragment',
      );
    }
  });

  test('every text fragment lands on words inside the element it names, not on an earlier copy', () => {
    const links = paths.flatMap((from) => directiveLinks(from).map((href) => ({ from, href })));
    expectSome(links, 'links with a text fragment');
    const problems: string[] = [];
    for (const { from, href } of links) {
      const url = new URL(href, 'http://site.test');
      const { id, directives } = parseFragment(url.hash);
      const [d] = directives;
      if (!d) {
        problems.push(`${from}: ${href}: the directive does not parse`);
        continue;
      }
      const target = flatPage(url.pathname, id);
      if (id && !target.element) {
        problems.push(`${from}: ${href}: no element #${id} on ${url.pathname}`);
        continue;
      }
      const hit = findTextDirective(indexText(target.text), d);
      const inside = hit && (!target.element || (hit.start >= target.element.start && hit.end <= target.element.end));
      if (!inside) {
        const where = hit ? `lands on “${target.text.slice(hit.start, hit.end).slice(0, 60)}” outside #${id}` : 'matches nothing';
        problems.push(`${from}: ${href}: ${where}`);
      }
    }
    expectNone(problems, 'text fragments that miss their words');
  });
});

/** Formats landings as a table for the test log (the issue asks for these distances). */
function table(rows: readonly Landing[], label: string): string {
  return [
    `${label}: px from viewport top to the quoted words after following the link`,
    ...rows.map((r) => `  ${String(r.top).padStart(6)}  ${r.inView ? 'in view ' : 'OFF     '} ${r.link.words.slice(0, 60)}`),
  ].join('\n');
}

describe('following a quote link', () => {
  for (const size of SIZES) {
    test(`on a ${size.label} (${size.width}×${size.height}), every quote link of the tour and the home page lands with its words on screen`, async () => {
      const ctx = await s.context({ viewport: { width: size.width, height: size.height } });
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const from of ['/start/', '/']) {
        await page.goto(from);
        const links = await quoteLinks(page);
        expectSome(links, `quote links on ${from}`);
        const rows: Landing[] = [];
        for (const link of links) rows.push(await follow(page, from, link));
        console.log(table(rows, `${from} at ${size.width}×${size.height}`));
        for (const r of rows)
          if (!r.inView) problems.push(`${from} → ${r.link.href}: the words are at ${r.top ?? 'nowhere'} px in a ${r.viewport} px viewport`);
      }
      await ctx.close();
      expectNone(problems, 'quote links that leave their words off screen');
    }, 180_000);
  }

  test('a quote link to an earlier comment on the same page scrolls to the quoted words', async () => {
    const path = sourcePaths('thread').find((p) => directiveLinks(p).some((h) => h.startsWith(p)));
    expect(path, 'a thread page quoting one of its own comments').toBeDefined();
    const href = directiveLinks(path!).find((h) => h.startsWith(path!))!;
    const ctx = await s.context({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(path!);
    const a = page.locator(`main a[href="${href}"]`).first();
    await a.scrollIntoViewIfNeeded();
    await a.click();
    await page.waitForTimeout(400);
    const { id, directives } = parseFragment(new URL(href, 'http://x').hash);
    const top = await page.evaluate(
      ({ id, start }) => {
        const el = document.getElementById(id ?? '');
        const walker = document.createTreeWalker(el ?? document.body, NodeFilter.SHOW_TEXT);
        const needle = start.slice(0, 12).toLowerCase();
        while (walker.nextNode()) {
          const t = walker.currentNode as Text;
          const at = t.data.toLowerCase().indexOf(needle);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(t, at);
          r.setEnd(t, at + needle.length);
          return r.getBoundingClientRect().top;
        }
        return null;
      },
      { id, start: directives[0]?.start ?? '' },
    );
    await ctx.close();
    expect(top, `the words of ${href} on screen`).not.toBeNull();
    expect(top!).toBeGreaterThanOrEqual(0);
    expect(top!).toBeLessThan(844);
  });
});

describe('where the browser has no text fragments', () => {
  // Chromium with text fragments switched off stands in for a browser that lacks them.
  let plain: Browser;
  beforeAll(async () => {
    plain = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-blink-features=TextFragmentIdentifiers'] });
  });
  afterAll(async () => {
    await plain?.close();
  });
  const tourLink = () => directiveLinks('/start/').find((h) => h.includes('#c-')) ?? '';

  /** Opens `href` with the target comment's text folded away as `fold` says, before the page script runs. */
  async function land(href: string, fold: 'none' | 'until-found' | 'details'): Promise<{ page: Page; errors: string[] }> {
    const ctx = await plain.newContext({ baseURL: s.served.url, viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const id = parseFragment(new URL(href, 'http://x').hash).id ?? '';
    await page.addInitScript(
      ({ id, fold }) => {
        document.addEventListener('readystatechange', () => {
          const body = document.readyState === 'interactive' ? document.getElementById(id)?.querySelector('.comment-body') : null;
          if (!body) return;
          if (fold === 'until-found') body.setAttribute('hidden', 'until-found');
          if (fold === 'details') {
            const details = document.createElement('details');
            details.innerHTML = '<summary>Folded comment</summary>';
            body.replaceWith(details);
            details.append(body);
          }
        });
      },
      { id, fold },
    );
    await page.goto(href);
    return { page, errors };
  }

  test('the browser really has none (so the checks below test the fallback)', async () => {
    const { page } = await land('/start/', 'none');
    expect(await page.evaluate(() => 'fragmentDirective' in document)).toBe(false);
    await page.context().close();
  });

  for (const fold of ['none', 'until-found', 'details'] as const) {
    test(`the site marks the quoted words, reveals them (${fold === 'none' ? 'nothing folded' : fold}) and scrolls them on screen`, async () => {
      const href = tourLink();
      expect(href, 'a tour link into a comment with a text fragment').not.toBe('');
      const { page, errors } = await land(href, fold);
      const mark = page.locator('mark.quote-hit').first();
      await expect.poll(() => mark.count(), WAIT).toBeGreaterThan(0);
      const words = (await page.locator('mark.quote-hit').allTextContents()).join(' ');
      const start = parseFragment(new URL(href, 'http://x').hash).directives[0]?.start ?? '';
      expect(words.toLowerCase()).toContain(start.toLowerCase().split(' ')[0]);
      await expect.poll(() => mark.isVisible(), WAIT).toBe(true);
      const box = await mark.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
      if (fold === 'details') expect(await page.locator('details:has(mark.quote-hit)').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      if (fold === 'until-found') expect(await page.locator('[hidden]:has(mark.quote-hit)').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('a malformed fragment', () => {
  test('together with ?highlight= throws nothing and the search terms are still marked', async () => {
    const thread = sourcePaths('thread')[0] ?? '';
    expect(thread).not.toBe('');
    const ctx = await s.context();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${thread}?highlight=model#%E0%A4%A`);
    await expect.poll(() => page.locator('mark.search-hit').count(), WAIT).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('the preview of a quote link', () => {
  /** The tour's shortest quote link into a comment (one line, so pointing at its middle hits it). */
  const href =
    dom('/start/')
      .querySelectorAll('main a[href*=":~:text="][href*="#c-"]')
      .sort((a, b) => a.text.length - b.text.length)[0]
      ?.getAttribute('href') ?? '';
  const quoteLink = (page: Page) => page.locator(`main a[href="${href}"]`).first();

  test('shows the quoted words marked in their sentence, with Open and Close', async () => {
    const ctx = await s.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto('/start/');
    const link = quoteLink(page);
    const words = ((await link.textContent()) ?? '').replace(/^\s*[“"]|[”"]\s*$/g, '');
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const card = page.locator('.link-preview');
    await expect.poll(() => card.isVisible(), WAIT).toBe(true);
    const marked = page.locator('.link-preview mark.link-preview-quote');
    await expect.poll(() => marked.count(), WAIT).toBe(1);
    expect((await marked.textContent())?.toLowerCase()).toBe(words.toLowerCase());
    // Context: the card shows more than the quoted words themselves.
    expect(((await page.locator('.link-preview-text').textContent()) ?? '').length).toBeGreaterThan(words.length + 10);
    expect(await page.locator('.link-preview-open').getAttribute('href')).toBe(await link.evaluate((a) => (a as HTMLAnchorElement).href));
    await page.locator('.link-preview-close').click();
    await expect.poll(() => card.isVisible(), WAIT).toBe(false);
    await ctx.close();
  });

  test('keyboard: Tab from the link enters the card, Tab past Close moves on, Enter on Open follows', async () => {
    const ctx = await s.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto('/start/');
    const link = quoteLink(page);
    await link.focus();
    await expect.poll(() => page.locator('.link-preview').isVisible(), WAIT).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('link-preview-open');
    await page.keyboard.press('Shift+Tab');
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('link-preview-close');
    await page.keyboard.press('Tab');
    // The card let go of the quote link (it may now preview the next link, which has focus).
    await expect.poll(() => link.getAttribute('aria-describedby'), WAIT).toBe(null);
    // Focus moved to whatever follows the quote link, not back to the top or into the card.
    const next = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? document.activeElement?.tagName);
    const expected = await link.evaluate((a) => {
      const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, summary')].filter(
        (x) => !x.closest('.link-preview') && x.getClientRects().length > 0,
      );
      const n = all[all.indexOf(a as HTMLElement) + 1];
      return n?.getAttribute('href') ?? n?.tagName;
    });
    expect(next).toBe(expected);
    await link.focus();
    await page.keyboard.press('Tab');
    const target = await link.getAttribute('href');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe(new URL(target!, 'http://x').pathname);
    await ctx.close();
  });

  test('touch: the first tap shows the card with Open; tapping Open follows the link', async () => {
    const ctx = await s.context({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto('/start/');
    const link = quoteLink(page);
    const target = new URL((await link.getAttribute('href'))!, 'http://x').pathname;
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    const open = page.locator('.link-preview-open');
    await expect.poll(() => open.isVisible(), WAIT).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/start/');
    const close = page.locator('.link-preview-close');
    expect(await close.isVisible()).toBe(true);
    const box = (await open.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await open.tap();
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe(target);
    await ctx.close();
  });

  test('a comment preview keeps a space between paragraphs', async () => {
    // A reply link to a comment whose first paragraph is short, so the card shows where it ends.
    const pick = sourcePaths('thread').flatMap((path) =>
      dom(path)
        .querySelectorAll('.comment-context a[href^="#c-"]')
        .map((a) => ({ path, id: (a.getAttribute('href') ?? '').slice(1) }))
        .filter(({ id }) => {
          const ps = dom(path).getElementById(id)?.querySelectorAll('.comment-body > p') ?? [];
          return ps.length >= 2 && (ps[0]?.text.trim().length ?? 999) < 200 && !dom(path).getElementById(id)?.querySelector('.comment-body > blockquote');
        }),
    )[0];
    expect(pick, 'a reply link to a comment with a short first paragraph').toBeDefined();
    const ctx = await s.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(pick!.path);
    const [first, second] = await page.evaluate(
      (id) => [...document.querySelectorAll(`[id="${id}"] .comment-body > p`)].slice(0, 2).map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim()),
      pick!.id,
    );
    await page.locator(`.comment-context a[href="#${pick!.id}"]`).first().focus();
    await expect.poll(() => page.locator('.link-preview').isVisible(), WAIT).toBe(true);
    const text = (await page.locator('.link-preview-text').textContent()) ?? '';
    const joint = `${first!.split(' ').pop()} ${second!.split(' ')[0]}`;
    expect(text).toContain(joint);
    await ctx.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations with a quote preview open (${scheme})`, async () => {
      const ctx = await s.context({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const page = await ctx.newPage();
      await page.goto('/start/');
      await quoteLink(page).focus();
      await expect.poll(() => page.locator('.link-preview mark.link-preview-quote').isVisible(), WAIT).toBe(true);
      expectNone(await axe(page), `accessibility problems on /start/ with a quote preview open (${scheme})`);
      await ctx.close();
    });
  }
});

describe('copy link to selected text', () => {
  for (const size of SIZES) {
    test(`on a ${size.label}, selecting words shows the button beside them, and its link lands on them`, async () => {
      const touch = size.label === 'phone';
      const ctx = await s.context({
        viewport: { width: size.width, height: size.height },
        hasTouch: touch,
        isMobile: touch,
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      const page = await ctx.newPage();
      const long = (p: string) =>
        dom(p)
          .querySelectorAll('article.comment .comment-body > p')
          .some((x) => (x.firstChild?.textContent ?? '').split(' ').length > 45);
      const thread = sourcePaths('thread').find(long) ?? '';
      await page.goto(thread);
      // Select four words well inside a long comment paragraph, past what contents lists repeat.
      const selected = await page.evaluate(() => {
        const p = [...document.querySelectorAll('article.comment .comment-body > p')].find((x) => (x.firstChild?.textContent ?? '').split(' ').length > 45)!;
        p.scrollIntoView({ block: 'center' });
        const text = p.firstChild as Text;
        const words = [...text.data.matchAll(/\S+/g)];
        const from = words[30]!;
        const to = words[33]!;
        const range = document.createRange();
        range.setStart(text, from.index);
        range.setEnd(text, to.index + to[0].length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        const r = range.getBoundingClientRect();
        return { text: range.toString(), top: r.top, bottom: r.bottom };
      });
      const button = page.locator('.selection-link');
      await expect.poll(() => button.isVisible(), WAIT).toBe(true);
      const box = (await button.boundingBox())!;
      // Beside the words: just above them, or (on touch, clear of the selection handles) just below.
      const gapAbove = selected.top - (box.y + box.height);
      const gapBelow = box.y - selected.bottom;
      expect(touch ? gapBelow : gapAbove).toBeGreaterThanOrEqual(0);
      expect(touch ? gapBelow : gapAbove).toBeLessThan(48);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      if (touch) await button.tap();
      else await button.click();
      let copied = '';
      await expect.poll(async () => (copied = await page.evaluate(() => navigator.clipboard.readText())), WAIT).toContain(':~:text=');
      const landing = await ctx.newPage();
      await landing.goto(copied);
      await landing.waitForTimeout(400);
      const top = await landing.evaluate((words) => {
        const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) => (n.parentElement?.matches('.comment-body > p') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
        });
        while (walker.nextNode()) {
          const t = walker.currentNode as Text;
          const at = t.data.indexOf(words);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(t, at);
          r.setEnd(t, at + words.length);
          return r.getBoundingClientRect().top;
        }
        return null;
      }, selected.text);
      expect(top).not.toBeNull();
      expect(top!).toBeGreaterThanOrEqual(0);
      expect(top!).toBeLessThan(size.height);
      await ctx.close();
    });
  }
});
