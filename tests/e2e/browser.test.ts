import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { pagePaths, startSession, type Session } from './helpers.ts';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/** Runs axe on the page and returns readable violations ("rule: selector"). */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

const allPages = pagePaths(/^\/(?!pagefind|_astro).*(\/|\.html)$/);
const sourcePages = pagePaths(/^\/(essays|threads|people)\/[^/]+\/$/);

describe('every page', () => {
  test('the build has pages of every source kind', () => {
    expect(pagePaths(/^\/essays\/[^/]+\/$/).length).toBeGreaterThanOrEqual(1);
    expect(pagePaths(/^\/threads\/[^/]+\/$/).length).toBeGreaterThanOrEqual(2);
    expect(pagePaths(/^\/people\/[^/]+\/$/).length).toBeGreaterThanOrEqual(6);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no violations in the ${scheme} theme`, async () => {
      const ctx = await s.context({ colorScheme: scheme });
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const path of allPages) {
        await page.goto(path);
        expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
        for (const v of await axe(page)) problems.push(`${path} — ${v}`);
      }
      await ctx.close();
      expect(problems).toEqual([]);
    }, 240_000);
  }
});

describe('source pages', () => {
  test('load without console errors, failed requests or requests to other origins', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('request', (r) => !r.url().startsWith(s.served.url) && problems.push(`third party: ${r.url()}`));
    for (const path of sourcePages) await page.goto(path, { waitUntil: 'networkidle' });
    expect(sourcePages.length).toBeGreaterThanOrEqual(8);
    expect(problems).toEqual([]);
  });

  test('a permalink lands on its target below the sticky header and highlights it', async () => {
    const ctx = await s.context({ viewport: { width: 1000, height: 700 } });
    const page = await ctx.newPage();
    const targets: string[] = [];
    for (const path of sourcePages) {
      await page.goto(path);
      const ids = await page.$$eval('main [data-permalink][id]', (els) => els.map((e) => e.id));
      const comment = ids.find((id) => id.startsWith('c-'));
      const heading = ids.find((id) => !id.startsWith('c-'));
      for (const id of [comment, heading]) if (id) targets.push(`${path}#${id}`);
    }
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const target of targets) {
      await page.goto(target);
      const id = target.split('#')[1] ?? '';
      const box = await page.evaluate((id) => {
        const el = document.getElementById(id)!;
        const header = document.querySelector('.site-header')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        const other = [...document.querySelectorAll(`main [data-permalink]`)].find((e) => e !== el && e.tagName === el.tagName);
        const look = (e: Element) => {
          const cs = getComputedStyle(e);
          return `${cs.backgroundColor}|${cs.boxShadow}`;
        };
        return { top: r.top, headerBottom: header.bottom, inView: r.top < innerHeight, matches: el.matches(':target'), look: look(el), otherLook: other ? look(other) : null };
      }, id);
      expect(box.matches, target).toBe(true);
      expect(box.top, `${target} hides under the header`).toBeGreaterThanOrEqual(box.headerBottom - 1);
      expect(box.inView, target).toBe(true);
      if (box.otherLook) expect(box.look, `${target} is not highlighted`).not.toBe(box.otherLook);
    }
  });

  test('copy link copies the full URL of the passage and says so', async () => {
    const ctx = await s.context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await ctx.newPage();
    for (const path of ['/threads/scheming-ais/', '/essays/deceptive-alignment-is-less-than-1-likely-by-default/']) {
      await page.goto(path);
      const button = page.locator('button[data-copy-link]').nth(1);
      const hash = await button.getAttribute('data-copy-link');
      await button.click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${s.served.url}${path}${hash}`);
      await expect.poll(() => page.locator('#site-status').textContent()).toBe('Link copied');
    }
  });

  test('copy link with text selected adds a text fragment', async () => {
    const ctx = await s.context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await ctx.newPage();
    await page.goto('/threads/scheming-ais/');
    const id = await page.locator('article.comment').first().getAttribute('id');
    await page.evaluate((id) => {
      const p = document.querySelector(`#${id} .comment-body p`)!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, 9);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, id);
    await page.locator(`#${id} button[data-copy-link]`).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${s.served.url}/threads/scheming-ais/#${id}:~:text=`)).toBe(true);
  });

  test('blind reading hides names and karma and is remembered on the next page', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto('/threads/scheming-ais/');
    const name = page.locator('article.comment .comment-head .blind-hide').first();
    await expect.poll(() => name.isVisible()).toBe(true);
    await page.locator('[data-blind-toggle]').click();
    await expect.poll(() => name.isVisible()).toBe(false);
    expect(await page.locator('[data-blind-toggle]').getAttribute('aria-pressed')).toBe('true');
    await page.goto('/threads/deceptive-alignment-is-less-than-1-likely-by-default/');
    expect(await page.locator('article.comment .comment-head .blind-hide').first().isVisible()).toBe(false);
    expect(await page.locator('article.comment .blind-only').first().isVisible()).toBe(true);
    await page.locator('[data-blind-toggle]').click();
    expect(await page.locator('article.comment .comment-head .blind-hide').first().isVisible()).toBe(true);
  });
});

describe('link previews', () => {
  const thread = '/threads/deceptive-alignment-is-less-than-1-likely-by-default/';
  const replyLink = '.comment-context a[href^="#c-"]';

  test('hover shows one preview; Esc closes it; the layout does not move', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(thread);
    const link = page.locator(replyLink).first();
    await link.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => document.documentElement.scrollHeight);
    await link.hover();
    const card = page.locator('#link-preview');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect((await card.textContent())?.length).toBeGreaterThan(20);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(before);
    await page.locator(replyLink).nth(1).hover();
    await expect.poll(() => page.locator('.link-preview:not([hidden])').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => card.isVisible()).toBe(false);
  });

  test('keyboard focus opens the preview and links it with aria-describedby', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(thread);
    const link = page.locator(replyLink).first();
    await link.focus();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(await link.getAttribute('aria-describedby')).toBe('link-preview');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(false);
  });

  test('touch: the first tap previews without navigating, the second follows the link', async () => {
    const ctx = await s.context({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const page = await ctx.newPage();
    await page.goto('/essays/deceptive-alignment-is-less-than-1-likely-by-default/');
    const link = page.locator('main a[href^="/threads/"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/essays/deceptive-alignment-is-less-than-1-likely-by-default/');
    await link.tap();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/threads\//);
  });

  test('axe finds no violations with a preview open', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(thread);
    await page.locator(replyLink).first().focus();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
  });
});
