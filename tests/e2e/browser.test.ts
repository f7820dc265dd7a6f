import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  SOURCE_KINDS,
  anchorIds,
  axe,
  copyButtonOf,
  dom,
  expectNone,
  expectSome,
  pagePaths,
  sourcePaths,
  startSession,
  type Session,
  type SourceKind,
} from './helpers.ts';

// The built site in Debian's Chromium, served from dist/ on 127.0.0.1. Pages and ids are
// discovered from dist/, so new pages are covered without touching this file; a discovery that
// finds nothing fails rather than passing on nothing. One browser for the whole file.

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

const allPages = pagePaths(/^\/(?!pagefind\/|_astro\/).*(\/|\.html)$/);
const kinds = Object.keys(SOURCE_KINDS) as SourceKind[];
const sourcePages = kinds.flatMap((k) => sourcePaths(k));

/**
 * Records requests that leave the local origin, fail, or answer with an error status. With
 * `leavingEarly`, requests cancelled because the test moved to the next page (net::ERR_ABORTED,
 * e.g. the search index the search page was still loading) are not counted as failures.
 */
function watchNetwork(ctx: BrowserContext, problems: string[], label: () => string, leavingEarly = false): void {
  ctx.on('request', (r) => {
    if (!r.url().startsWith(`${s.served.url}/`) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      problems.push(`${label()}: request to another origin: ${r.url()}`);
  });
  ctx.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '?';
    if (!(leavingEarly && why === 'net::ERR_ABORTED')) problems.push(`${label()}: request failed: ${r.url()} (${why})`);
  });
  ctx.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${label()}: HTTP ${r.status()} for ${r.url()}`);
  });
}

describe('every page', () => {
  test('dist/ has pages to test, including every source kind', () => {
    expectSome(allPages, 'HTML pages');
    for (const kind of kinds) expectSome(sourcePaths(kind), `${kind} pages`);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations in the ${scheme} theme`, async () => {
      expectSome(allPages, 'HTML pages');
      const ctx = await s.context({ colorScheme: scheme });
      // The layout reads localStorage.theme ('light' | 'dark') before first paint.
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const problems: string[] = [];
      let current = '';
      watchNetwork(ctx, problems, () => current, true);
      const page = await ctx.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of allPages) {
        current = path;
        await page.goto(path);
        const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
        if (theme !== scheme) problems.push(`${path}: <html data-theme="${theme ?? ''}">, expected "${scheme}" from localStorage.theme`);
        for (const v of await axe(page)) problems.push(`${path} [${scheme}] ${v}`);
      }
      await ctx.close();
      expectNone(problems, `accessibility problems in the ${scheme} theme`);
    }, 240_000);
  }
});

