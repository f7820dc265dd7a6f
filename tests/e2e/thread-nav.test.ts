import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { HTMLElement as ParsedElement } from 'node-html-parser';
import { axe, dom, expectNone, expectSome, pages, sourcePaths, startSession, type Session } from './helpers.ts';

// Following a thread in Debian's Chromium: folding comments, landing on a permalink inside folded
// ones, j/k/J/K moves and the ? list of keys, the notice for a fragment that names nothing, and
// the indentation of deep replies on a phone. The thread and its comments come from dist/.

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/** How many `ol.replies` hold a parsed article: its depth in the thread. */
function depthOf(el: ParsedElement): number {
  let d = 0;
  for (let up = el.parentNode; up; up = up.parentNode) if (up.tagName === 'OL' && up.classList.contains('replies')) d++;
  return d;
}

interface ThreadFacts {
  path: string;
  /** Comment ids in reading order, with their depths. */
  ids: string[];
  depths: number[];
  /** A top-level comment with replies, and how many comments sit under it at any depth. */
  folded: { id: string; under: string[] };
  /** The deepest reply. */
  deepest: string;
}

/** The thread with the deepest reply, read from dist/. */
function thread(): ThreadFacts {
  const paths = sourcePaths('thread');
  expectSome(paths, 'thread pages');
  const facts = paths.map((path) => {
    const articles = dom(path).querySelectorAll('article.comment');
    return { path, ids: articles.map((a) => a.id), depths: articles.map(depthOf) };
  });
  const best = facts.reduce((a, b) => (Math.max(...b.depths) > Math.max(...a.depths) ? b : a));
  const { path, ids, depths } = best;
  const deepest = ids[depths.indexOf(Math.max(...depths))] ?? '';
  // The top-level comment with the most replies under it.
  let folded = { id: '', under: [] as string[] };
  ids.forEach((id, i) => {
    if (depths[i] !== 0) return;
    const under: string[] = [];
    for (let j = i + 1; j < ids.length && (depths[j] ?? 0) > 0; j++) under.push(ids[j] ?? '');
    if (under.length > folded.under.length) folded = { id, under };
  });
  return { path, ids, depths, folded, deepest };
}

const T = thread();

test('the thread chosen from dist/ has nesting to fold and a reply at least four deep', () => {
  expect(T.folded.under.length).toBeGreaterThan(1);
  expect(Math.max(...T.depths)).toBeGreaterThanOrEqual(4);
});

/** Waits for a value: the first press loads the thread script, which takes a while on a busy machine. */
const poll = <T>(fn: () => Promise<T>, message?: string) => expect.poll(fn, { timeout: 8_000, interval: 50, ...(message ? { message } : {}) });

/** Whether the element with `id` is rendered (not inside a folded, hidden part). */
const shown = (page: Page, id: string): Promise<boolean> => page.evaluate((id) => document.getElementById(id)?.checkVisibility() ?? false, id);

/** Ids of the comments a reader can see, in page order. */
const shownComments = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('article.comment')].filter((a) => a.checkVisibility()).map((a) => a.id));

/** Where an element sits against the comment bar and the bottom of the viewport. */
function placement(page: Page, id: string) {
  return page.evaluate((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    const bar = document.querySelector('.thread-nav')!.getBoundingClientRect();
    return { top: Math.round(r.top), barBottom: Math.round(bar.bottom), height: innerHeight };
  }, id);
}

/** Waits until the element with `id` is shown with its top between the comment bar and the viewport's bottom. */
async function expectLanded(page: Page, id: string): Promise<void> {
  await poll(() => shown(page, id)).toBe(true);
  await expect
    .poll(async () => {
      const p = await placement(page, id);
      return p.top >= p.barBottom - 1 && p.top < p.height;
    })
    .toBe(true);
}

// The root's data-thread-nav makes scrolling to a target leave room for the comment bar; a page
// that has the bar without it would land targets under the bar, and one with it but no bar would
// land them too low.
test('the root says it has the comment bar on exactly the pages that have one', () => {
  const problems: string[] = [];
  let withBar = 0;
  for (const { path, html } of pages()) {
    const bar = html.includes('class="thread-nav ');
    const said = /<html\b[^>]*\sdata-thread-nav[\s=>]/.test(html);
    if (bar) withBar++;
    if (bar !== said) problems.push(`${path}: ${bar ? 'has the comment bar but its root does not say so' : 'says it has the comment bar but has none'}`);
  }
  expect(withBar, 'pages with the comment bar').toBeGreaterThanOrEqual(sourcePaths('thread').length);
  expectNone(problems, 'pages whose root and comment bar disagree');
});

