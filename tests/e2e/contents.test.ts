import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { HTMLElement as ParsedElement } from 'node-html-parser';
import { axe, dom, expectNone, expectSome, sourcePaths, startSession, type Session } from './helpers.ts';

// "On this page" on the long source pages (components/OnThisPage.astro): a sticky column marking
// the passage being read on wide screens, a one-line Contents control at the top on phones, a
// corner control back to the contents and the top, and the closed attribution line. Pages are
// discovered from dist/: the essay, every thread, and every person page that has the contents.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

const essays = sourcePaths('essay');
const threads = sourcePaths('thread');
const profiles = sourcePaths('person').filter((p) => dom(p).querySelector('#on-this-page'));
const longPages = [...essays, ...threads, ...profiles];

/** The entries of a contents list as [depth, href] in document order. */
function entriesOf(list: ParsedElement, depth = 0): [number, string][] {
  return list.querySelectorAll(':scope > li').flatMap((li) => {
    const a = li.querySelector(':scope > a[data-contents-entry]');
    const nested = li.querySelector(':scope > ol');
    return [[depth, a?.getAttribute('href') ?? '?'] as [number, string], ...(nested ? entriesOf(nested, depth + 1) : [])];
  });
}

/** The top-level contents list of a built page. */
function contentsList(path: string): ParsedElement {
  const list = dom(path).querySelector('#on-this-page-list > ol');
  if (!list) throw new Error(`${path}: no contents list`);
  return list;
}

describe('contents in the built pages', () => {
  test('the essay, every thread and the profile page have a contents list', () => {
    expectSome(essays, 'essay pages');
    expectSome(threads, 'thread pages');
    expectSome(profiles, 'person pages with a profile export and contents');
    for (const path of longPages) expect(dom(path).querySelectorAll('#on-this-page [data-contents-entry]').length, path).toBeGreaterThan(0);
    // Other pages keep the plain layout, person pages without a profile export included.
    const plain = ['/', '/about/', ...sourcePaths('person').filter((p) => !dom(p).querySelector('[id^="profile-"]'))];
    expect(plain.length).toBeGreaterThan(2);
    for (const path of plain) expect(dom(path).querySelector('#on-this-page, .page-jump'), path).toBeNull();
    expect(profiles).toEqual(sourcePaths('person').filter((p) => dom(p).querySelector('[id^="profile-"]')));
  });

  test('essay contents nest each heading under its section, one list per level, so numbering restarts', () => {
    for (const path of essays) {
      const root = dom(path);
      const headings = root.querySelectorAll('section.essay-section > :is(h2, h3, h4), section.essay-section > .heading-row > :is(h2, h3, h4)');
      expectSome(headings, `${path} headings`);
      const want = headings.map((h): [number, string] => [Number(h.tagName.slice(1)) - 2, `#${h.id}`]);
      expect(entriesOf(contentsList(path))).toEqual(want);
      // Sub-sections exist, and none sits in the top-level list (the old list numbered them 8, 9 under 7).
      expect(want.some(([d]) => d > 0)).toBe(true);
      expect(contentsList(path).querySelectorAll(':scope > li').length).toBe(headings.filter((h) => h.tagName === 'H2').length);
    }
  });

  test('thread contents list every top-level comment, linked, with its author and reply count', () => {
    for (const path of threads) {
      const root = dom(path);
      const tops = root.querySelectorAll('ol.comment-list > li.comment-node');
      expectSome(tops, `${path} top-level comments`);
      const items = contentsList(path).querySelectorAll(':scope > li');
      expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(tops.map((li) => `#${li.querySelector('article')?.id ?? '?'}`));
      items.forEach((li, i) => {
        const replies = tops[i]!.querySelectorAll('article.comment').length - 1;
        const small = li.querySelector('.otp-replies')?.text ?? '';
        expect(small, `${path} entry ${i + 1}`).toBe(replies === 0 ? '' : `${replies} ${replies === 1 ? 'reply' : 'replies'}`);
        expect(li.querySelector('.otp-author')?.text.trim(), `${path} entry ${i + 1} names its author`).toBeTruthy();
        expect(li.querySelector('.otp-words')?.text.trim(), `${path} entry ${i + 1} shows first words`).toBeTruthy();
      });
      expect(root.text).not.toContain('Conversations in this thread');
    }
  });

  test('contents and our summary come before the attribution box, which is closed to one line', () => {
    const problems: string[] = [];
    for (const path of longPages) {
      const html = dom(path).outerHTML;
      const at = (marker: string) => html.indexOf(marker);
      const contents = at('id="on-this-page"');
      const summary = at('class="box our-summary"');
      const attribution = at('class="box attribution"');
      if (contents < 0 || attribution < 0) problems.push(`${path}: contents or attribution missing`);
      else if (contents > attribution) problems.push(`${path}: contents after the attribution box`);
      if (summary >= 0 && (summary < contents || summary > attribution)) problems.push(`${path}: summary not between contents and attribution`);
      for (const box of dom(path).querySelectorAll('.attribution')) {
        const details = box.querySelector(':scope > details');
        if (!details || details.hasAttribute('open')) problems.push(`${path}: attribution box is not a closed disclosure`);
        const line = details?.querySelector('summary')?.text ?? '';
        if (!/^Source: \S/.test(line) || !/licence|CC BY/.test(line))
          problems.push(`${path}: closed attribution line "${line}" does not name source and licence`);
      }
    }
    expectNone(problems, 'pages with the boxes in the wrong order or shape');
  });
});

