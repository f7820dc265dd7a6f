import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, startSession, type Session } from './helpers.ts';

// The header and search at the widths readers use, in Chromium: a one-row header with a working
// menu, a search panel that stays on screen, /search/ with its first result in the first screen
// of a phone, the "/" hint only where there is a keyboard, unknown words answered the same way
// typed or loaded from a URL, and axe clean with the menu and panel open in both themes.
const ESSAY = '/essays/deceptive-alignment-is-less-than-1-likely-by-default/';
const WIDTHS = [320, 360, 390, 600, 768, 900, 1024, 1280, 1440];

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/** A page at a given width (and 800 px high unless said), light theme unless said. */
async function pageAt(width: number, options: { height?: number; dark?: boolean; touch?: boolean } = {}): Promise<Page> {
  const ctx = await s.context({
    viewport: { width, height: options.height ?? 800 },
    colorScheme: options.dark ? 'dark' : 'light',
    hasTouch: options.touch ?? false,
    isMobile: options.touch ?? false,
  });
  return ctx.newPage();
}

/** Opens the header search as a reader would at this width: its button on a phone, else a click in the box. */
async function openHeaderSearch(p: Page): Promise<void> {
  const button = p.locator('[data-search-toggle]');
  if (await button.isVisible()) await button.click();
  else await p.locator('#site-search-input').click();
  await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
  // Its keys are wired once the search code has loaded (on focus): the box then is a combobox.
  await expect.poll(() => p.locator('#site-search-input').getAttribute('role')).toBe('combobox');
}

/** Boxes of the header bar's visible children, and the bar's own box. */
async function headerRow(p: Page): Promise<{ bar: { top: number; bottom: number }; items: { name: string; top: number; bottom: number }[] }> {
  return p.evaluate(() => {
    const bar = document.querySelector('.site-header .bar')!.getBoundingClientRect();
    const items = [...document.querySelectorAll<HTMLElement>('.site-header .bar > *, .site-header .site-menu > *')]
      .filter((e) => e.offsetParent !== null && getComputedStyle(e).display !== 'contents' && !e.closest('.site-menu.open'))
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { name: e.className || e.tagName, top: r.top, bottom: r.bottom };
      });
    return { bar: { top: bar.top, bottom: bar.bottom }, items };
  });
}

describe('header', () => {
  test.each(WIDTHS)('at %i px it is one row, and the search panel lies inside the viewport', async (width) => {
    const p = await pageAt(width);
    await p.goto(ESSAY);
    const { bar, items } = await headerRow(p);
    expect(items.length).toBeGreaterThanOrEqual(2);
    // One row: every visible item overlaps the row through the middle of the first (the site name).
    const middle = (items[0]!.top + items[0]!.bottom) / 2;
    for (const item of items) expect(item.top <= middle && item.bottom >= middle, `${item.name} sits in the one row`).toBe(true);
    expect(bar.bottom - bar.top).toBeLessThanOrEqual(72);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scroll').toBe(true);
    await openHeaderSearch(p);
    await p.keyboard.type('deceptive alignment');
    await p.waitForSelector('#site-search-panel [role="option"]');
    const viewport = await p.evaluate(() => document.documentElement.clientWidth);
    const panel = (await p.locator('#site-search-panel').boundingBox())!;
    expect(panel.x, 'panel left edge').toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width, 'panel right edge').toBeLessThanOrEqual(viewport);
    const input = (await p.locator('#site-search-input').boundingBox())!;
    expect(input.x).toBeGreaterThanOrEqual(0);
    expect(input.x + input.width).toBeLessThanOrEqual(viewport);
    await p.context().close();
  });

  test.each([320, 360, 390, 768, 1024])('at %i px a menu button opens and closes the links', async (width) => {
    const p = await pageAt(width);
    await p.goto('/about/');
    const button = p.locator('[data-menu-toggle]');
    expect(await button.isVisible()).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    const menu = p.locator(`#${await button.getAttribute('aria-controls')}`);
    const links = menu.locator('nav a');
    expect(await links.first().isVisible()).toBe(false);
    // The buttons' code loads on the first press, so the menu opens a moment after the click.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    const viewport = await p.evaluate(() => document.documentElement.clientWidth);
    const n = await links.count();
    expect(n).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < n; i++) {
      const box = (await links.nth(i).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport);
    }
    expect(await menu.locator('[data-theme-toggle]').isVisible()).toBe(true);
    // A click elsewhere closes it; Escape closes it and gives focus back to the button.
    await p.mouse.click(5, 700);
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await links.first().isVisible()).toBe(false);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    await p.keyboard.press('Escape');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await p.evaluate(() => document.activeElement?.hasAttribute('data-menu-toggle'))).toBe(true);
    // A link in the menu goes where it says.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    await links.filter({ hasText: 'Glossary' }).click();
    await p.waitForURL(/\/glossary\/$/);
    await p.context().close();
  });

  test('at 1440 px the links, box and theme switch sit in the bar with no buttons', async () => {
    const p = await pageAt(1440);
    await p.goto('/about/');
    expect(await p.locator('[data-menu-toggle]').isVisible()).toBe(false);
    expect(await p.locator('[data-search-toggle]').isVisible()).toBe(false);
    expect(await p.locator('.site-nav a').first().isVisible()).toBe(true);
    expect(await p.locator('#site-search-input').isVisible()).toBe(true);
    expect(await p.locator('[data-theme-toggle]').isVisible()).toBe(true);
    await p.context().close();
  });

  test('on a phone the search button opens the box, which Escape on an empty box folds again', async () => {
    const p = await pageAt(390);
    await p.goto('/about/');
    expect(await p.locator('#site-search-input').isVisible()).toBe(false);
    const button = p.locator('[data-search-toggle]');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    // The box's keys are wired once its code has loaded (on focus): it then becomes a combobox.
    await expect.poll(() => p.locator('#site-search-input').getAttribute('role')).toBe('combobox');
    await p.keyboard.press('Escape');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await p.locator('#site-search-input').isVisible()).toBe(false);
    expect(await p.evaluate(() => document.activeElement?.hasAttribute('data-search-toggle'))).toBe(true);
    // "/" opens it too.
    await p.keyboard.press('/');
    await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    await p.context().close();
  });

  test('without JavaScript the links and the search box show on a phone', async () => {
    const ctx = await s.context({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto('/about/');
    expect(await p.locator('.site-nav a').count()).toBeGreaterThanOrEqual(5);
    for (const link of await p.locator('.site-nav a').all()) expect(await link.isVisible()).toBe(true);
    expect(await p.locator('#site-search-input').isVisible()).toBe(true);
    expect(await p.locator('[data-menu-toggle]').isVisible()).toBe(false);
    await ctx.close();
  });

  test('the "/" hint shows where there is a keyboard and not on a touch screen', async () => {
    const desk = await pageAt(1280);
    await desk.goto('/about/');
    expect(await desk.locator('.search-key').isVisible()).toBe(true);
    await desk.context().close();
    const touch = await pageAt(768, { touch: true });
    await touch.goto('/about/');
    expect(await touch.evaluate(() => matchMedia('(hover: none)').matches)).toBe(true);
    expect(await touch.locator('#site-search-input').isVisible()).toBe(true);
    expect(await touch.locator('.search-key').isVisible()).toBe(false);
    await touch.context().close();
  });
});