const foldButton = (id: string): string => `#${id} > .comment-head > button[data-fold]`;
const focusedComment = (page: Page): Promise<string | undefined> => page.evaluate(() => document.activeElement?.closest('article.comment')?.id);

for (const [label, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 900 }],
] as const) {
  describe(`on a ${label} (${viewport.width}×${viewport.height})`, () => {
    let page: Page;
    const errors: string[] = [];
    beforeAll(async () => {
      page = await (await s.context({ viewport })).newPage();
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    });
    afterAll(() => expectNone(errors, 'uncaught errors in the page'));

    test('folding a comment hides its text and every reply under it, and says how many', async () => {
      await page.goto(T.path);
      const { id, under } = T.folded;
      const button = page.locator(foldButton(id));
      await poll(() => button.getAttribute('aria-expanded')).toBe('true');
      const controls = (await button.getAttribute('aria-controls'))?.split(' ') ?? [];
      expect(controls).toContain(id);
      for (const c of controls) expect(await page.locator(`[id="${c}"]`).count(), `aria-controls names #${c}`).toBe(1);
      await button.click();
      await poll(() => button.getAttribute('aria-expanded')).toBe('false');
      for (const r of under) expect(await shown(page, r), `reply ${r} hidden`).toBe(false);
      expect(
        await page
          .locator(`#${id} .comment-body > *`)
          .first()
          .evaluate((b) => b.checkVisibility()),
      ).toBe(false);
      const summary = page.locator(`#${id} .fold-summary`);
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.innerText()).toContain(`${under.length} replies hidden`);
      // The comment itself stays: its header with the author and the button to unfold it.
      expect(await shown(page, id)).toBe(true);
      await button.click();
      await poll(() => button.getAttribute('aria-expanded')).toBe('true');
      for (const r of under) expect(await shown(page, r), `reply ${r} shown again`).toBe(true);
      expect(await summary.isVisible()).toBe(false);
    });

    test('"Collapse all" leaves only the top-level comments in sight and "Expand all" brings every comment back', async () => {
      await page.goto(T.path);
      await page.locator('button[data-fold-all="collapse"]').click();
      const topLevel = T.ids.filter((_, i) => T.depths[i] === 0);
      await poll(() => shownComments(page)).toEqual(topLevel);
      expect(await page.locator('button[data-fold][aria-expanded="true"]').count()).toBe(0);
      await page.locator('button[data-fold-all="expand"]').click();
      await poll(() => shownComments(page)).toEqual(T.ids);
      expect(await page.locator('button[data-fold][aria-expanded="false"]').count()).toBe(0);
    });

    test('a permalink into folded comments unfolds the target and every comment above it: by an in-page link and by a hash change', async () => {
      await page.goto(T.path);
      const collapseAll = page.locator('button[data-fold-all="collapse"]');
      await collapseAll.click();
      await poll(() => shown(page, T.deepest)).toBe(false);
      // An in-page link to the reply (as a link preview or the contents would offer).
      await page.evaluate((id) => {
        const a = document.createElement('a');
        a.href = `#${id}`;
        a.id = 'test-link';
        a.textContent = 'to the deepest reply';
        document.querySelector('.thread-nav')!.append(a);
      }, T.deepest);
      await page.locator('#test-link').click();
      await expectLanded(page, T.deepest);
      expect(await page.locator(foldButton(T.deepest)).getAttribute('aria-expanded')).toBe('true');
      // By a hash change, after folding everything again.
      await page.evaluate(() => (location.hash = ''));
      await collapseAll.click();
      await poll(() => shown(page, T.deepest)).toBe(false);
      await page.evaluate((id) => (location.hash = `#${id}`), T.deepest);
      await expectLanded(page, T.deepest);
      // Every comment between the top-level one and the target is unfolded, the others stay folded.
      const i = T.ids.indexOf(T.deepest);
      const chain = new Set<string>([T.deepest]);
      let want = T.depths[i] ?? 0;
      for (let j = i - 1; j >= 0 && want > 0; j--)
        if ((T.depths[j] ?? 0) < want) {
          chain.add(T.ids[j] ?? '');
          want = T.depths[j] ?? 0;
        }
      for (const id of T.ids) expect(await page.locator(foldButton(id)).getAttribute('aria-expanded'), id).toBe(chain.has(id) ? 'true' : 'false');
    });

    test('find-in-page words inside a folded comment unfold it (hidden="until-found" and beforematch)', async () => {
      await page.goto(T.path);
      const { id, under } = T.folded;
      const reply = under.at(-1) ?? '';
      const words = await page.locator(`#${reply} .comment-body p`).first().innerText();
      await page.locator(foldButton(id)).click();
      await poll(() => shown(page, reply)).toBe(false);
      // A text fragment is how a shared quote link reaches the words; the browser reveals them.
      const phrase = words.split(/\s+/).slice(0, 4).join(' ');
      await page.evaluate((p) => {
        const a = document.createElement('a');
        a.href = `#:~:text=${encodeURIComponent(p)}`;
        a.id = 'test-fragment';
        a.textContent = 'to the words';
        document.querySelector('.thread-nav')!.append(a);
      }, phrase);
      await page.locator('#test-fragment').click();
      await poll(() => page.locator(foldButton(id)).getAttribute('aria-expanded')).toBe('true');
      expect(await shown(page, reply)).toBe(true);
    });

    test('j/k move focus to the next and previous comment, J/K between top-level comments, skipping folded replies', async () => {
      await page.goto(`${T.path}#comments`);
      const [first = '', second = ''] = T.ids;
      await page.keyboard.press('j');
      await poll(() => focusedComment(page)).toBe(first);
      await expectLanded(page, first);
      await page.keyboard.press('j');
      await poll(() => focusedComment(page)).toBe(second);
      await page.keyboard.press('k');
      await poll(() => focusedComment(page)).toBe(first);
      // Top-level moves.
      const tops = T.ids.filter((_, i) => T.depths[i] === 0);
      await page.keyboard.press('Shift+J');
      await poll(() => focusedComment(page)).toBe(tops[1]);
      await page.keyboard.press('Shift+K');
      await poll(() => focusedComment(page)).toBe(tops[0]);
      // Folded replies are skipped: from the folded comment, j goes to the next top-level one.
      const { id } = T.folded;
      const next = tops[tops.indexOf(id) + 1];
      await page.locator(foldButton(id)).click();
      await page.locator(`#${id}`).focus();
      await page.keyboard.press('j');
      await poll(() => focusedComment(page)).toBe(next);
      // No history entry per move.
      expect(await page.evaluate(() => location.hash)).toBe('#comments');
    });

    test('the bar’s buttons move too, and the bar stays in view halfway down the thread', async () => {
      await page.goto(T.path);
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight / 2));
      const bar = await page.locator('.thread-nav').boundingBox();
      expect(bar && bar.y >= 0 && bar.y < 80, `bar at ${JSON.stringify(bar)}`).toBe(true);
      await page.locator('.thread-nav button[data-nav="next"]').click();
      await poll(() => focusedComment(page)).toBeTruthy();
      const landed = await focusedComment(page);
      await expectLanded(page, landed ?? '');
      await page.locator('.thread-nav button[data-nav="next"]').click();
      await poll(() => focusedComment(page)).toBe(T.ids[T.ids.indexOf(landed ?? '') + 1]);
      await page.locator('.thread-nav button[data-nav="prev"]').click();
      await poll(() => focusedComment(page)).toBe(landed);
    });

    test('keys do nothing while typing in a field or with Ctrl', async () => {
      await page.goto(T.path);
      const search = page.locator('#site-search-input');
      if ((await search.count()) > 0 && (await search.isVisible())) {
        await search.focus();
        await page.keyboard.type('jk');
        expect(await search.inputValue()).toBe('jk');
        expect(await focusedComment(page)).toBeUndefined();
      }
      await page.locator('h1').click();
      await page.keyboard.press('Control+j');
      expect(await focusedComment(page)).toBeUndefined();
    });

    test('? opens the list of keys as a modal dialog and Esc closes it', async () => {
      await page.goto(T.path);
      await page.locator('h1').click();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keys for reading comments' });
      await poll(() => dialog.isVisible()).toBe(true);
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
      const keys = await dialog.locator('kbd').allInnerTexts();
      for (const k of ['j', 'k', 'J', 'K', '?']) expect(keys, k).toContain(k);
      await page.keyboard.press('Escape');
      await poll(() => dialog.isVisible()).toBe(false);
      // The bar's "? for keys" button opens it too.
      const button = page.locator('.thread-nav button[data-nav="help"]');
      expect(await button.getAttribute('aria-haspopup')).toBe('dialog');
      await button.click();
      await poll(() => dialog.isVisible()).toBe(true);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await poll(() => dialog.isVisible()).toBe(false);
    });

    test('a fragment that names nothing on the page shows a notice; a known one, a text directive or none does not', async () => {
      const notice = page.locator('.missing-anchor');
      for (const [hash, expected] of [
        ['#c-no-such-comment', true],
        ['#%E0%A4%A', true],
        [`#${T.deepest}`, false],
        [`#${T.deepest}:~:text=the`, false],
        ['#', false],
        ['', false],
      ] as const) {
        await page.goto('about:blank');
        await page.goto(`${T.path}${hash}`);
        if (expected) {
          await poll(() => notice.isVisible(), hash).toBe(true);
          expect(await notice.innerText()).toContain('not found on this page');
          expect(await notice.getAttribute('role')).toBe('status');
          // At the top of the main column, in view on load.
          expect(await page.evaluate(() => document.querySelector('main')!.firstElementChild?.classList.contains('missing-anchor'))).toBe(true);
          expect((await notice.boundingBox())!.y).toBeLessThan(viewport.height);
        } else {
          await page.waitForLoadState('load');
          expect(await notice.count(), hash).toBe(0);
        }
      }
      // A hash change to an unknown id shows it; one to a known id takes it away; Dismiss closes it.
      await page.evaluate(() => (location.hash = '#nothing-here'));
      await poll(() => notice.isVisible()).toBe(true);
      await page.evaluate((id) => (location.hash = `#${id}`), T.ids[0]);
      await poll(() => notice.count()).toBe(0);
      await page.evaluate(() => (location.hash = '#nothing-here-either'));
      await poll(() => notice.isVisible()).toBe(true);
      await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
      await poll(() => notice.count()).toBe(0);
    });

    test('the notice is shown on other pages too (the home page)', async () => {
      await page.goto('/#not-a-section');
      await poll(() => page.locator('.missing-anchor').isVisible()).toBe(true);
    });

    if (label === 'phone') {
      test('the deepest reply keeps at least 280 px of width: indentation stops after three levels', async () => {
        await page.goto(`${T.path}#${T.deepest}`);
        const width = await page.locator(`#${T.deepest}`).evaluate((a) => a.getBoundingClientRect().width);
        expect(width).toBeGreaterThanOrEqual(280);
        // It still says what it answers.
        expect(await page.locator(`#${T.deepest} .comment-context a[href^="#c-"]`).count()).toBe(1);
      });
    }
  });
}