/** Scrolls to `y` and waits for the contents script's frame. */
async function scrollTo(page: Page, y: number): Promise<void> {
  await page.evaluate((to) => window.scrollTo(0, to), y);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** What the contents column shows and marks, read in the page. */
function columnState(page: Page) {
  return page.evaluate(() => {
    const nav = document.querySelector<HTMLElement>('#on-this-page');
    const list = document.querySelector<HTMLElement>('#on-this-page-list');
    const marked = [...document.querySelectorAll<HTMLAnchorElement>('#on-this-page [aria-current="true"]')];
    const r = list?.getBoundingClientRect();
    const reading = innerHeight * 0.3;
    const entries = [...document.querySelectorAll<HTMLAnchorElement>('#on-this-page [data-contents-entry]')];
    const tops = entries.map((a) => document.getElementById(a.hash.slice(1))?.getBoundingClientRect().top ?? Number.NaN);
    // The entry being read: the last whose passage has reached the reading line.
    const expected = tops.reduce((last, top, i) => (top <= reading ? i : last), -1);
    return {
      visible: !!nav && !!r && nav.checkVisibility() && r.top >= 0 && r.top < innerHeight && r.height > 100,
      textLeft: document.querySelector('.page-text')?.getBoundingClientRect().left ?? 0,
      navRight: nav?.getBoundingClientRect().right ?? 0,
      marked: marked.map((a) => a.hash),
      expected: entries[expected]?.hash ?? null,
      markedStyle: marked[0] ? getComputedStyle(marked[0]).backgroundColor : '',
      plainStyle: entries.find((a) => !a.hasAttribute('aria-current'))
        ? getComputedStyle(entries.find((a) => !a.hasAttribute('aria-current'))!).backgroundColor
        : '',
    };
  });
}

describe('on a 1280 px screen', () => {
  test('the contents column stays in view beside the text halfway down, marking the passage being read', async () => {
    const ctx = await s.context({ viewport: DESKTOP });
    const page = await ctx.newPage();
    for (const path of [...essays, ...threads]) {
      await page.goto(path);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await scrollTo(page, height / 2);
      await expect.poll(async () => (await columnState(page)).marked.length, { message: `${path}: an entry is marked` }).toBe(1);
      const state = await columnState(page);
      expect(state.visible, `${path}: contents column visible halfway down`).toBe(true);
      expect(state.navRight, `${path}: column beside, not over, the text`).toBeLessThanOrEqual(state.textLeft);
      expect(state.marked).toEqual([state.expected]);
      expect(state.markedStyle, `${path}: the marked entry looks different`).not.toBe(state.plainStyle);
      // Following an entry lands on its passage and moves the mark there.
      const link = page.locator('#on-this-page [data-contents-entry]').nth(1);
      const hash = await link.evaluate((a: HTMLAnchorElement) => a.hash);
      await link.click();
      await expect.poll(async () => (await columnState(page)).marked, { message: `${path}: mark follows the clicked entry` }).toEqual([hash]);
      // The column's own "Back to top" goes to the top; the corner control is not shown here.
      expect(await page.locator('.page-jump').isVisible()).toBe(false);
      await page.locator('#on-this-page .otp-top a').click();
      await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
    }
    await ctx.close();
  }, 60_000);

  test('the text column is where it is on other pages, and the footer lines up with it', async () => {
    const ctx = await s.context({ viewport: DESKTOP });
    const page = await ctx.newPage();
    const left = async (path: string) => {
      await page.goto(path);
      return page.evaluate(() => ({
        h1: Math.round(document.querySelector('main h1')?.getBoundingClientRect().left ?? -1),
        footer: Math.round(document.querySelector('.site-footer .bar > ul')?.getBoundingClientRect().left ?? -2),
      }));
    };
    const about = await left('/about/');
    expect(about.footer).toBe(about.h1);
    for (const path of longPages) expect(await left(path), path).toEqual(about);
    await ctx.close();
  });
});

describe('on a 390 px phone', () => {
  test('the contents is a closed one-line control at the top that opens, before the summary and licence', async () => {
    const ctx = await s.context({ viewport: PHONE });
    const page = await ctx.newPage();
    for (const path of longPages) {
      await page.goto(path);
      const summary = page.locator('#on-this-page summary');
      const box = await summary.boundingBox();
      expect(box, `${path}: contents control`).not.toBeNull();
      expect(box!.y + box!.height, `${path}: control within the first screen`).toBeLessThan(PHONE.height);
      const closed = await page.locator('#on-this-page').boundingBox();
      expect(closed!.height, `${path}: closed control is one line`).toBeLessThan(60);
      expect(await page.locator('#on-this-page-list').isVisible()).toBe(false);
      const order = await page.evaluate(() =>
        ['#on-this-page', '.our-summary', '.attribution'].map((sel) => document.querySelector(sel)?.getBoundingClientRect().top ?? null),
      );
      const [contents, ours, licence] = order;
      expect(contents).not.toBeNull();
      if (ours !== null) expect(contents!).toBeLessThan(ours!);
      expect(contents!).toBeLessThan(licence!);
      expect((await page.locator('.attribution').boundingBox())!.height, `${path}: attribution closed`).toBeLessThan(120);
      await summary.click();
      await expect.poll(() => page.locator('#on-this-page-list').isVisible()).toBe(true);
      expect(await page.locator('#on-this-page [data-contents-entry]').first().isVisible()).toBe(true);
    }
    await ctx.close();
  }, 60_000);

  test('the corner control reaches the contents and the top, by pointer and keyboard, and covers no text at the end', async () => {
    const ctx = await s.context({ viewport: PHONE });
    const page = await ctx.newPage();
    for (const path of [...essays, ...threads]) {
      await page.goto(path);
      const contents = page.getByRole('link', { name: 'Contents', exact: true });
      const top = page.getByRole('link', { name: 'Back to top', exact: true });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await scrollTo(page, height / 2);
      // Reading on (scrolling down) tucks it away; scrolling back up brings it back.
      await scrollTo(page, height / 2 + 400);
      await expect.poll(() => page.evaluate(() => document.querySelector('.page-jump')?.classList.contains('page-jump-away'))).toBe(true);
      await scrollTo(page, height / 2 + 200);
      await expect.poll(async () => (await contents.boundingBox())?.y ?? -1).toBeLessThan(PHONE.height);
      await contents.click();
      await expect.poll(() => page.locator('#on-this-page-list').isVisible(), { message: `${path}: Contents opens the list` }).toBe(true);
      const list = await page.locator('#on-this-page-list').boundingBox();
      expect(list!.y, `${path}: the list is in view`).toBeGreaterThanOrEqual(0);
      expect(list!.y).toBeLessThan(PHONE.height / 2);
      // Keyboard: focus shows the control even while tucked away, and Enter follows it.
      await scrollTo(page, height / 2);
      await scrollTo(page, height / 2 + 400);
      await top.focus();
      const focused = await top.boundingBox();
      expect(focused!.y + focused!.height, `${path}: focused control in view`).toBeLessThanOrEqual(PHONE.height);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
      // At the very end, the control (shown again by focus, as after scrolling up) sits in the
      // footer's spare room: no line of text under it.
      await scrollTo(page, await page.evaluate(() => document.documentElement.scrollHeight));
      await top.focus();
      const overlap = await page.evaluate(() => {
        const jump = document.querySelector('.page-jump')?.getBoundingClientRect();
        if (!jump || jump.height === 0 || jump.bottom > innerHeight) return ['the control is not in view'];
        const range = document.createRange();
        const lines = [...document.querySelectorAll('main, .site-footer')].flatMap((root) => {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const out: string[] = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            // Text inside a closed <details> (a folded backlink list) is not drawn, though Chromium
            // still reports where it would be.
            if (!n.textContent?.trim() || n.parentElement?.closest('.page-jump, .visually-hidden, details:not([open]) > :not(summary)')) continue;
            range.selectNodeContents(n);
            for (const r of range.getClientRects())
              if (r.bottom > jump.top && r.top < jump.bottom && r.right > jump.left && r.left < jump.right) out.push(n.textContent.trim().slice(0, 40));
          }
          return out;
        });
        return lines;
      });
      expect(overlap, `${path}: text under the corner control at the end of the page`).toEqual([]);
    }
    await ctx.close();
  }, 90_000);

  test('home statistics never start a line with a separator', async () => {
    const ctx = await s.context({ viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto('/');
    const rows = await page.evaluate(() => {
      const items = [...document.querySelectorAll('.home-stats > li')];
      const left = document.querySelector('.home-stats')?.getBoundingClientRect().left ?? 0;
      return items.map((li) => ({
        text: li.textContent ?? '',
        left: li.getBoundingClientRect().left - left,
        top: li.getBoundingClientRect().top,
        before: getComputedStyle(li, '::before').content,
      }));
    });
    expectSome(rows, 'home statistics');
    // Each item starting a row starts at the list's edge, with nothing (no "·") drawn before it.
    const starts = rows.filter((r, i) => i === 0 || r.top > rows[i - 1]!.top);
    expect(starts.length, 'the statistics wrap at 390 px, so the check means something').toBeGreaterThan(1);
    for (const r of starts) expect([r.text, Math.round(r.left), r.before]).toEqual([r.text, 0, 'none']);
    await ctx.close();
  });
});

// tests/e2e/browser.test.ts runs axe on every page at desktop width, where the contents column is
// shown open; here the phone layout, with the contents control and the attribution box opened.
describe('accessibility of the contents', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations on a phone with the contents and attribution open, ${scheme} theme`, async () => {
      const problems: string[] = [];
      for (const viewport of [PHONE]) {
        const ctx = await s.context({ viewport, colorScheme: scheme });
        await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
        const page = await ctx.newPage();
        for (const path of longPages) {
          await page.goto(path);
          await page.evaluate(() => document.querySelectorAll('#on-this-page details, .attribution details').forEach((d) => d.setAttribute('open', '')));
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await scrollTo(page, height / 2);
          await scrollTo(page, height / 2 - 100);
          for (const v of await axe(page)) problems.push(`${path} ${viewport.width}px [${scheme}] ${v}`);
        }
        await ctx.close();
      }
      expectNone(problems, `accessibility problems in the ${scheme} theme`);
    }, 120_000);
  }
});