describe('/search/ on a phone', () => {
  test.each([
    [360, 740],
    [390, 844],
  ])('at %i × %i the first result is in the first screen, under one folded Filters control', async (width, height) => {
    const p = await pageAt(width, { height });
    await p.goto('/search/?q=deceptive%20alignment');
    const first = p.locator('[data-search-list] a[data-search-result]').first();
    await first.waitFor();
    const box = (await first.boundingBox())!;
    expect(box.y + Math.min(box.height, 60), 'first result, title and a line of it').toBeLessThanOrEqual(height);
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scroll').toBe(true);
    const fold = p.locator('details[data-search-filter-fold]');
    expect(await fold.count()).toBe(1);
    expect(await fold.getAttribute('open')).toBeNull();
    expect(await p.locator('[data-search-filters] fieldset').first().isVisible()).toBe(false);
    await fold.locator('summary').click();
    expect(await p.locator('[data-search-filters] fieldset').first().isVisible()).toBe(true);
    await p.context().close();
  });

  test('on a wide screen the filters stand open beside the results', async () => {
    const p = await pageAt(1280);
    await p.goto('/search/?q=deceptive%20alignment');
    await p.locator('[data-search-list] a[data-search-result]').first().waitFor();
    expect(await p.locator('details[data-search-filter-fold]').getAttribute('open')).not.toBeNull();
    const filters = (await p.locator('[data-search-filters]').boundingBox())!;
    const results = (await p.locator('[data-search-list]').boundingBox())!;
    expect(filters.x + filters.width).toBeLessThanOrEqual(results.x);
    await p.context().close();
  });
});

/** What the header panel shows for a query typed key by key: status, suggestion and result links. */
async function typed(p: Page, q: string): Promise<{ status: string; suggestion: string; hrefs: string[] }> {
  await p.goto('/about/');
  await openHeaderSearch(p);
  await p.keyboard.type(q, { delay: 40 });
  // The panel is settled when its status names this query's outcome and no newer query is pending.
  await p.waitForFunction(() => /^(\d+ results?|No results)/.test(document.querySelector('#site-search-panel .search-status')?.textContent ?? ''));
  await p.waitForTimeout(300);
  return p.evaluate(() => ({
    status: document.querySelector('#site-search-panel .search-status')?.textContent ?? '',
    suggestion: document.querySelector('#site-search-panel .search-suggestion a')?.textContent ?? '',
    hrefs: [...document.querySelectorAll('#site-search-panel [role="option"]')].map((a) => a.getAttribute('href') ?? ''),
  }));
}

