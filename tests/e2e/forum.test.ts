// A thread imported from a forum's own data, built and opened in Chromium: the forum fixture
// (tests/fixtures/forum/lesswrong-thread.json) is imported and built in a scratch copy of the
// site (forum-site.ts), so the public site never holds it. Checks the reply tree, the anchors,
// deleted and retracted comments, the formulas, the quote links, that nothing from the hostile
// comment runs or loads, that no request leaves the origin, valid HTML, and axe in both themes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveDist, type Served } from '../../src/tools/serve-dist.ts';
import { buildForumFixtureSite, FIXTURE_SLUG } from './forum-site.ts';
import { ACTION_TIMEOUT, axe, CHROMIUM, CHROMIUM_ARGS, expectNone } from './helpers.ts';
import { scriptsRan } from '../../src/build/chromium.ts';

const THREAD = `/threads/${FIXTURE_SLUG}/`;
const ESSAY = `/essays/${FIXTURE_SLUG}/`;
const POST_URL = 'https://www.lesswrong.com/posts/FmTestPost0000001/counting-arguments-worked-example';
const IDS = [
  'Qx1TopLevelAaaaaa',
  'Qx2ReplyDepthOneB',
  'Qx3ReplyDepthTwoC',
  'Qx4ReplyDepth3Ddd',
  'Qx5ReplyDepth4Eee',
  'Qx6DeletedParentF',
  'Qx7LiveUnderDelGg',
  'Qx8DeeperUnderDel',
  'Qx9HostileMmmmmmm',
  'QxAMarkdownNnnnnn',
];

let site: ReturnType<typeof buildForumFixtureSite>;
let served: Served;
let browser: Browser;
const external: string[] = [];
const violations: string[] = [];

beforeAll(async () => {
  site = buildForumFixtureSite();
  served = await serveDist(site.dist);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  site?.cleanup();
});

/** A context that records requests leaving the origin and Content-Security-Policy violations. */
async function context(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: served.url, reducedMotion: 'reduce', ...options });
  ctx.setDefaultTimeout(ACTION_TIMEOUT);
  ctx.on('request', (r) => {
    if (!r.url().startsWith(`${served.url}/`) && !r.url().startsWith('data:')) external.push(r.url());
  });
  await ctx.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return ctx;
}

async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const ctx = await context(options);
  const page = await ctx.newPage();
  await page.goto(path, { waitUntil: 'networkidle' });
  await scriptsRan(page);
  return page;
}

