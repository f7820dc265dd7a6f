import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { load } from 'js-yaml';
import { axe, startSearchSession, type Session } from './helpers.ts';

// Search against the built Pagefind index, in Chromium: ranking, filters and the keyboard flow.
const ESSAY = '/essays/deceptive-alignment-is-less-than-1-likely-by-default/';
const THREAD = '/threads/deceptive-alignment-is-less-than-1-likely-by-default/';

/** Anchor of a comment by its key in the facts (C10, Q, V8 …), read from the generated file. */
function commentId(file: string, key: string): string {
  const text = readFileSync(`content/threads/${file}.mdx`, 'utf8');
  const fm = load(text.split(/^---$/m)[1] ?? '') as { comments: { id: string; key?: string }[] };
  const c = fm.comments.find((x) => x.key === key);
  if (!c) throw new Error(`no comment ${key} in ${file}`);
  return c.id;
}
const DA = 'deceptive-alignment-is-less-than-1-likely-by-default';

let s: Session;
let page: Page;
beforeAll(async () => {
  ({ session: s, page } = await startSearchSession());
});
afterAll(async () => {
  await s?.close();
});

interface Hit {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** URLs of the top results for a query, optionally filtered. */
async function top(q: string, filters: Record<string, string[]> = {}, n = 3): Promise<Hit[]> {
  return page.evaluate(
    async ({ q, filters, n }) => {
      const pf = (window as unknown as { pf: { search: (q: string, o: object) => Promise<{ results: { data: () => Promise<Hit> }[] }> } }).pf;
      const f = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, { any: v }]));
      const r = await pf.search(q, { filters: f });
      return Promise.all(
        r.results.slice(0, n).map(async (x) => {
          const d = await x.data();
          return { url: d.url, meta: d.meta, filters: d.filters };
        }),
      );
    },
    { q, filters, n },
  );
}

describe('ranking', () => {
  const cases: [string, string][] = [
    ['llama images counting argument', '/threads/scheming-ais/#c-quintin-pope-202311152230'],
    ['speed argument against schemers', '/threads/scheming-ais/#c-joe-carlsmith-202311280127'],
    ['curating this post', '/threads/scheming-ais/#c-jp-addison-202311281639'],
    ['differential adversarial examples definition', `${ESSAY}#definition`],
    ['Gather Town ad hoc meetings', `/people/vili-kohonen/#${commentId('vili-kohonen-profile', 'V8')}`],
    ['sleeper agents paper RLHF', `${THREAD}#${commentId(DA, 'C10')}`],
    ['effective altruist humans evolution', `${THREAD}#${commentId(DA, 'C1')}`],
    ['Quintin Pope', '/threads/scheming-ais/#c-quintin-pope-202311152230'],
    ['"infinitesimally longer-term"', `${ESSAY}#pre-trained-models-are-unlikely-to-have-long-term-goals`],
    ['"credit assignment"', `${ESSAY}#long-term-goals-how-likely`],
    // Our own pages are down-weighted against the sources but must stay findable by their titles.
    ['speed cost', '/glossary/speed-cost/'],
    ['speed costs and slack against scheming', '/arguments/speed-costs-and-slack-against-scheming/'],
  ];
  test.each(cases)('"%s" puts %s in the top three', async (q, anchor) => {
    const urls = (await top(q)).map((r) => r.url);
    expect(urls, `top results for "${q}"`).toContain(anchor);
  });
});

describe('filters', () => {
  test('kind narrows the results to comments', async () => {
    const all = await top('deceptive alignment', {}, 50);
    const comments = await top('deceptive alignment', { kind: ['Comment'] }, 50);
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.length).toBeLessThan(all.length);
    expect(comments.every((r) => r.filters['kind']?.[0] === 'Comment')).toBe(true);
  });
  test('author narrows the results to that author', async () => {
    const res = await top('training', { author: ['Quintin Pope'] }, 50);
    expect(res.length).toBeGreaterThan(0);
    expect(res.every((r) => r.filters['author']?.[0] === 'Quintin Pope')).toBe(true);
  });
  test('source narrows the results to one thread or essay', async () => {
    const res = await top('goal', { source: ['Deceptive Alignment is <1% Likely by Default'] }, 50);
    expect(res.length).toBeGreaterThan(3);
    expect(res.every((r) => r.url.startsWith(ESSAY))).toBe(true);
  });
});