/** What /search/?q= shows for a query loaded from the URL. */
async function loaded(p: Page, q: string): Promise<{ status: string; suggestion: string; hrefs: string[] }> {
  await p.goto(`/search/?q=${encodeURIComponent(q)}`);
  await p.waitForFunction(() => /^(\d+ results?|No results)/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
  return p.evaluate(() => ({
    status: document.querySelector('[data-search-status]')?.textContent ?? '',
    suggestion: document.querySelector('[data-search-suggestion] a')?.textContent ?? '',
    hrefs: [...document.querySelectorAll('[data-search-list] a[data-search-result]')].map((a) => a.getAttribute('href') ?? ''),
  }));
}

describe('typos and nonsense', () => {
  test('"decpetive" has no results and offers "deceptive", typed or loaded, and the offer runs it', async () => {
    const p = await pageAt(1280);
    const head = await typed(p, 'decpetive');
    expect(head.hrefs).toEqual([]);
    expect(head.status).toMatch(/^No results/);
    expect(head.suggestion).toBe('deceptive');
    await p.locator('#site-search-panel .search-suggestion a').click();
    await expect.poll(() => p.inputValue('#site-search-input')).toBe('deceptive');
    await p.waitForSelector('#site-search-panel [role="option"]');
    const page = await loaded(p, 'decpetive');
    expect(page.hrefs).toEqual([]);
    expect(page.status).toMatch(/^No results/);
    expect(page.suggestion).toBe('deceptive');
    await p.locator('[data-search-suggestion] a').click();
    await expect.poll(() => new URL(p.url()).searchParams.get('q')).toBe('deceptive');
    await p.waitForSelector('[data-search-list] a[data-search-result]');
    await p.context().close();
  });

  test('"qzxv" has no results and nothing to suggest', async () => {
    const p = await pageAt(1280);
    for (const outcome of [await typed(p, 'qzxv'), await loaded(p, 'qzxv')]) {
      expect(outcome.hrefs).toEqual([]);
      expect(outcome.status).toMatch(/^No results/);
      expect(outcome.suggestion).toBe('');
    }
    await p.context().close();
  });

  test.each(['decpetive', 'qzxv', 'dec', 'nov 2023', 'counting argument', 'llama', 'deceptivly aligned', 'pre-training goals'])(
    '"%s" gives the same answer typed in the header and loaded from /search/?q=',
    async (q) => {
      const p = await pageAt(1280);
      const head = await typed(p, q);
      const page = await loaded(p, q);
      expect(head.suggestion).toBe(page.suggestion);
      expect(head.status.startsWith('No results')).toBe(page.status.startsWith('No results'));
      expect(head.hrefs).toEqual(page.hrefs.slice(0, head.hrefs.length));
      await p.context().close();
    },
  );

  test('a query never matches part of a date: "dec" and "nov" find no passage by its date', async () => {
    const p = await pageAt(1280);
    for (const q of ['dec', 'nov', '2023']) {
      const page = await loaded(p, q);
      const marks = await p.$$eval('[data-search-list] mark', (ms) => ms.map((m) => m.textContent ?? ''));
      // Every marked word starts with the query word (a date's "Dec" or "2023" never shows up).
      for (const m of marks) expect(m.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, ''), `mark for "${q}"`).toMatch(new RegExp(`^${q}`));
      expect(page.hrefs.every((h) => !h.startsWith('/people/adria-r-moret/'))).toBe(true);
    }
    await p.context().close();
  });
});

describe('axe', () => {
  test.each(['light', 'dark'])('%s theme: phone menu open, phone search open, wide dropdown open, /search/ on a phone', async (theme) => {
    const dark = theme === 'dark';
    const phone = await pageAt(390, { dark });
    await phone.goto(ESSAY);
    const menu = phone.locator('[data-menu-toggle]');
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    expect(await axe(phone)).toEqual([]);
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await openHeaderSearch(phone);
    await phone.keyboard.type('counting');
    await phone.waitForSelector('#site-search-panel [role="option"]');
    await phone.keyboard.press('ArrowDown');
    expect(await axe(phone)).toEqual([]);
    await phone.goto('/search/?q=decpetive');
    await phone.waitForSelector('[data-search-suggestion] a');
    expect(await axe(phone)).toEqual([]);
    await phone.goto('/search/?q=goal');
    await phone.waitForSelector('[data-search-list] a[data-search-result]');
    await phone.locator('details[data-search-filter-fold] summary').click();
    expect(await axe(phone)).toEqual([]);
    await phone.context().close();
    const wide = await pageAt(1280, { dark });
    await wide.goto('/about/');
    await openHeaderSearch(wide);
    await wide.keyboard.type('pre-training');
    await wide.waitForSelector('#site-search-panel [role="option"]');
    await wide.keyboard.press('ArrowDown');
    expect(await axe(wide)).toEqual([]);
    await wide.context().close();
  });
});