describe('source pages', () => {
  test('load with no console errors, no failed requests and no request leaving the local origin', async () => {
    expectSome(sourcePages, 'essay, thread or person pages');
    const ctx = await s.context();
    const problems: string[] = [];
    let current = '';
    watchNetwork(ctx, problems, () => current);
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${current}: console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${current}: uncaught ${e.name}: ${e.message}`));
    for (const path of sourcePages) {
      current = path;
      await page.goto(path, { waitUntil: 'networkidle' });
    }
    await ctx.close();
    expectNone(problems, 'problems while loading source pages');
  });
});

/** Ids to land on: the first and last comment of threads and people, the first and last heading of essays. */
function landingTargets(): { comments: string[]; headings: string[] } {
  const comments: string[] = [];
  const headings: string[] = [];
  for (const path of [...sourcePaths('thread'), ...sourcePaths('person')]) {
    const ids = anchorIds(path).filter((id) => id.startsWith('c-'));
    for (const id of new Set([ids[0], ids.at(-1)])) if (id) comments.push(`${path}#${id}`);
  }
  for (const path of sourcePaths('essay')) {
    const root = dom(path);
    const ids = anchorIds(path).filter((id) => /^H[234]$/.test(root.getElementById(id)?.tagName ?? ''));
    for (const id of new Set([ids[0], ids[Math.floor(ids.length / 2)], ids.at(-1)])) if (id) headings.push(`${path}#${id}`);
  }
  return { comments, headings };
}

/** How an element looks where a highlight would show: background, outline and shadow. */
async function look(page: Page, id: string): Promise<string> {
  return page.evaluate((id) => {
    const cs = getComputedStyle(document.getElementById(id)!);
    return `background ${cs.backgroundColor}; outline ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; shadow ${cs.boxShadow}`;
  }, id);
}

/** Where the element sits against the sticky header and the viewport. */
async function placement(page: Page, id: string) {
  return page.evaluate((id) => {
    const el = document.getElementById(id)!;
    const header = document.querySelector('.site-header') ?? document.querySelector('body > header');
    const fixed = header && ['sticky', 'fixed'].includes(getComputedStyle(header).position);
    const r = el.getBoundingClientRect();
    return {
      top: Math.round(r.top),
      headerBottom: fixed ? Math.round(header.getBoundingClientRect().bottom) : 0,
      height: innerHeight,
      matches: el.matches(':target'),
    };
  }, id);
}

describe('permalinks', () => {
  const { comments, headings } = landingTargets();

  test('the build has comment and essay-heading permalinks to land on', () => {
    expectSome(comments, 'comment ids ([id^="c-"]) on thread or person pages');
    expectSome(headings, 'essay headings with ids');
  });

  for (const [label, viewport] of [
    ['a desktop', { width: 1280, height: 800 }],
    ['a phone', { width: 390, height: 740 }],
  ] as const) {
    test(`on ${label} screen, loading page#id shows the target below the sticky header, highlighted`, async () => {
      const targets = [...comments, ...headings];
      expectSome(targets, 'permalinks to land on');
      const ctx = await s.context({ viewport });
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const target of targets) {
        const [path = '', id = ''] = target.split('#');
        await page.goto(path);
        const plain = await look(page, id);
        await page.goto('about:blank');
        await page.goto(target);
        // Wait until the landing scroll has settled.
        let last = Number.NaN;
        await expect
          .poll(
            async () => {
              const { top } = await placement(page, id);
              const settled = top === last;
              last = top;
              return settled;
            },
            { timeout: 5_000, interval: 100 },
          )
          .toBe(true);
        const p = await placement(page, id);
        if (!p.matches) problems.push(`${target}: the element does not match :target`);
        if (p.top < p.headerBottom - 1) problems.push(`${target}: top ${p.top}px is under the sticky header (bottom ${p.headerBottom}px)`);
        if (p.top >= p.height) problems.push(`${target}: top ${p.top}px is below the viewport (${p.height}px)`);
        const landed = await look(page, id);
        if (landed === plain) problems.push(`${target}: not highlighted (looks the same as when not targeted: ${plain})`);
      }
      await ctx.close();
      expectNone(problems, 'permalinks that do not land well');
    }, 120_000);
  }
});

describe('copy link', () => {
  /** One comment and one heading per source page that publish a copy-link button, from dist/. */
  function copyTargets(): { path: string; id: string; kind: 'comment' | 'heading' }[] {
    const out: { path: string; id: string; kind: 'comment' | 'heading' }[] = [];
    for (const path of sourcePages) {
      const root = dom(path);
      const withButton = anchorIds(path).filter((id) => copyButtonOf(root, id));
      const comment = withButton.find((id) => id.startsWith('c-'));
      const heading = withButton.find((id) => /^H[234]$/.test(root.getElementById(id)?.tagName ?? ''));
      if (comment) out.push({ path, id: comment, kind: 'comment' });
      if (heading) out.push({ path, id: heading, kind: 'heading' });
    }
    return out;
  }

  test('clicking a permalink’s copy-link button copies its full URL and says “Link copied”', async () => {
    const targets = copyTargets();
    expectSome(
      targets.filter((t) => t.kind === 'comment'),
      'comments with a copy-link button',
    );
    expectSome(
      targets.filter((t) => t.kind === 'heading'),
      'headings with a copy-link button',
    );
    const ctx = await s.context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await ctx.newPage();
    const problems: string[] = [];
    for (const { path, id } of targets) {
      await page.goto(path);
      await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
      // Inside a comment, beside a heading (the heading's tools follow it in its .heading-row).
      const button = page.locator(`:is([id="${id}"], .heading-row:has(> [id="${id}"])) button[data-copy-link="#${id}"]`).first();
      try {
        await button.click({ timeout: 5_000 });
      } catch (e) {
        problems.push(`${path}#${id}: the copy-link button cannot be clicked (${(e as Error).message.split('\n')[0]})`);
        continue;
      }
      const expected = await page.evaluate((id) => `${location.origin}${location.pathname}#${id}`, id);
      let copied = '';
      await expect
        .poll(async () => (copied = await page.evaluate(() => navigator.clipboard.readText())), { timeout: 3_000 })
        .toBe(expected)
        .catch(() => problems.push(`${path}#${id}: copied "${copied}", expected "${expected}"`));
      await expect
        .poll(() => page.locator('[role="status"]', { hasText: 'Link copied' }).first().isVisible(), { timeout: 2_000, interval: 50 })
        .toBe(true)
        .catch(() => problems.push(`${path}#${id}: no visible role="status" element saying "Link copied"`));
    }
    await ctx.close();
    expectNone(problems, 'copy-link buttons that do not work');
  });

  test('with text selected inside a comment, the copied link adds a text fragment', async () => {
    const thread = sourcePaths('thread').find((p) => dom(p).querySelector('article.comment[id^="c-"] .comment-body p'));
    expect(thread, 'a thread page with a comment paragraph').toBeDefined();
    const ctx = await s.context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await ctx.newPage();
    await page.goto(thread!);
    const id = (await page.locator('article.comment[id^="c-"]').first().getAttribute('id'))!;
    await page.evaluate((id) => {
      const p = document.querySelector(`[id="${id}"] .comment-body p`)!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode()!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(9, text.textContent!.length));
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, id);
    await page.locator(`[id="${id}"] button[data-copy-link]`).first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^${s.served.url}${thread}#${id}:~:text=.+`));
    await ctx.close();
  });
});

describe('reading tools', () => {
  test('blind reading hides names and karma and is remembered on the next thread', async () => {
    const threads = sourcePaths('thread').filter((p) => dom(p).querySelector('article.comment .comment-head .blind-hide'));
    expect(threads.length, 'two thread pages with comment names').toBeGreaterThanOrEqual(2);
    const [first = '', second = ''] = threads;
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(first);
    const name = page.locator('article.comment .comment-head .blind-hide').first();
    await expect.poll(() => name.isVisible()).toBe(true);
    await page.locator('[data-blind-toggle]').click();
    await expect.poll(() => name.isVisible()).toBe(false);
    expect(await page.locator('[data-blind-toggle]').getAttribute('aria-pressed')).toBe('true');
    await page.goto(second);
    expect(await page.locator('article.comment .comment-head .blind-hide').first().isVisible()).toBe(false);
    expect(await page.locator('article.comment .blind-only').first().isVisible()).toBe(true);
    await page.locator('[data-blind-toggle]').click();
    await expect.poll(() => page.locator('article.comment .comment-head .blind-hide').first().isVisible()).toBe(true);
    await ctx.close();
  });

  test('the theme switch flips the colours against the system setting and is remembered on the next page', async () => {
    for (const system of ['light', 'dark'] as const) {
      const ctx = await s.context({ colorScheme: system, viewport: { width: 1400, height: 800 } });
      const page = await ctx.newPage();
      await page.goto('/glossary/');
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const before = await background();
      await page.locator('[data-theme-toggle]').click();
      const other = system === 'light' ? 'dark' : 'light';
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(other);
      expect(await background()).not.toBe(before);
      await page.goto('/about/');
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(other);
      expect(await background()).not.toBe(before);
      await ctx.close();
    }
  });

  test('the first press of a switch asks for its code and the chunks that code imports at once, each fetched once', async () => {
    const ctx = await s.context({ viewport: { width: 1400, height: 800 } });
    const page = await ctx.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/_astro/')) fetched.push(path);
    });
    await page.goto('/glossary/');
    const before = fetched.length;
    const theme = () => page.evaluate(() => document.documentElement.dataset['theme'] ?? '');
    const initial = await theme();
    await page.locator('[data-theme-toggle]').click();
    // The switch has flipped, so its code and everything it imports has run.
    await expect.poll(theme).not.toBe(initial);
    // src/scripts/preload.ts hints every file of the feature before its import() runs.
    const hinted = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => new URL(l.href).pathname));
    for (const chunk of ['header', 'copy-link', 'dom-text'])
      expect(
        hinted.some((h) => new RegExp(`^/_astro/${chunk}\\.[^/]+\\.js$`).test(h)),
        chunk,
      ).toBe(true);
    const after = fetched.slice(before);
    expect(after).toEqual(expect.arrayContaining(hinted));
    expect(new Set(after).size).toBe(after.length);
    await ctx.close();
  });
});