describe('accessibility with a comment folded and the list of keys open', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations in the ${scheme} theme`, async () => {
      const ctx = await s.context({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const page = await ctx.newPage();
      await page.goto(T.path);
      await page.locator(foldButton(T.folded.id)).click();
      await poll(() => page.locator(foldButton(T.folded.id)).getAttribute('aria-expanded')).toBe('false');
      const problems = (await axe(page)).map((v) => `folded: ${v}`);
      await page.goto(`${T.path}#c-no-such-comment`);
      await poll(() => page.locator('.missing-anchor').isVisible()).toBe(true);
      await page.locator(foldButton(T.folded.id)).click();
      await page.locator('h1').click();
      await page.keyboard.press('?');
      await poll(() => page.locator('dialog.keys-help').isVisible()).toBe(true);
      problems.push(...(await axe(page)).map((v) => `notice and keys open: ${v}`));
      await ctx.close();
      expectNone(problems, `accessibility problems in the ${scheme} theme`);
    }, 60_000);
  }
});

describe('a person page with profile comments', () => {
  test('folds its comments and moves between them', async () => {
    const person = sourcePaths('person').find((p) => dom(p).querySelectorAll('button[data-fold]').length > 1);
    expect(person, 'a person page with comments to fold').toBeTruthy();
    const page = await (await s.context()).newPage();
    await page.goto(person ?? '');
    const first = page.locator('button[data-fold]').first();
    await first.click();
    await poll(() => first.getAttribute('aria-expanded')).toBe('false');
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await poll(() => focusedComment(page)).toBeTruthy();
  });
});