describe('search UI', () => {
  test('/ focuses the header combobox, arrows move the active option, Enter lands on the passage with the words marked', async () => {
    const p = await (await s.context()).newPage();
    const requests: string[] = [];
    p.on('request', (r) => requests.push(r.url()));
    await p.goto('/about/');
    expect(requests.some((u) => u.includes('/pagefind/'))).toBe(false);
    await p.keyboard.press('/');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    const box = p.locator('#site-search-input');
    // The box becomes a combobox once its script has loaded, which focusing it starts.
    await expect.poll(() => box.getAttribute('role')).toBe('combobox');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await p.keyboard.type('llama images');
    await p.waitForSelector('#site-search-panel [role="listbox"] [role="option"]');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const listbox = await box.getAttribute('aria-controls');
    expect(await p.locator(`#${listbox}[role="listbox"]`).count()).toBe(1);
    const options = p.locator(`#${listbox} [role="option"]`);
    const ids = await options.evaluateAll((os) => os.map((o) => o.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    await p.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids[0]);
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    await p.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids[1]);
    await p.keyboard.press('ArrowUp');
    await p.keyboard.press('ArrowUp');
    // Past the first option the active one wraps to the last.
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids.at(-1));
    // Focus never leaves the box: the active option is announced through aria-activedescendant.
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.locator('#site-search-panel').isVisible()).toBe(false);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    await p.keyboard.press('ArrowDown');
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    await p.keyboard.press('ArrowDown');
    const first = await options.nth(0).getAttribute('href');
    expect(first).toMatch(/#c-/);
    await p.keyboard.press('Enter');
    await p.waitForURL(/#c-/);
    await expect.poll(() => new URL(p.url()).search).toBe('');
    await expect.poll(() => p.locator('mark.search-hit').count()).toBeGreaterThan(0);
    const target = decodeURIComponent(new URL(p.url()).hash.slice(1));
    expect(await p.evaluate((id) => document.getElementById(id)?.matches(':target'), target)).toBe(true);
  });

  test('Ctrl-K and ⌘-K open the header search from anywhere on the page, and on the /search/ page focus its box', async () => {
    const p = await (await s.context()).newPage();
    await p.goto('/about/');
    await p.locator('main h1').click();
    await p.keyboard.press('Control+k');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await p.locator('main h1').click();
    await p.keyboard.press('Meta+k');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await p.goto('/search/');
    await p.locator('main h1').click();
    await p.keyboard.press('Control+k');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('search-page-input');
  });

  test('/search/?q= runs the query on load and keeps the URL in step with the box', async () => {
    const p = await (await s.context()).newPage();
    await p.goto('/search/?q=llama');
    await p.waitForSelector('[data-search-list] a[data-search-result]');
    const first = await p.locator('[data-search-list] a[data-search-result]').first().getAttribute('href');
    await p.fill('#search-page-input', 'curating');
    await expect.poll(() => new URL(p.url()).searchParams.get('q')).toBe('curating');
    await p.locator('input[name="kind"][value="Comment"]').check();
    await expect.poll(() => new URL(p.url()).searchParams.getAll('kind')).toEqual(['Comment']);
    await p.reload();
    expect(await p.inputValue('#search-page-input')).toBe('curating');
    expect(await p.locator('input[name="kind"][value="Comment"]').isChecked()).toBe(true);
    await p.goto('/search/?q=llama');
    await p.waitForSelector('[data-search-list] a[data-search-result]');
    expect(await p.locator('[data-search-list] a[data-search-result]').first().getAttribute('href')).toBe(first);
  });

  test('one letter searches nothing; the second letter searches, and the panel lists six results', async () => {
    const p = await (await s.context()).newPage();
    const chunks: string[] = [];
    p.on('request', (r) => {
      if (r.url().includes('/pagefind/index/')) chunks.push(r.url());
    });
    await p.goto('/about/');
    await p.keyboard.press('/');
    await p.keyboard.type('g');
    // Give a search the time it would take (the engine is loading on focus meanwhile).
    await p.waitForTimeout(500);
    expect(await p.locator('#site-search-panel').isVisible()).toBe(false);
    expect(chunks).toEqual([]);
    await p.keyboard.type('o');
    await p.waitForSelector('#site-search-panel a[data-search-result]');
    expect(chunks.length).toBeGreaterThan(0);
    expect(await p.locator('#site-search-panel [role="option"][data-search-result]').count()).toBe(6);
  });

  test('/search/ shows ten results and fetches more only when asked, moving focus to the first new one', async () => {
    const p = await (await s.context()).newPage();
    const fragments: string[] = [];
    p.on('request', (r) => {
      if (r.url().includes('/pagefind/fragment/')) fragments.push(r.url());
    });
    await p.goto('/search/?q=goal');
    await p.waitForSelector('[data-search-list] a[data-search-result]');
    const links = p.locator('[data-search-list] a[data-search-result]');
    expect(await links.count()).toBe(10);
    expect(fragments.length).toBeLessThanOrEqual(10);
    const status = await p.locator('[data-search-status]').innerText();
    const total = Number(/^(\d+) results, showing the first 10$/.exec(status)?.[1]);
    expect(total).toBeGreaterThan(20);
    const more = p.locator('[data-search-more]');
    expect(await more.innerText()).toBe('Show 10 more');
    await more.click();
    await expect.poll(() => links.count()).toBe(20);
    expect(await p.evaluate(() => document.activeElement === document.querySelectorAll('[data-search-list] a[data-search-result]')[10])).toBe(true);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(20);
    expect(await p.locator('[data-search-status]').innerText()).toBe(`${total} results, showing the first 20`);
    // A new query starts again from ten.
    await p.fill('#search-page-input', 'counting');
    await expect.poll(() => links.count()).toBeLessThanOrEqual(10);
  });

  test('/search/ with one letter asks for another instead of searching', async () => {
    const p = await (await s.context()).newPage();
    await p.goto('/search/?q=g');
    // The engine and every filter load first, which on a busy machine takes a while.
    await expect.poll(() => p.locator('[data-search-status]').innerText(), { timeout: 10_000 }).toBe('Keep typing: searches start at two letters.');
    expect(await p.locator('[data-search-list] li').count()).toBe(0);
  });

  test('each filter value shows its count, and values with no match are left out', async () => {
    const p = await (await s.context()).newPage();
    await p.goto('/search/?q=llama');
    await p.waitForSelector('[data-search-filters] fieldset label .count');
    const counts = await p.$$eval('[data-search-filters] .count', (els) => els.map((e) => Number(e.textContent)));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n > 0)).toBe(true);
    // "llama" is in one comment and a few of our pages: most authors and kinds have no match.
    const authors = await p.$$eval('[data-search-filters] input[name="author"]', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(authors).not.toContain('Vili Kohonen');
    // A chosen value stays listed (so it can be unchosen) even when the query leaves it no match.
    await p.goto('/search/?q=llama&author=Vili%20Kohonen');
    await p.waitForSelector('[data-search-filters] input[name="author"]');
    expect(await p.locator('[data-search-filters] input[name="author"][value="Vili Kohonen"]').isChecked()).toBe(true);
  });

  test('without JavaScript, /search/ says search needs it and links to the sources', async () => {
    const p = await (await s.context({ javaScriptEnabled: false })).newPage();
    await p.goto('/search/');
    const text = await p.locator('main').innerText();
    expect(text).toContain('needs JavaScript');
    expect(await p.locator(`main a[href="${ESSAY}"]`).count()).toBeGreaterThan(0);
  });

  test('axe finds no violations with the search panel open or on the search page', async () => {
    const p = await (await s.context()).newPage();
    const check = () => axe(p);
    await p.goto('/about/');
    await p.keyboard.press('/');
    await p.keyboard.type('goal');
    await p.waitForSelector('#site-search-panel a[data-search-result]');
    expect(await check()).toEqual([]);
    await p.goto('/search/?q=goal');
    await p.waitForSelector('[data-search-list] a[data-search-result]');
    expect(await check()).toEqual([]);
  });
});