describe('link previews', () => {
  const replyLink = '.comment-context a[href^="#c-"]';
  const thread = sourcePaths('thread').find((p) => dom(p).querySelectorAll(replyLink).length >= 2) ?? '';
  const essay = sourcePaths('essay').find((p) => dom(p).querySelector('main a[href^="/threads/"]')) ?? '';

  test('there are reply links and essay-to-thread links to preview', () => {
    expect(thread, 'a thread page with two or more reply-context links').not.toBe('');
    expect(essay, 'an essay page linking into a thread').not.toBe('');
  });

  /** Fails at once (not after a 30 s timeout) when the build has nothing to preview. */
  const need = (path: string, what: string) => expect(path, what).not.toBe('');

  test('hover shows one preview; Esc closes it; the layout does not move', async () => {
    need(thread, 'a thread page with reply-context links');
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
    await ctx.close();
  });

  test('keyboard focus opens the preview and links it with aria-describedby', async () => {
    need(thread, 'a thread page with reply-context links');
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(thread);
    const link = page.locator(replyLink).first();
    await link.focus();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(await link.getAttribute('aria-describedby')).toBe('link-preview');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(false);
    await ctx.close();
  });

  test('touch: the first tap previews without navigating, the second follows the link', async () => {
    need(essay, 'an essay page linking into a thread');
    const ctx = await s.context({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(essay);
    const link = page.locator('main a[href^="/threads/"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(essay);
    await link.tap();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/threads\//);
    await ctx.close();
  });

  test('axe-core finds no violations with a preview open', async () => {
    need(thread, 'a thread page with reply-context links');
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(thread);
    await page.locator(replyLink).first().focus();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expectNone(await axe(page), `accessibility problems on ${thread} with a preview open`);
    await ctx.close();
  });
});