describe('a thread imported from forum data', () => {
  test('shows the forum’s reply tree, four replies deep, each comment under its anchor c-<forum id>', async () => {
    const page = await open(THREAD);
    for (const id of IDS) expect(await page.locator(`article.comment#c-${id}`).count(), id).toBe(1);
    const depth = await page.locator('#c-Qx5ReplyDepth4Eee').evaluate((el) => {
      const chain: string[] = [];
      for (let ol = el.closest('ol.replies'); ol; ol = ol.parentElement?.closest('ol.replies') ?? null) chain.push(ol.id);
      return chain;
    });
    expect(depth).toEqual(['replies-c-Qx4ReplyDepth3Ddd', 'replies-c-Qx3ReplyDepthTwoC', 'replies-c-Qx2ReplyDepthOneB', 'replies-c-Qx1TopLevelAaaaaa']);
    await page.context().close();
  });

  test('lands on a comment from its anchor, and links each comment to its original on the forum', async () => {
    const page = await open(`${THREAD}#c-Qx8DeeperUnderDel`);
    const box = await page.locator('#c-Qx8DeeperUnderDel').boundingBox();
    expect(box && box.y >= 0 && box.y < 844).toBe(true);
    for (const id of IDS) {
      // Each comment's own footer (its replies have their own), linking to ?commentId=<its id>.
      const texts = await page.locator(`#c-${id} > .comment-foot a[href="${POST_URL}?commentId=${id}"]`).allTextContents();
      expect(texts, id).toEqual(['On LessWrong']);
    }
    await page.context().close();
  });

  test('keeps a deleted comment in place as “[deleted]” with its replies; strikes through a retracted one; shows negative karma as it is', async () => {
    const page = await open(THREAD);
    expect(await page.locator('#c-Qx6DeletedParentF .comment-deleted').allTextContents()).toEqual(['[deleted]']);
    expect(await page.locator('#replies-c-Qx6DeletedParentF #c-Qx7LiveUnderDelGg').count()).toBe(1);
    const decoration = await page.locator('#c-Qx3ReplyDepthTwoC .comment-body').evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(decoration).toContain('line-through');
    expect(await page.locator('#c-Qx3ReplyDepthTwoC').textContent()).toContain('Retracted by its author');
    expect(await page.locator('#c-Qx7LiveUnderDelGg .comment-head').textContent()).toContain('-3 karma');
    await page.context().close();
  });

  test('typesets every formula with KaTeX in its own fonts, and shows one KaTeX refuses as its source', async () => {
    const page = await open(THREAD);
    const shown = await page.locator('.comment-body .katex').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).length);
    expect(shown).toBe(5);
    expect(await page.locator('#c-Qx5ReplyDepth4Eee .math-display .katex-display').count()).toBe(1);
    expect(await page.locator('#c-Qx5ReplyDepth4Eee code.math-error').allTextContents()).toEqual(['\\(\\frac{1}{\\)', '\\(\\href{javascript:alert(1)}{x}\\)']);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
    const essay = await open(ESSAY);
    expect(await essay.locator('.essay-section .katex').count()).toBe(3);
    await page.context().close();
    await essay.context().close();
  });

  test('links a blockquote of the post to the passage it quotes', async () => {
    const page = await open(THREAD);
    const source = page.locator('#c-Qx1TopLevelAaaaaa blockquote[data-quote="found"] a.quote-source');
    expect(await source.count()).toBe(1);
    expect(await source.getAttribute('href')).toMatch(new RegExp(`^${ESSAY}#three-assumptions`));
    await page.context().close();
  });

  test('runs, loads and injects nothing from the hostile comment', async () => {
    const page = await open(THREAD);
    const hostile = page.locator('#c-Qx9HostileMmmmmmm');
    for (const link of await hostile.locator('.comment-body a').all()) await link.hover();
    await hostile.locator('.comment-body p').first().click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // Everything the forum's HTML became: the comment bodies (the page's own icons and controls are elsewhere).
    const found = await page.evaluate(() => {
      const bodies = [...document.querySelectorAll('main .comment-body')];
      const tags = 'script, style, iframe, frame, object, embed, img, svg, form, input, textarea, video, audio, link, meta, base';
      const bad = bodies.flatMap((b) => [...b.querySelectorAll(tags)].map((e) => e.tagName));
      const handlers = bodies.flatMap((b) =>
        [...b.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
      );
      return [...bad, ...handlers];
    });
    expectNone(found, 'elements or handlers that could run or load');
    const bodyScripts = await hostile.locator('script, iframe, img').count();
    expect(bodyScripts).toBe(0);
    const hrefs = await hostile.locator('.comment-body a').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    for (const h of hrefs) expect(h).toMatch(/^(https?:\/\/[^/]|#fm-)/);
    await page.context().close();
  });

  test('makes no request to another origin and trips no Content-Security-Policy', async () => {
    for (const path of [THREAD, ESSAY]) {
      const page = await open(path);
      await page.locator('.comment-body a, .essay-section a').first().hover();
      await page.context().close();
    }
    expectNone(external, 'requests to another origin');
    expectNone(violations, 'Content-Security-Policy violations');
  });

  test('is valid HTML', async () => {
    const config = JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const problems: string[] = [];
    for (const path of [THREAD, ESSAY]) {
      const report = await validator.validateString(readFileSync(join(site.dist, path, 'index.html'), 'utf8'), path);
      for (const r of report.results) for (const m of r.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expectNone(problems, 'HTML problems');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations in the ${scheme} theme`, async () => {
      const problems: string[] = [];
      for (const path of [THREAD, ESSAY]) {
        const ctx = await context({ colorScheme: scheme });
        await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
        const page = await ctx.newPage();
        await page.goto(path, { waitUntil: 'networkidle' });
        for (const v of await axe(page)) problems.push(`${path} [${scheme}] ${v}`);
        await ctx.close();
      }
      expectNone(problems, `accessibility problems in the ${scheme} theme`);
    }, 120_000);
  }
});
