// Measuring where a quote link lands: follow the link as a reader would (a click), then find the
// quoted words on the page it opened and say how far they are from the top of the viewport. Used by
// tests/e2e/landing.test.ts, and by hand against an older build to compare before and after.
import type { Page } from 'playwright-core';

/** A link on our own pages whose text is a quotation: the words it promises to land on. */
export interface QuoteLink {
  /** Position among the page's quote links, to find it again after navigating back. */
  index: number;
  href: string;
  /** The link text without its quote marks. */
  words: string;
}

/** Where a followed quote link left the reader. */
export interface Landing {
  link: QuoteLink;
  /** The address after navigation (text directives included, as clicked). */
  url: string;
  /** Pixels from the viewport's top edge to the top of the quoted words (negative: above it). */
  top: number | null;
  bottom: number | null;
  viewport: number;
  /** Whether the words' box lies inside the viewport (and below a sticky header). */
  inView: boolean;
}

// Quote marks a quotation link opens and closes with, and the marks to ignore when matching.
const QUOTE_LINK = 'main a[href]';

/** The quote links of the open page, in document order: links whose whole text is in quote marks. */
export async function quoteLinks(page: Page): Promise<QuoteLink[]> {
  const found = await page.$$eval(QUOTE_LINK, (links) =>
    links.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').replace(/\s+/g, ' ').trim() })),
  );
  return found
    .filter((l) => /^["“‘]/.test(l.text) && /["”’]$/.test(l.text) && l.href.startsWith('/'))
    .map((l, index) => ({ index, href: l.href, words: l.text.replace(/^["“‘]+|["”’]+$/g, '') }));
}

/**
 * Finds the quoted words on the page and reports their box. The search runs inside the linked
 * element first (the words may also occur elsewhere), then in the whole main column; quote-mark
 * style, case and spacing are ignored, as the link text and the source may differ in them.
 */
function measureInPage(arg: { id: string; words: string }): { top: number; bottom: number; header: number } | null {
  const fold = (s: string) =>
    s
      .replace(/[“”„‟″]/g, '"')
      .replace(/[‘’‛′]/g, "'")
      .replace(/[‐‑‒–—―]/g, '-')
      .toLowerCase();
  const find = (scope: Element): Range | null => {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const nodes: { node: Text; from: number }[] = [];
    let flat = '';
    const map: { node: Text; offset: number }[] = [];
    let lastSpace = true;
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      nodes.push({ node, from: flat.length });
      const data = fold(node.data);
      for (let i = 0; i < data.length; i++) {
        const ch = data[i]!;
        if (/\s/.test(ch)) {
          if (lastSpace) continue;
          flat += ' ';
          lastSpace = true;
        } else {
          flat += ch;
          lastSpace = false;
        }
        map.push({ node, offset: i });
      }
    }
    const needle = fold(arg.words).replace(/\s+/g, ' ').trim();
    const at = flat.indexOf(needle);
    if (at < 0 || !needle) return null;
    const start = map[at]!;
    const end = map[at + needle.length - 1]!;
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset + 1);
    return range;
  };
  const target = arg.id ? document.getElementById(arg.id) : null;
  const range = (target && find(target)) ?? find(document.querySelector('main') ?? document.body);
  if (!range) return null;
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (!rects.length) return null;
  const header = document.querySelector('.site-header');
  const sticky = header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
  return { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)), header: Math.max(0, sticky) };
}

/** Follows one quote link from `from` with a click and measures where its words end up. */
export async function follow(page: Page, from: string, link: QuoteLink): Promise<Landing> {
  await page.goto(from);
  const a = page
    .locator(`main a[href="${link.href.replace(/["\\]/g, '\\$&')}"]`)
    .filter({ hasText: link.words.slice(0, 40) })
    .first();
  await a.scrollIntoViewIfNeeded();
  const target = new URL(link.href, page.url());
  await Promise.all([page.waitForURL((u) => u.pathname === target.pathname), a.click()]);
  await page.waitForLoadState('load');
  // Let the browser finish scrolling to the fragment (and our fallback highlight, if it runs).
  await page.waitForTimeout(400);
  const id = decodeURIComponent(new URL(link.href, 'http://x').hash.slice(1).split(':~:')[0] ?? '');
  const box = await page.evaluate(measureInPage, { id, words: link.words });
  const viewport = page.viewportSize()?.height ?? 0;
  const inView = box !== null && box.top >= box.header && (box.bottom <= viewport || box.bottom - box.top > viewport - box.header);
  return { link, url: page.url(), top: box ? Math.round(box.top) : null, bottom: box ? Math.round(box.bottom) : null, viewport, inView };
}
